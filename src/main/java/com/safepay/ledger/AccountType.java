package com.safepay.ledger;

/** What an account holds. Customer accounts hold somebody else's money and never go below zero. */
public enum AccountType {
    /** A buyer's wallet balance. */
    BUYER_WALLET(true),
    /** A merchant's available balance (可用余额). */
    MERCHANT_AVAILABLE(true),
    /** Escrow trades paid but not yet confirmed: part of the merchant's unavailable balance (不可用余额). */
    MERCHANT_ESCROW(true),
    /** Withdrawals under way: part of the merchant's unavailable balance until the bank pays out. */
    MERCHANT_WITHDRAWING(true),
    /** SafePay's fee income. */
    PLATFORM_FEE_INCOME(false),
    /** Money at SafePay's banks: deposits come from it, payouts go to it. */
    BANK_SETTLEMENT(false);

    private final boolean customer;

    AccountType(boolean customer) {
        this.customer = customer;
    }

    public boolean isCustomer() {
        return customer;
    }

    /** Platform accounts exist once; others once per owner. */
    public boolean isPlatform() {
        return !customer;
    }

    String code(Long ownerId) {
        return isPlatform() ? name() : name() + ":" + ownerId;
    }
}
