package com.safepay.security;

import static com.safepay.security.BackOfficeHttp.credentials;
import static com.safepay.security.BackOfficeHttp.location;
import static org.assertj.core.api.Assertions.assertThat;

import com.safepay.shared.Role;
import com.safepay.support.SystemUser;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A sign-in that fails for a fault of SafePay's says so, instead of coming back as an empty form. The
 * sign-in journey checks what the sign-in page shows for each landing.
 */
@SignInIntegration
@ExtendWith(OutputCaptureExtension.class)
class SignInServerFaultTest {

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final String PASSWORD = "correct-horse-1";

    @LocalServerPort
    int port;

    @Autowired
    UserService users;

    @Autowired
    UserStoreFault database;

    BackOfficeHttp browser;
    String username;

    @BeforeEach
    void createUser() {
        username = "fault" + NAMES.incrementAndGet() + "-" + System.nanoTime() % 100000;
        SystemUser.asAdmin(() -> users.createUser(username, PASSWORD, Role.ADMIN, null));
        browser = new BackOfficeHttp(port);
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @Test
    void a_sign_in_while_the_database_is_down_lands_on_the_unavailable_message_and_logs_the_cause_once(
            CapturedOutput output) {
        Map<String, String> form = credentials(username, PASSWORD);
        form.put("_csrf", browser.openLoginPageForToken());
        AtomicReference<HttpResponse<String>> signIn = new AtomicReference<>();

        database.whileDown(() -> signIn.set(browser.post("login", form)));

        assertThat(landing(signIn.get())).isEqualTo("/login?unavailable");
        assertThat(output.getOut().lines().filter(line -> line.contains(" ERROR ")))
                .as("ERROR lines")
                .hasSize(1);
        assertThat(output.getOut())
                .contains("Caused by: org.springframework.dao.DataAccessResourceFailureException: Connection refused")
                .doesNotContain(PASSWORD);
    }

    @Test
    void a_wrong_password_still_lands_on_the_wrong_password_message() {
        Map<String, String> form = credentials(username, "not-the-password");
        form.put("_csrf", browser.openLoginPageForToken());

        assertThat(landing(browser.post("login", form))).isEqualTo("/login?error");
    }

    /** Where the redirect that answers a failed sign-in leads: path and query. */
    private static String landing(HttpResponse<String> signIn) {
        assertThat(signIn.statusCode()).as("answer to the sign-in").isEqualTo(302);
        URI next = URI.create(location(signIn).orElseThrow());
        return next.getPath() + (next.getQuery() == null ? "" : "?" + next.getQuery());
    }
}
