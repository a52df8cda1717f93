package com.safepay.payment;

/**
 * A trade was created or changed (status, payment, shipping, refunds). Published inside the
 * transaction of the change with the trade as it is after it, so that read models kept by other
 * features (reconciliation) commit or roll back with the change itself.
 *
 * @param trade the trade after the change
 * @param previous the trade as it was before the change, when the engine knows it exactly (it read
 *     the trade and changed it under a guard on that very state); else null
 * @param created the change created the trade (there was nothing before)
 */
public record TradeChangedEvent(Trade trade, Trade previous, boolean created) {

    /** A change after which read models look up what they had for the trade. */
    public TradeChangedEvent(Trade trade) {
        this(trade, null, false);
    }

    static TradeChangedEvent created(Trade trade) {
        return new TradeChangedEvent(trade, null, true);
    }

    static TradeChangedEvent changed(Trade previous, Trade trade) {
        return new TradeChangedEvent(trade, previous, false);
    }
}
