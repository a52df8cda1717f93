package com.safepay.reconciliation;

import com.safepay.payment.TradeStatus;
import com.safepay.payment.TradeType;
import com.safepay.shared.Money;
import java.time.Instant;

/**
 * One line of 交易明细. Amounts in fen.
 *
 * @param counterparty the buyer's masked account, {@code null} while unpaid
 * @param fee the fee the trade still pays (fee less fee refunded); 0 while unpaid
 * @param net what the merchant keeps: amount less refunds less fee; 0 while unpaid
 */
public record TradeRow(
        long tradeId,
        String tradeNo,
        String outTradeNo,
        Instant createdAt,
        TradeType type,
        TradeStatus status,
        String subject,
        String counterparty,
        long amount,
        long refundTotal,
        long fee,
        long net) {

    public boolean hasRefund() {
        return refundTotal > 0;
    }

    public Money amountMoney() {
        return Money.ofMinor(amount);
    }
}
