package com.safepay.shared;

import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;

/**
 * The signed-in back-office user, as features see it. Implemented by the security module, so features
 * need not depend on it.
 */
public interface CurrentUser {

    /** The signed-in user, if any. */
    Optional<SignedInUser> get();

    /** The signed-in user; fails when nobody is signed in. */
    default SignedInUser require() {
        return get().orElseThrow(() -> new IllegalStateException("No user is signed in"));
    }

    /**
     * A snapshot taken at sign-in.
     *
     * @param merchantId the merchant the user belongs to; {@code null} for ADMIN
     * @param zone the time zone times are shown in (the merchant's, or Asia/Shanghai)
     * @param previousLoginAt the sign-in before this one, {@code null} on a first sign-in
     */
    record SignedInUser(
            long userId,
            String username,
            Role role,
            Long merchantId,
            ZoneId zone,
            Locale locale,
            Instant previousLoginAt,
            String previousLoginIp)
            implements Serializable {

        public boolean is(Role other) {
            return role == other;
        }
    }
}
