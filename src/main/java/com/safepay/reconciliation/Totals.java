package com.safepay.reconciliation;

import com.safepay.shared.Money;

/** 统计搜索结果的金额和笔数: count and sums of exactly the trades of a filter. Amounts in fen. */
public record Totals(long count, long amount, long refundTotal, long fee, long net) {

    public static final Totals ZERO = new Totals(0, 0, 0, 0, 0);

    public Totals plus(Totals other) {
        return new Totals(
                count + other.count,
                Math.addExact(amount, other.amount),
                Math.addExact(refundTotal, other.refundTotal),
                Math.addExact(fee, other.fee),
                Math.addExact(net, other.net));
    }

    public Totals plus(TradeRow row) {
        return plus(new Totals(1, row.amount(), row.refundTotal(), row.fee(), row.net()));
    }

    public Money amountMoney() {
        return Money.ofMinor(amount);
    }

    public Money refundMoney() {
        return Money.ofMinor(refundTotal);
    }

    public Money feeMoney() {
        return Money.ofMinor(fee);
    }

    public Money netMoney() {
        return Money.ofMinor(net);
    }
}
