package com.safepay.merchant;

import com.safepay.shared.Money;

/**
 * A merchant's balances.
 *
 * @param available 可用余额: may be withdrawn or used for refunds
 * @param escrow paid escrow trades awaiting the buyer's confirmation (part of 不可用余额)
 * @param withdrawing withdrawals sent to the bank and not yet paid out (part of 不可用余额)
 */
public record MerchantBalances(Money available, Money escrow, Money withdrawing) {

    /** 不可用余额: escrow awaiting confirmation plus withdrawals in progress. */
    public Money unavailable() {
        return escrow.plus(withdrawing);
    }

    public Money total() {
        return available.plus(unavailable());
    }
}
