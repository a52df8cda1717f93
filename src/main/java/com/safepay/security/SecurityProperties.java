package com.safepay.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param maxFailedAttempts wrong passwords in a row that lock an account
 * @param lockDuration how long a locked account stays locked
 */
@ConfigurationProperties("safepay.security")
record SecurityProperties(int maxFailedAttempts, Duration lockDuration) {

    SecurityProperties {
        if (maxFailedAttempts < 1) {
            throw new IllegalArgumentException("safepay.security.max-failed-attempts must be at least 1");
        }
        if (lockDuration == null || lockDuration.isNegative() || lockDuration.isZero()) {
            throw new IllegalArgumentException("safepay.security.lock-duration must be positive");
        }
    }
}
