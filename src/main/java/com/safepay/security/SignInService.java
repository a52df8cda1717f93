package com.safepay.security;

import com.safepay.merchant.MerchantService;
import com.safepay.merchant.MerchantView;
import com.safepay.shared.AuditDetail;
import com.safepay.shared.AuditEvent;
import com.safepay.shared.AuditEvent.Outcome;
import com.safepay.shared.CurrentUser.SignedInUser;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checks a user name and password and keeps the lockout counters. Every attempt is audited. The
 * answer never tells whether a user name exists: unknown names are counted and locked the same way.
 */
@Service
class SignInService {

    enum Result {
        SUCCESS,
        BAD_CREDENTIALS,
        LOCKED,
        DISABLED
    }

    record Attempt(Result result, SignedInUser user) {}

    private final AppUserRepository users;
    private final UnknownLoginAttemptRepository unknownAttempts;
    private final MerchantService merchants;
    private final PasswordEncoder passwordEncoder;
    private final ApplicationEventPublisher events;
    private final SecurityProperties properties;
    private final Clock clock;
    private final ZoneId defaultZone;
    private final String dummyHash;

    SignInService(
            AppUserRepository users,
            UnknownLoginAttemptRepository unknownAttempts,
            MerchantService merchants,
            PasswordEncoder passwordEncoder,
            ApplicationEventPublisher events,
            SecurityProperties properties,
            Clock clock,
            @Value("${safepay.default-time-zone}") ZoneId defaultZone) {
        this.users = users;
        this.unknownAttempts = unknownAttempts;
        this.merchants = merchants;
        this.passwordEncoder = passwordEncoder;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
        this.defaultZone = defaultZone;
        // Hashed by the encoder of real passwords, so checking against it costs the same.
        this.dummyHash = passwordEncoder.encode("no-such-user-dummy-password");
    }

    /**
     * Every attempt, whatever its outcome, costs exactly one password check against a hash of the
     * same cost, so response times do not reveal which user names exist or are locked.
     */
    @Transactional
    Attempt attempt(String rawUsername, String rawPassword, String clientIp) {
        String username = normalize(rawUsername);
        String password = rawPassword == null ? "" : rawPassword;
        Instant now = clock.instant();
        Optional<AppUser> found = users.findForUpdate(username);
        if (found.isEmpty()) {
            return unknownUser(username, password, clientIp, now);
        }
        AppUser user = found.get();
        // Checked even when the account is locked and the answer is "no" anyway: see above.
        boolean passwordMatches = passwordEncoder.matches(password, user.getPasswordHash());
        if (user.isLockedAt(now)) {
            audit(username, "LOGIN", Outcome.DENIED, clientIp, AuditDetail.of("audit.detail.accountLocked"));
            return new Attempt(Result.LOCKED, null);
        }
        if (!passwordMatches) {
            boolean lockedNow = user.recordFailure(now, properties.maxFailedAttempts(), properties.lockDuration());
            audit(username, "LOGIN", Outcome.FAILURE, clientIp, AuditDetail.of("audit.detail.wrongPassword"));
            if (lockedNow) {
                audit(
                        username,
                        "LOCKOUT",
                        Outcome.SUCCESS,
                        clientIp,
                        AuditDetail.of("audit.detail.lockedUntil", AuditDetail.time(user.getLockedUntil())));
            }
            return new Attempt(Result.BAD_CREDENTIALS, null);
        }
        if (!user.isEnabled()) {
            audit(username, "LOGIN", Outcome.DENIED, clientIp, AuditDetail.of("audit.detail.accountDisabled"));
            return new Attempt(Result.DISABLED, null);
        }
        user.recordSuccess(now, clientIp);
        audit(username, "LOGIN", Outcome.SUCCESS, clientIp, null);
        return new Attempt(Result.SUCCESS, snapshot(user));
    }

    private Attempt unknownUser(String username, String password, String clientIp, Instant now) {
        // Same work as for a real user, so response times do not reveal which names exist.
        passwordEncoder.matches(password, dummyHash);
        UnknownLoginAttempt attempt =
                unknownAttempts.findById(username).orElseGet(() -> new UnknownLoginAttempt(username, now));
        if (attempt.isLockedAt(now)) {
            audit(username, "LOGIN", Outcome.DENIED, clientIp, AuditDetail.of("audit.detail.unknownUserLocked"));
            return new Attempt(Result.LOCKED, null);
        }
        attempt.recordFailure(now, properties.maxFailedAttempts(), properties.lockDuration());
        try {
            unknownAttempts.saveAndFlush(attempt);
        } catch (DataIntegrityViolationException concurrentFirstAttempt) {
            // Another request counted this name at the same moment; one count is enough.
        }
        audit(username, "LOGIN", Outcome.FAILURE, clientIp, AuditDetail.of("audit.detail.unknownUser"));
        return new Attempt(Result.BAD_CREDENTIALS, null);
    }

    private SignedInUser snapshot(AppUser user) {
        ZoneId zone = Optional.ofNullable(user.getMerchantId())
                .flatMap(merchants::findForSystem)
                .map(MerchantView::zone)
                .orElse(defaultZone);
        Locale locale = user.getLocale();
        return new SignedInUser(
                user.getId(),
                user.getUsername(),
                user.getRole(),
                user.getMerchantId(),
                zone,
                locale,
                user.getPreviousLoginAt(),
                user.getPreviousLoginIp());
    }

    private void audit(String username, String action, Outcome outcome, String clientIp, AuditDetail detail) {
        events.publishEvent(new AuditEvent(username, action, username, outcome, clientIp, detail));
    }

    static String normalize(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }
}
