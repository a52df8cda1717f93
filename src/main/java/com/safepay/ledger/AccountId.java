package com.safepay.ledger;

/** A ledger account's id. */
public record AccountId(long value) {}
