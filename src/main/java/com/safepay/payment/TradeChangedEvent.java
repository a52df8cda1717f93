package com.safepay.payment;

/**
 * A trade was created or changed (status, payment, shipping, refunds). Published inside the
 * transaction of the change with the trade as it is after it, so that read models kept by other
 * features (reconciliation) commit or roll back with the change itself.
 */
public record TradeChangedEvent(Trade trade) {}
