package com.safepay.notification;

import java.time.Instant;

/** One delivery attempt: when, how long, what came back. */
public record Attempt(
        long id,
        int attemptNo,
        Instant startedAt,
        long latencyMs,
        Integer httpStatus,
        boolean succeeded,
        String responseExcerpt,
        String error) {}
