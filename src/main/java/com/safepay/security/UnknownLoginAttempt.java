package com.safepay.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;

/** Failed sign-ins under a user name that does not exist: locked the same way, so names cannot be probed. */
@Entity
@Table(name = "unknown_login_attempt")
class UnknownLoginAttempt {

    @Id
    private String username;

    @Column(name = "failed_attempts", nullable = false)
    private int failedAttempts;

    @Column(name = "locked_until")
    private Instant lockedUntil;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected UnknownLoginAttempt() {}

    UnknownLoginAttempt(String username, Instant now) {
        this.username = username;
        this.updatedAt = now;
    }

    boolean isLockedAt(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    boolean recordFailure(Instant now, int maxFailures, Duration lockFor) {
        updatedAt = now;
        failedAttempts++;
        if (failedAttempts >= maxFailures) {
            lockedUntil = now.plus(lockFor);
            failedAttempts = 0;
            return true;
        }
        return false;
    }
}
