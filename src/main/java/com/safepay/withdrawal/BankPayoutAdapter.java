package com.safepay.withdrawal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The bank that pays withdrawals out. {@code submit} must be idempotent on {@link Payout#reference()}
 * (a repeated submit after a lost answer pays once), and {@code query} tells the outcome of a
 * submitted payout. The sandbox implementation is {@code sandbox.SandboxBank}; a production
 * deployment provides its bank's adapter as a bean and sets {@code safepay.bank.adapter}.
 */
public interface BankPayoutAdapter {

    /** What to pay: our reference (idempotency key), amount in fen, the account. */
    record Payout(
            String reference, long amount, String accountNumber, String holderName, Bank bank, Instant requestedAt) {}

    enum Outcome {
        /** Paid out. */
        PAID,
        /** Refused for good; {@link Answer#reason()} says why. */
        DECLINED,
        /** Accepted, not settled yet: ask again later. */
        PENDING
    }

    record Answer(Outcome outcome, String reason) {}

    /**
     * Sends a payout.
     *
     * @throws BankUnavailableException when the answer is lost (timeout, connection reset): the
     *     outcome is unknown and must be found out with {@link #query}
     */
    Answer submit(Payout payout);

    /**
     * How long a payout usually takes from request to money in the account, if this bank promises
     * one; merchants see it before they confirm. Empty: the bank's own processing time applies.
     */
    default Optional<Duration> typicalSettlement() {
        return Optional.empty();
    }

    /** Asks the outcome of an earlier submit. @throws BankUnavailableException when there is no answer */
    Answer query(Payout payout);

    class BankUnavailableException extends RuntimeException {

        public BankUnavailableException(String message) {
            super(message);
        }
    }
}
