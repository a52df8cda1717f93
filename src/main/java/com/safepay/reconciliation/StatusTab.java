package com.safepay.reconciliation;

import com.safepay.payment.TradeStatus;

/** The status tabs of 交易明细; each is a condition on top of the search. */
public enum StatusTab {
    ALL(null),
    /**
     * 已付款: every trade the buyer paid, whatever happened after (shipped, finished, refunded in part
     * or in full); what the account view counts as money received.
     */
    PAID(null),
    WAIT_BUYER_PAY(TradeStatus.WAIT_BUYER_PAY),
    WAIT_SELLER_SEND(TradeStatus.WAIT_SELLER_SEND),
    WAIT_BUYER_CONFIRM(TradeStatus.WAIT_BUYER_CONFIRM),
    /** Trades with any refund, whatever their status. */
    REFUNDS(null),
    SUCCESS(TradeStatus.TRADE_SUCCESS),
    /** 交易失败: closed (timed out, closed unpaid or fully refunded). */
    CLOSED(TradeStatus.TRADE_CLOSED),
    /** 历史记录: finished, no longer refundable. */
    FINISHED(TradeStatus.TRADE_FINISHED);

    private final TradeStatus status;

    StatusTab(TradeStatus status) {
        this.status = status;
    }

    /** The one status of this tab, or {@code null} for ALL, PAID and REFUNDS. */
    TradeStatus status() {
        return status;
    }

    /** Whether a trade of {@code status}, refunded or not, shows in this tab. */
    boolean matches(TradeStatus tradeStatus, boolean refunded) {
        return switch (this) {
            case ALL -> true;
            case REFUNDS -> refunded;
            // a closed trade was paid only if it was refunded (in full, which closed it)
            case PAID ->
                tradeStatus != TradeStatus.WAIT_BUYER_PAY && (tradeStatus != TradeStatus.TRADE_CLOSED || refunded);
            default -> status == tradeStatus;
        };
    }
}
