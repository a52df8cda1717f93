package com.safepay.security;

import com.safepay.shared.AuditEvent;
import com.safepay.shared.Role;
import jakarta.annotation.security.RolesAllowed;
import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit log: who did what to which target, with which outcome, when (UTC) and from where. Records
 * {@link AuditEvent}s in the transaction that published them, so an action and its audit line commit
 * or roll back together.
 */
@Service
public class AuditLog {

    private final AuditEntryRepository entries;
    private final Clock clock;
    private final JdbcClient jdbc;

    AuditLog(AuditEntryRepository entries, Clock clock, JdbcClient jdbc) {
        this.entries = entries;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @EventListener
    @Transactional(propagation = Propagation.REQUIRED)
    public void on(AuditEvent event) {
        // Plain SQL: audit lines are written on hot paths (payments) and never read back in the same unit.
        AuditEntry entry = new AuditEntry(event, clock.instant());
        jdbc.sql("""
                        insert into audit_log (occurred_at, actor, action, target, outcome, client_ip, detail)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        Timestamp.from(entry.occurredAt()),
                        entry.actor(),
                        entry.action(),
                        entry.target(),
                        entry.outcome().name(),
                        entry.clientIp(),
                        entry.detail())
                .update();
    }

    /** Newest first; {@code text} filters on actor or target when not blank. */
    @RolesAllowed(Role.ADMIN_NAME)
    @Transactional(readOnly = true)
    public Page<AuditRecord> search(String text, Pageable page) {
        Page<AuditEntry> found = text == null || text.isBlank()
                ? entries.findAllByOrderByIdDesc(page)
                : entries.findByActorContainingIgnoreCaseOrTargetContainingIgnoreCaseOrderByIdDesc(
                        text.strip(), text.strip(), page);
        return found.map(AuditEntry::toRecord);
    }
}
