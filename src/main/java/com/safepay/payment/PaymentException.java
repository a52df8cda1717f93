package com.safepay.payment;

/** A business rule refused the request; nothing changed. {@link #reason()} is the API's sub_code. */
public class PaymentException extends RuntimeException {

    public enum Reason {
        TRADE_NOT_EXIST,
        REFUND_NOT_EXIST,
        TRADE_STATUS_ERROR,
        ORDER_NO_CONFLICT,
        REQUEST_NO_CONFLICT,
        REFUND_AMOUNT_EXCEEDED,
        MERCHANT_QUOTA_EXCEEDED,
        INSUFFICIENT_MERCHANT_BALANCE,
        /** The buyer's wallet cannot pay the trade. */
        INSUFFICIENT_BALANCE,
        /** The trade's payment time is over. */
        TRADE_EXPIRED,
        MERCHANT_DISABLED
    }

    private final Reason reason;

    public PaymentException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
