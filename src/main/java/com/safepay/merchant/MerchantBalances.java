package com.safepay.merchant;

import com.safepay.shared.Money;

/**
 * A merchant's balances.
 *
 * @param available 可用余额: may be withdrawn or used for refunds
 * @param escrow paid escrow trades awaiting the buyer's confirmation (part of 不可用余额)
 */
public record MerchantBalances(Money available, Money escrow) {

    public Money unavailable() {
        return escrow;
    }

    public Money total() {
        return available.plus(unavailable());
    }
}
