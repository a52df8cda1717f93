package com.safepay.notification;

import java.time.Instant;

/** A notification as the monitor shows it. */
public record Notification(
        long id,
        String notifyId,
        long merchantId,
        String tradeNo,
        String notifyType,
        String eventKind,
        String notifyUrl,
        NotificationStatus status,
        int attempts,
        int maxAttempts,
        Instant nextAttemptAt,
        Instant createdAt,
        Instant lastAttemptAt,
        Instant succeededAt) {}
