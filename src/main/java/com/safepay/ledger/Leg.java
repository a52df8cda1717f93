package com.safepay.ledger;

/** One side of a journal entry: {@code amount} minor units added to (positive) or taken from an account. */
public record Leg(AccountId account, long amount) {

    public Leg {
        if (amount == 0) {
            throw new IllegalArgumentException("A posting moves money: amount must not be zero");
        }
    }

    public static Leg debit(AccountId account, long amount) {
        return new Leg(account, -amount);
    }

    public static Leg credit(AccountId account, long amount) {
        return new Leg(account, amount);
    }
}
