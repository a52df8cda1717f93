package com.safepay.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.safepay.merchant.MerchantNo;
import com.safepay.merchant.MerchantService;
import com.safepay.merchant.MerchantView;
import com.safepay.security.SignInService.Result;
import com.safepay.shared.AuditEvent.Outcome;
import com.safepay.shared.Role;
import com.safepay.support.MutableClock;
import com.safepay.support.SystemUser;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;

/** Sign-in, lockout and audit behaviour; run on H2 and on PostgreSQL by the subclasses. */
abstract class SignInContract {

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final String PASSWORD = "correct-horse-1";

    @Autowired
    SignInService signIn;

    @Autowired
    UserService users;

    @Autowired
    MerchantService merchants;

    @Autowired
    AuditLog auditLog;

    @Autowired
    MutableClock clock;

    String username;
    MerchantView merchant;

    @BeforeEach
    void createUser() {
        int n = NAMES.incrementAndGet();
        username = "user" + n + "-" + System.nanoTime() % 100000;
        merchant = SystemUser.asAdmin(() -> merchants.register(
                new MerchantNo("2088%012d".formatted(System.nanoTime() % 1_000_000_000_000L)),
                "Test merchant " + n,
                "seller" + n + "@test",
                ZoneId.of("Asia/Shanghai"),
                "test"));
        SystemUser.asAdmin(() -> users.createUser(username, PASSWORD, Role.MERCHANT, merchant.id()));
    }

    @Test
    void a_correct_password_signs_in_with_role_merchant_and_zone() {
        var attempt = signIn.attempt(username, PASSWORD, "10.0.0.1");
        assertThat(attempt.result()).isEqualTo(Result.SUCCESS);
        assertThat(attempt.user().role()).isEqualTo(Role.MERCHANT);
        assertThat(attempt.user().merchantId()).isEqualTo(merchant.id());
        assertThat(attempt.user().zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(attempt.user().previousLoginAt()).isNull();
    }

    @Test
    void user_names_are_case_insensitive_and_trimmed() {
        assertThat(signIn.attempt("  " + username.toUpperCase() + " ", PASSWORD, null)
                        .result())
                .isEqualTo(Result.SUCCESS);
    }

    @Test
    void the_next_sign_in_reports_the_previous_time_and_address() {
        var first = clock.instant();
        signIn.attempt(username, PASSWORD, "10.0.0.1");
        clock.advance(Duration.ofHours(3));
        var second = signIn.attempt(username, PASSWORD, "10.0.0.2");
        assertThat(second.user().previousLoginAt()).isEqualTo(first);
        assertThat(second.user().previousLoginIp()).isEqualTo("10.0.0.1");
    }

    @Test
    void five_wrong_passwords_in_a_row_lock_the_account_even_for_the_right_password() {
        for (int i = 0; i < 5; i++) {
            assertThat(signIn.attempt(username, "wrong", "10.0.0.9").result()).isEqualTo(Result.BAD_CREDENTIALS);
        }
        assertThat(signIn.attempt(username, PASSWORD, "10.0.0.9").result()).isEqualTo(Result.LOCKED);
    }

    @Test
    void the_lock_ends_after_thirty_minutes() {
        for (int i = 0; i < 5; i++) {
            signIn.attempt(username, "wrong", null);
        }
        clock.advance(Duration.ofMinutes(29));
        assertThat(signIn.attempt(username, PASSWORD, null).result()).isEqualTo(Result.LOCKED);
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(signIn.attempt(username, PASSWORD, null).result()).isEqualTo(Result.SUCCESS);
    }

    @Test
    void a_successful_sign_in_resets_the_count_of_failures() {
        for (int i = 0; i < 4; i++) {
            signIn.attempt(username, "wrong", null);
        }
        assertThat(signIn.attempt(username, PASSWORD, null).result()).isEqualTo(Result.SUCCESS);
        for (int i = 0; i < 4; i++) {
            signIn.attempt(username, "wrong", null);
        }
        assertThat(signIn.attempt(username, PASSWORD, null).result()).isEqualTo(Result.SUCCESS);
    }

    @Test
    void unknown_user_names_answer_exactly_like_wrong_passwords_and_lock_the_same_way() {
        String ghost = "ghost-" + username;
        for (int i = 0; i < 5; i++) {
            assertThat(signIn.attempt(ghost, "whatever", null).result()).isEqualTo(Result.BAD_CREDENTIALS);
        }
        assertThat(signIn.attempt(ghost, "whatever", null).result()).isEqualTo(Result.LOCKED);
    }

    @Test
    void sign_ins_failures_and_lockouts_are_audited_with_client_address() {
        signIn.attempt(username, PASSWORD, "192.0.2.10");
        for (int i = 0; i < 5; i++) {
            signIn.attempt(username, "wrong", "192.0.2.11");
        }
        signIn.attempt(username, PASSWORD, "192.0.2.12");

        List<AuditRecord> lines = SystemUser.asAdmin(
                () -> auditLog.search(username, PageRequest.of(0, 50)).getContent());
        assertThat(lines)
                .extracting(AuditRecord::action, AuditRecord::outcome, AuditRecord::clientIp)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("LOGIN", Outcome.SUCCESS, "192.0.2.10"),
                        org.assertj.core.groups.Tuple.tuple("LOGIN", Outcome.FAILURE, "192.0.2.11"),
                        org.assertj.core.groups.Tuple.tuple("LOCKOUT", Outcome.SUCCESS, "192.0.2.11"),
                        org.assertj.core.groups.Tuple.tuple("LOGIN", Outcome.DENIED, "192.0.2.12"));
        assertThat(lines).allSatisfy(line -> assertThat(line.occurredAt()).isNotNull());
    }
}
