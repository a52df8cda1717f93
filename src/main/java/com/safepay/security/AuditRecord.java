package com.safepay.security;

import com.safepay.shared.AuditDetail;
import com.safepay.shared.AuditEvent;
import java.time.Instant;

/**
 * An audit-log line as read back.
 *
 * @param detail the free text of a line written before details were structured, else {@code null}
 * @param structuredDetail the detail as a message key and arguments, {@code null} for older lines
 */
public record AuditRecord(
        long id,
        Instant occurredAt,
        String actor,
        String action,
        String target,
        AuditEvent.Outcome outcome,
        String clientIp,
        String detail,
        AuditDetail structuredDetail) {}
