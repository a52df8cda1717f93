package com.safepay.security;

import com.safepay.shared.AuditDetail;
import com.safepay.shared.AuditEvent;
import com.safepay.shared.AuditEvent.Outcome;
import com.safepay.shared.CurrentUser;
import com.safepay.shared.Role;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Back-office users: listing and creating them (ADMIN), and each user's own preferences. */
@Service
public class UserService {

    public static final Set<Locale> SUPPORTED_LOCALES = Set.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH);

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,63}");

    private final AppUserRepository users;
    private final PasswordEncoder passwordEncoder;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    UserService(
            AppUserRepository users,
            PasswordEncoder passwordEncoder,
            CurrentUser currentUser,
            ApplicationEventPublisher events,
            Clock clock) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.currentUser = currentUser;
        this.events = events;
        this.clock = clock;
    }

    @RolesAllowed(Role.ADMIN_NAME)
    @Transactional(readOnly = true)
    public List<UserAccount> listUsers() {
        Instant now = clock.instant();
        return users.findAllByOrderByUsernameAsc().stream()
                .map(u -> new UserAccount(
                        u.getId(),
                        u.getUsername(),
                        u.getRole(),
                        u.getMerchantId(),
                        u.isEnabled(),
                        u.isLockedAt(now),
                        u.getLockedUntil(),
                        u.getLastLoginAt(),
                        u.getLastLoginIp()))
                .toList();
    }

    /**
     * Creates a user. Merchant roles need a merchant; ADMIN must have none.
     *
     * @throws IllegalArgumentException for a malformed or taken user name, a short password or a
     *     role/merchant mismatch
     */
    @RolesAllowed(Role.ADMIN_NAME)
    @Transactional
    public UserAccount createUser(String username, String password, Role role, Long merchantId) {
        String name = SignInService.normalize(username);
        if (!USERNAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Invalid user name: " + username);
        }
        if (password == null || password.length() < 8) {
            throw new IllegalArgumentException("Password must have at least 8 characters");
        }
        if ((role == Role.ADMIN) != (merchantId == null)) {
            throw new IllegalArgumentException("ADMIN users belong to no merchant; other roles to exactly one");
        }
        if (users.findByUsername(name).isPresent()) {
            throw new IllegalArgumentException("User name already taken: " + name);
        }
        AppUser user =
                users.save(new AppUser(name, passwordEncoder.encode(password), role, merchantId, clock.instant()));
        events.publishEvent(new AuditEvent(
                actor(),
                "USER_CREATE",
                name,
                Outcome.SUCCESS,
                null,
                AuditDetail.of("audit.detail.value", AuditDetail.label("role." + role.name()))));
        return new UserAccount(user.getId(), name, role, merchantId, true, false, null, null, null);
    }

    /** Remembers the signed-in user's UI language. */
    @PermitAll
    @Transactional
    public void changeMyLocale(Locale locale) {
        if (!SUPPORTED_LOCALES.contains(locale)) {
            throw new IllegalArgumentException("Unsupported language: " + locale);
        }
        long userId = currentUser.require().userId();
        users.findById(userId).orElseThrow().setLocale(locale);
    }

    @RolesAllowed(Role.ADMIN_NAME)
    @Transactional(readOnly = true)
    public long count() {
        return users.count();
    }

    private String actor() {
        return currentUser.get().map(CurrentUser.SignedInUser::username).orElse("system");
    }
}
