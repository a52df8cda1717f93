package com.safepay.payment;

/**
 * Something a merchant is told about asynchronously (merchant-api.md, "Asynchronous notification"):
 * a trade paid, an escrow trade confirmed, a trade finished, a refund succeeded. Published inside the
 * transaction of the change, with the trade as it is after it.
 *
 * @param refund the refund, for {@link Kind#REFUND_SUCCEEDED}; otherwise {@code null}
 */
public record TradeNotifiableEvent(Kind kind, Trade trade, Refund refund) {

    public enum Kind {
        TRADE_PAID,
        TRADE_CONFIRMED,
        TRADE_FINISHED,
        REFUND_SUCCEEDED
    }
}
