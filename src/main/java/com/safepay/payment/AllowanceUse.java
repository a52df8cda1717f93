package com.safepay.payment;

import com.safepay.shared.Money;

/**
 * How much of a merchant's free monthly allowance (免费交易流量) is used: the trades created this
 * calendar month that were paid ({@code received}, refunds not deducted) and those that can still be
 * paid ({@code payable}). {@code trade/create} refuses a trade that would take {@link #used()} past
 * the allowance; the account view shows both parts.
 */
public record AllowanceUse(Money received, Money payable) {

    public Money used() {
        return Money.ofMinor(Math.addExact(received.minorUnits(), payable.minorUnits()));
    }
}
