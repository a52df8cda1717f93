package com.safepay.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.safepay.security.SignInService.Attempt;
import com.safepay.security.SignInService.Result;
import com.safepay.shared.Role;
import com.safepay.support.SystemUser;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Response times must not tell which user names exist or are locked: every sign-in, whatever its
 * outcome, does exactly one password check against a hash of the same cost. Counted, not timed.
 */
@SignInIntegration
class SignInPasswordWorkTest {

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final String PASSWORD = "correct-horse-1";

    @Autowired
    SignInService signIn;

    @Autowired
    UserService userService;

    @Autowired
    AppUserRepository users;

    @Autowired
    CountingPasswordEncoder passwords;

    @Autowired
    TransactionTemplate transactions;

    String username;

    @BeforeEach
    void createUser() {
        username = "work" + NAMES.incrementAndGet() + "-" + System.nanoTime() % 100000;
        SystemUser.asAdmin(() -> userService.createUser(username, PASSWORD, Role.ADMIN, null));
        passwords.takeCheckedHashes();
    }

    @Test
    void a_correct_password_is_checked_once() {
        assertThat(checksOf(() -> signIn.attempt(username, PASSWORD, null), Result.SUCCESS))
                .hasSize(1);
    }

    @Test
    void a_wrong_password_is_checked_once() {
        assertThat(checksOf(() -> signIn.attempt(username, "wrong", null), Result.BAD_CREDENTIALS))
                .hasSize(1);
    }

    @Test
    void an_unknown_user_name_costs_one_check_against_a_hash_of_the_same_algorithm_and_cost() {
        List<String> known = checksOf(() -> signIn.attempt(username, "wrong", null), Result.BAD_CREDENTIALS);
        List<String> unknown =
                checksOf(() -> signIn.attempt("ghost-" + username, "wrong", null), Result.BAD_CREDENTIALS);

        assertThat(unknown).hasSize(1);
        assertThat(algorithmAndCost(unknown.getFirst())).isEqualTo(algorithmAndCost(known.getFirst()));
    }

    @Test
    void a_locked_account_costs_one_check_with_the_right_password_and_with_a_wrong_one() {
        lock(username);

        assertThat(checksOf(() -> signIn.attempt(username, PASSWORD, null), Result.LOCKED))
                .hasSize(1);
        assertThat(checksOf(() -> signIn.attempt(username, "wrong", null), Result.LOCKED))
                .hasSize(1);
    }

    @Test
    void a_locked_unknown_user_name_costs_one_check() {
        String ghost = "ghost-" + username;
        lock(ghost);

        assertThat(checksOf(() -> signIn.attempt(ghost, "wrong", null), Result.LOCKED))
                .hasSize(1);
    }

    @Test
    void a_disabled_account_costs_one_check_with_the_right_password_and_with_a_wrong_one() {
        transactions.executeWithoutResult(
                status -> users.findByUsername(username).orElseThrow().setEnabled(false));

        assertThat(checksOf(() -> signIn.attempt(username, PASSWORD, null), Result.DISABLED))
                .hasSize(1);
        assertThat(checksOf(() -> signIn.attempt(username, "wrong", null), Result.BAD_CREDENTIALS))
                .hasSize(1);
    }

    private void lock(String name) {
        for (int i = 0; i < 5; i++) {
            signIn.attempt(name, "wrong-" + i, null);
        }
        passwords.takeCheckedHashes();
    }

    /** The hashes one sign-in compared against, after checking that it ended as expected. */
    private List<String> checksOf(Supplier<Attempt> attempt, Result expected) {
        assertThat(attempt.get().result()).isEqualTo(expected);
        return passwords.takeCheckedHashes();
    }

    /** "{bcrypt}$2a$10$": the encoder, bcrypt version and cost of a stored hash. */
    private static String algorithmAndCost(String hash) {
        return hash.substring(0, hash.indexOf('$', hash.indexOf('$', hash.indexOf('$') + 1) + 1) + 1);
    }
}
