package com.safepay.ledger;

/** A customer account would go below zero; nothing was posted. */
public class InsufficientFundsException extends RuntimeException {

    private final AccountId account;

    public InsufficientFundsException(AccountId account) {
        super("Insufficient funds in account " + account.value());
        this.account = account;
    }

    public AccountId account() {
        return account;
    }
}
