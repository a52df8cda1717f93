package com.safepay.security;

import com.safepay.shared.AuditDetail;
import com.safepay.shared.AuditEvent;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One line of the audit log. Written once, never changed. */
@Entity
@Table(name = "audit_log")
class AuditEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant occurredAt;

    @Column(nullable = false, updatable = false)
    private String actor;

    @Column(nullable = false, updatable = false)
    private String action;

    @Column(nullable = false, updatable = false)
    private String target;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private AuditEvent.Outcome outcome;

    @Column(name = "client_ip", updatable = false)
    private String clientIp;

    /** Free text: what lines written before details were structured hold. */
    @Column(updatable = false)
    private String detail;

    @Column(name = "detail_key", updatable = false)
    private String detailKey;

    @Column(name = "detail_args", updatable = false)
    private String detailArgs;

    protected AuditEntry() {}

    AuditEntry(AuditEvent event, Instant occurredAt) {
        this.occurredAt = occurredAt;
        this.actor = truncate(event.actor(), 64);
        this.action = truncate(event.action(), 64);
        this.target = truncate(event.target(), 256);
        this.outcome = event.outcome();
        this.clientIp = truncate(event.clientIp(), 64);
        if (event.detail() != null) {
            this.detailKey = truncate(event.detail().key(), 100);
            this.detailArgs = event.detail().encodedArgs();
        }
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    Instant occurredAt() {
        return occurredAt;
    }

    String actor() {
        return actor;
    }

    String action() {
        return action;
    }

    String target() {
        return target;
    }

    AuditEvent.Outcome outcome() {
        return outcome;
    }

    String clientIp() {
        return clientIp;
    }

    String detail() {
        return detail;
    }

    String detailKey() {
        return detailKey;
    }

    String detailArgs() {
        return detailArgs;
    }

    AuditRecord toRecord() {
        return new AuditRecord(
                id,
                occurredAt,
                actor,
                action,
                target,
                outcome,
                clientIp,
                detail,
                detailKey == null ? null : AuditDetail.decode(detailKey, detailArgs));
    }
}
