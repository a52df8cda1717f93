package com.safepay.shared;

import java.util.Objects;

/**
 * Something worth an audit-log line. Features publish it with Spring's event publisher inside the
 * transaction of the action; the security module records it in that same transaction.
 *
 * @param actor who did it (username, or {@code anonymous}/{@code system})
 * @param action what was done, a stable code such as {@code LOGIN} or {@code WITHDRAWAL_REQUEST}
 * @param target what it was done to (user name, trade no, ...), may be empty
 * @param outcome {@link Outcome#SUCCESS}, {@link Outcome#FAILURE} or {@link Outcome#DENIED}
 * @param clientIp the client's address, or {@code null} for background work
 * @param detail what else is worth knowing, as a message the audit log shows in its reader's language;
 *     may be {@code null}
 */
public record AuditEvent(
        String actor, String action, String target, Outcome outcome, String clientIp, AuditDetail detail) {

    public enum Outcome {
        SUCCESS,
        FAILURE,
        DENIED
    }

    public AuditEvent {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        target = target == null ? "" : target;
    }
}
