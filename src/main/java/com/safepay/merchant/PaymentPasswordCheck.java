package com.safepay.merchant;

/**
 * The answer to a merchant payment password (支付密码).
 *
 * @param remainingTries tries left today after a wrong password
 */
public record PaymentPasswordCheck(Outcome outcome, int remainingTries) {

    public enum Outcome {
        OK,
        WRONG,
        /** Three wrong passwords today: refused until tomorrow (China time). */
        LOCKED_TODAY,
        /** No payment password has been set for this merchant. */
        NOT_SET
    }

    public boolean isOk() {
        return outcome == Outcome.OK;
    }
}
