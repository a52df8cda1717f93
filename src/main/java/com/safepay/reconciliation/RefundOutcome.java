package com.safepay.reconciliation;

import com.safepay.payment.Refund;
import com.safepay.payment.Trade;

/**
 * What a back-office refund came to.
 *
 * @param refund the refund, when {@link Status#REFUNDED} or {@link Status#ALREADY_DONE}
 * @param trade the trade after it
 * @param remainingTries tries left after a wrong payment password
 */
public record RefundOutcome(Status status, Refund refund, Trade trade, int remainingTries) {

    public enum Status {
        REFUNDED,
        /** The same request was made before: nothing moved again. */
        ALREADY_DONE,
        WRONG_PASSWORD,
        /** Too many wrong payment passwords: refunds are locked for a while. */
        PASSWORD_LOCKED,
        /** The merchant has no payment password yet. */
        NO_PASSWORD
    }
}
