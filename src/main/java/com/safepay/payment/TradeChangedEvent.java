package com.safepay.payment;

import java.util.Objects;

/**
 * A trade was created or changed (status, payment, shipping, refunds). Published inside the
 * transaction of the change with the trade as it is after it and as it was before it, so that read
 * models kept by other features (reconciliation's daily sums) commit or roll back with the change
 * itself, and know what to move from where without reading anything.
 *
 * @param trade the trade after the change
 * @param previous the trade as it was before the change: the engine read it with its row locked (or
 *     changed it under a guard on exactly that state); null only when the change created the trade
 * @param created the change created the trade (there was nothing before)
 */
public record TradeChangedEvent(Trade trade, Trade previous, boolean created) {

    public TradeChangedEvent {
        Objects.requireNonNull(trade, "trade");
        if (created != (previous == null)) {
            throw new IllegalArgumentException("A changed trade comes with its previous state, a new one without");
        }
    }

    static TradeChangedEvent created(Trade trade) {
        return new TradeChangedEvent(trade, null, true);
    }

    static TradeChangedEvent changed(Trade previous, Trade trade) {
        return new TradeChangedEvent(trade, previous, false);
    }
}
