package com.safepay.ledger;

import java.time.Instant;

/** A posting as the account ledger (账户明细) shows it. */
public record PostingLine(
        long postingId,
        long entryId,
        AccountId account,
        long amount,
        EntryType entryType,
        String reference,
        Instant createdAt) {}
