package com.safepay.payment;

import java.time.Instant;

/** A completed refund. Amounts in fen. */
public record Refund(
        long id, long tradeId, String outRequestNo, long amount, long feeRefund, String reason, Instant createdAt) {}
