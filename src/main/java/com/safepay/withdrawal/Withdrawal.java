package com.safepay.withdrawal;

import java.time.Instant;

/** A withdrawal as the records show it. */
public record Withdrawal(
        long id,
        String withdrawalNo,
        long merchantId,
        String requestId,
        long bankAccountId,
        Bank bank,
        String maskedNumber,
        long amount,
        WithdrawalStatus status,
        String failureReason,
        String requestedBy,
        Instant requestedAt,
        Instant sentAt,
        Instant finishedAt) {}
