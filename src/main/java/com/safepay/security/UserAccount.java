package com.safepay.security;

import com.safepay.shared.Role;
import java.time.Instant;

/** A back-office user as the admin sees it; never carries the password hash. */
public record UserAccount(
        long id,
        String username,
        Role role,
        Long merchantId,
        boolean enabled,
        boolean locked,
        Instant lockedUntil,
        Instant lastLoginAt,
        String lastLoginIp) {}
