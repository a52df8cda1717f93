package com.safepay.payment;

import com.safepay.shared.Money;
import java.time.Instant;

/** A trade as stored. Amounts in fen. */
public record Trade(
        long id,
        String tradeNo,
        long merchantId,
        String outTradeNo,
        String subject,
        String body,
        long totalAmount,
        TradeType type,
        TradeStatus status,
        String notifyUrl,
        String returnUrl,
        String timeoutExpress,
        int feeRatePpm,
        long feeAmount,
        long refundTotal,
        long feeRefunded,
        Long buyerId,
        String buyerAccount,
        String riskTier,
        Instant createdAt,
        Instant expiresAt,
        Instant paidAt,
        Instant shippedAt,
        Instant confirmDueAt,
        Instant confirmedAt,
        Instant finishDueAt,
        Instant finishedAt,
        Instant closedAt,
        String closeReason) {

    /** This trade with its database id and trade no. */
    Trade withId(long newId, String newTradeNo) {
        return new Trade(
                newId,
                newTradeNo,
                merchantId,
                outTradeNo,
                subject,
                body,
                totalAmount,
                type,
                status,
                notifyUrl,
                returnUrl,
                timeoutExpress,
                feeRatePpm,
                feeAmount,
                refundTotal,
                feeRefunded,
                buyerId,
                buyerAccount,
                riskTier,
                createdAt,
                expiresAt,
                paidAt,
                shippedAt,
                confirmDueAt,
                confirmedAt,
                finishDueAt,
                finishedAt,
                closedAt,
                closeReason);
    }

    /** This trade as a payment leaves it. */
    Trade paid(TradeStatus to, long payer, String payerAccount, String tier, Instant at, Instant finishDue) {
        return withPayment(to, payer, payerAccount, tier, at, finishDue);
    }

    /**
     * This paid trade as it was just before its payment: waiting for payment, no buyer, no payment
     * time, no end of the refund window (what {@link #paid} sets, and only that).
     */
    Trade unpaid() {
        return withPayment(TradeStatus.WAIT_BUYER_PAY, null, null, null, null, null);
    }

    private Trade withPayment(
            TradeStatus to, Long payer, String payerAccount, String tier, Instant at, Instant finishDue) {
        return new Trade(
                id,
                tradeNo,
                merchantId,
                outTradeNo,
                subject,
                body,
                totalAmount,
                type,
                to,
                notifyUrl,
                returnUrl,
                timeoutExpress,
                feeRatePpm,
                feeAmount,
                refundTotal,
                feeRefunded,
                payer,
                payerAccount,
                tier,
                createdAt,
                expiresAt,
                at,
                shippedAt,
                confirmDueAt,
                confirmedAt,
                finishDue,
                finishedAt,
                closedAt,
                closeReason);
    }

    public Money total() {
        return Money.ofMinor(totalAmount);
    }

    public boolean isPaid() {
        return paidAt != null;
    }

    /** What the merchant keeps of this trade once settled: amount less refunds less the fee it still pays. */
    public long net() {
        return (totalAmount - refundTotal) - (feeAmount - feeRefunded);
    }
}
