package com.safepay.payment;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The six trade statuses and every allowed transition, in one place. Anything not listed here is
 * refused with {@link IllegalTransitionException}.
 */
public enum TradeStatus {
    /** 等待付款 */
    WAIT_BUYER_PAY,
    /** 等待发货 (escrow) */
    WAIT_SELLER_SEND,
    /** 等待确认收货 (escrow) */
    WAIT_BUYER_CONFIRM,
    /** 交易成功: refundable */
    TRADE_SUCCESS,
    /** 交易完成: the refund window has ended */
    TRADE_FINISHED,
    /** 交易关闭: timed out, closed unpaid, or fully refunded */
    TRADE_CLOSED;

    /** What happens to a trade. */
    public enum Event {
        PAY,
        SHIP,
        CONFIRM,
        FINISH,
        CLOSE_UNPAID,
        REFUND_ALL
    }

    private static final Set<TradeStatus> REFUNDABLE = EnumSet.of(WAIT_SELLER_SEND, WAIT_BUYER_CONFIRM, TRADE_SUCCESS);

    private static final Map<TradeStatus, Map<Event, TradeStatus>> TRANSITIONS = Map.of(
            WAIT_BUYER_PAY, Map.of(Event.CLOSE_UNPAID, TRADE_CLOSED),
            WAIT_SELLER_SEND, Map.of(Event.SHIP, WAIT_BUYER_CONFIRM, Event.REFUND_ALL, TRADE_CLOSED),
            WAIT_BUYER_CONFIRM, Map.of(Event.CONFIRM, TRADE_SUCCESS, Event.REFUND_ALL, TRADE_CLOSED),
            TRADE_SUCCESS, Map.of(Event.FINISH, TRADE_FINISHED, Event.REFUND_ALL, TRADE_CLOSED),
            TRADE_FINISHED, Map.of(),
            TRADE_CLOSED, Map.of());

    /** The status after {@code event}; payment depends on the trade type. */
    public TradeStatus next(Event event, TradeType type) {
        if (this == WAIT_BUYER_PAY && event == Event.PAY) {
            return type == TradeType.INSTANT ? TRADE_SUCCESS : WAIT_SELLER_SEND;
        }
        if (type == TradeType.INSTANT && (event == Event.SHIP || event == Event.CONFIRM)) {
            throw new IllegalTransitionException(this, event);
        }
        TradeStatus next = TRANSITIONS.get(this).get(event);
        if (next == null) {
            throw new IllegalTransitionException(this, event);
        }
        return next;
    }

    /** Refunds (full or partial) are accepted only here. */
    public boolean isRefundable() {
        return REFUNDABLE.contains(this);
    }

    /** Money has reached the merchant's available balance (instant, or escrow after confirmation). */
    public boolean isSettledToMerchant() {
        return this == TRADE_SUCCESS || this == TRADE_FINISHED;
    }

    public static final class IllegalTransitionException extends RuntimeException {

        public IllegalTransitionException(TradeStatus from, Event event) {
            super("No transition " + event + " from " + from);
        }
    }
}
