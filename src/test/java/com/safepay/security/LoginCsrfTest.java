package com.safepay.security;

import static com.safepay.security.BackOfficeHttp.credentials;
import static com.safepay.security.BackOfficeHttp.location;
import static org.assertj.core.api.Assertions.assertThat;

import com.safepay.merchant.MerchantNo;
import com.safepay.merchant.MerchantService;
import com.safepay.shared.Role;
import com.safepay.support.SystemUser;
import java.net.http.HttpResponse;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Login CSRF: another site must not be able to sign a visitor's browser in to an account of its choosing. */
@SignInIntegration
class LoginCsrfTest {

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final String PASSWORD = "correct-horse-1";

    @LocalServerPort
    int port;

    @Autowired
    UserService users;

    @Autowired
    MerchantService merchants;

    BackOfficeHttp browser;
    String username;

    @BeforeEach
    void createMerchantUser() {
        int n = NAMES.incrementAndGet();
        username = "csrf" + n + "-" + System.nanoTime() % 100000;
        var merchant = SystemUser.asAdmin(() -> merchants.register(
                new MerchantNo("2088%012d".formatted(System.nanoTime() % 1_000_000_000_000L)),
                "CSRF test merchant " + n,
                "csrf" + n + "@test",
                ZoneId.of("Asia/Shanghai"),
                "test"));
        SystemUser.asAdmin(() -> users.createUser(username, PASSWORD, Role.MERCHANT, merchant.id()));
        browser = new BackOfficeHttp(port);
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @Test
    void a_cross_site_sign_in_post_without_a_csrf_token_is_refused_and_signs_nobody_in() {
        HttpResponse<String> forged = browser.post(
                "login",
                credentials(username, PASSWORD),
                "Origin",
                "http://evil.example",
                "Sec-Fetch-Site",
                "cross-site");

        assertNotSignedIn();
        assertSentBackToSignIn(forged);
    }

    @Test
    void a_sign_in_post_without_the_token_is_refused_even_with_the_session_of_the_sign_in_page() {
        browser.openLoginPageForToken();

        HttpResponse<String> forged = browser.post("login", credentials(username, PASSWORD));

        assertNotSignedIn();
        assertSentBackToSignIn(forged);
    }

    @Test
    void a_sign_in_post_with_a_wrong_token_is_refused() {
        browser.openLoginPageForToken();
        Map<String, String> form = credentials(username, PASSWORD);
        form.put("_csrf", "not-the-token");

        HttpResponse<String> forged = browser.post("login", form);

        assertNotSignedIn();
        assertSentBackToSignIn(forged);
    }

    @Test
    void a_sign_in_with_the_token_of_the_sign_in_page_signs_in() {
        Map<String, String> form = credentials(username, PASSWORD);
        form.put("_csrf", browser.openLoginPageForToken());

        HttpResponse<String> signIn = browser.post("login", form);

        assertThat(signIn.statusCode()).isEqualTo(302);
        assertThat(location(signIn)).hasValueSatisfying(url -> assertThat(url).doesNotContain("login"));
        assertThat(browser.get("account").statusCode()).isEqualTo(200);
    }

    /**
     * Spring Security refuses the post with 403; anonymous visitors may not see error pages, so the
     * answer reaches the browser as a redirect to a fresh sign-in page (not to the application, and
     * without the "wrong password" of {@code ?error}).
     */
    private static void assertSentBackToSignIn(HttpResponse<String> refused) {
        assertThat(refused.statusCode()).as("answer to the sign-in post").isEqualTo(302);
        assertThat(location(refused))
                .hasValueSatisfying(url -> assertThat(url).matches("http://localhost:\\d+/login(;jsessionid=\\w+)?"));
    }

    private void assertNotSignedIn() {
        HttpResponse<String> protectedPage = browser.get("account");
        assertThat(protectedPage.statusCode()).as("protected page afterwards").isEqualTo(302);
        assertThat(location(protectedPage))
                .hasValueSatisfying(url -> assertThat(url).endsWith("/login"));
    }
}
