package com.safepay.ledger;

import java.time.Instant;

/** A line of an account statement (账户明细): the posting and the account's balance right after it. */
public record StatementLine(
        long postingId, Instant createdAt, long amount, long balanceAfter, EntryType entryType, String reference) {}
