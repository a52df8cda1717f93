package com.safepay.security;

import com.safepay.shared.AuditEvent;
import java.time.Instant;

/** An audit-log line as read back. */
public record AuditRecord(
        long id,
        Instant occurredAt,
        String actor,
        String action,
        String target,
        AuditEvent.Outcome outcome,
        String clientIp,
        String detail) {}
