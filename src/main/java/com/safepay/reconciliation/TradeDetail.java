package com.safepay.reconciliation;

import com.safepay.ledger.EntryType;
import com.safepay.notification.Attempt;
import com.safepay.notification.Notification;
import com.safepay.payment.Refund;
import com.safepay.payment.Trade;
import com.safepay.payment.TradeStatus;
import com.safepay.payment.TradeType;
import java.time.Instant;
import java.util.List;

/**
 * Everything about one trade for the detail: the trade, its fee and net as 交易明细 counts them, its
 * ledger postings, refunds and notifications.
 *
 * @param fee the fee the trade still pays, 0 while unpaid
 * @param net what the merchant keeps, 0 while unpaid
 * @param actionsAllowed whether the viewer may ship and refund (MERCHANT, not FINANCE)
 */
public record TradeDetail(
        Trade trade,
        long fee,
        long net,
        List<Posting> postings,
        List<Refund> refunds,
        List<NotificationLog> notifications,
        boolean actionsAllowed) {

    /** Whose account a posting moved. */
    public enum Party {
        BUYER,
        MERCHANT_AVAILABLE,
        MERCHANT_ESCROW,
        PLATFORM_FEE
    }

    public record Posting(EntryType entryType, String reference, Instant at, Party party, long amount) {}

    /** A notification and, for merchants, its attempts (finance staff see the summary only). */
    public record NotificationLog(Notification notification, List<Attempt> attempts) {}

    public boolean canShip() {
        return actionsAllowed && trade.type() == TradeType.ESCROW && trade.status() == TradeStatus.WAIT_SELLER_SEND;
    }

    public boolean canRefund() {
        return actionsAllowed && trade.status().isRefundable() && refundable() > 0;
    }

    /** What may still be refunded, in fen. */
    public long refundable() {
        return trade.totalAmount() - trade.refundTotal();
    }
}
