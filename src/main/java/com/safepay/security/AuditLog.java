package com.safepay.security;

import com.safepay.shared.AuditEvent;
import com.safepay.shared.Role;
import com.safepay.shared.TransactionBuffer;
import com.safepay.shared.jdbc.MultiRowInsert;
import com.safepay.shared.jdbc.StatementPipeline;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.JdbcTemplate;
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
    private final JdbcTemplate jdbcTemplate;

    AuditLog(AuditEntryRepository entries, Clock clock, JdbcTemplate jdbcTemplate) {
        this.entries = entries;
        this.jdbcTemplate = jdbcTemplate;
        this.clock = clock;
    }

    /** Audit lines of the current transaction, written together just before it commits. */
    private final TransactionBuffer<AuditEntry> lines = new TransactionBuffer<>("audit lines", this::write);

    private static final MultiRowInsert AUDIT_LOG = new MultiRowInsert(
            "audit_log (occurred_at, actor, action, target, outcome, client_ip, detail_key, detail_args)", 8);

    @EventListener
    @Transactional(propagation = Propagation.REQUIRED)
    public void on(AuditEvent event) {
        lines.add(new AuditEntry(event, clock.instant()));
    }

    // Plain SQL: audit lines are written on hot paths (payments) and never read back in the same unit.
    private void write(List<AuditEntry> entries, StatementPipeline pipeline) {
        pipeline.insert(
                jdbcTemplate,
                AUDIT_LOG,
                entries.stream()
                        .map(entry -> new Object[] {
                            entry.occurredAt(),
                            entry.actor(),
                            entry.action(),
                            entry.target(),
                            entry.outcome().name(),
                            entry.clientIp(),
                            entry.detailKey(),
                            entry.detailArgs()
                        })
                        .toList());
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
