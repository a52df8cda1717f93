package com.safepay.security;

import com.safepay.shared.Role;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

@Entity
@Table(name = "app_user")
class AppUser {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, updatable = false)
    private String username;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Role role;

    @Column(name = "merchant_id")
    private Long merchantId;

    @Column(nullable = false)
    private boolean enabled = true;

    @Column(name = "failed_attempts", nullable = false)
    private int failedAttempts;

    @Column(name = "locked_until")
    private Instant lockedUntil;

    @Column(name = "last_login_at")
    private Instant lastLoginAt;

    @Column(name = "last_login_ip")
    private String lastLoginIp;

    @Column(name = "previous_login_at")
    private Instant previousLoginAt;

    @Column(name = "previous_login_ip")
    private String previousLoginIp;

    @Column(nullable = false)
    private String locale = "zh-CN";

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected AppUser() {}

    AppUser(String username, String passwordHash, Role role, Long merchantId, Instant createdAt) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.role = role;
        this.merchantId = merchantId;
        this.createdAt = createdAt;
    }

    boolean isLockedAt(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    /** Counts a wrong password; returns true when this failure locks the account. */
    boolean recordFailure(Instant now, int maxFailures, Duration lockFor) {
        failedAttempts++;
        if (failedAttempts >= maxFailures) {
            lockedUntil = now.plus(lockFor);
            failedAttempts = 0;
            return true;
        }
        return false;
    }

    void recordSuccess(Instant now, String clientIp) {
        failedAttempts = 0;
        lockedUntil = null;
        previousLoginAt = lastLoginAt;
        previousLoginIp = lastLoginIp;
        lastLoginAt = now;
        lastLoginIp = clientIp;
    }

    Long getId() {
        return id;
    }

    String getUsername() {
        return username;
    }

    String getPasswordHash() {
        return passwordHash;
    }

    Role getRole() {
        return role;
    }

    Long getMerchantId() {
        return merchantId;
    }

    boolean isEnabled() {
        return enabled;
    }

    void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    int getFailedAttempts() {
        return failedAttempts;
    }

    Instant getLockedUntil() {
        return lockedUntil;
    }

    Instant getLastLoginAt() {
        return lastLoginAt;
    }

    String getLastLoginIp() {
        return lastLoginIp;
    }

    Instant getPreviousLoginAt() {
        return previousLoginAt;
    }

    String getPreviousLoginIp() {
        return previousLoginIp;
    }

    Locale getLocale() {
        return Locale.forLanguageTag(locale);
    }

    void setLocale(Locale locale) {
        this.locale = locale.toLanguageTag();
    }
}
