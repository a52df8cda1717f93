package com.safepay.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.options.Cookie;
import com.safepay.ledger.AccountType;
import com.safepay.ledger.LedgerService;
import com.safepay.merchant.MerchantNo;
import com.safepay.merchant.MerchantService;
import com.safepay.security.UserService;
import com.safepay.shared.Money;
import com.safepay.shared.Role;
import com.safepay.support.MutableClock;
import com.safepay.support.SystemUser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class SignInJourneyTest extends BrowserTest {

    @Autowired
    UserService users;

    @Autowired
    MutableClock clock;

    @Autowired
    LedgerService ledger;

    @Autowired
    MerchantService merchants;

    @Test
    void a_merchant_signs_in_and_sees_exactly_its_merchant_views() {
        loginPage().open();
        screenshot("login-zh");
        ShellPage shell = loginPage().signIn("merchant", DEMO_PASSWORD);

        assertThat(shell.navigation()).containsExactly("账户查询", "交易明细", "API 密钥", "通知记录", "提现", "提现记录", "银行账户");
        assertThat(shell.pageTitle()).isEqualTo("账户查询");
        assertThat(shell.content()).contains("云杉咖啡", "2088100000000001", "上一次登录时间", "可用余额");
        long available = SystemUser.asAdmin(() -> ledger.balance(ledger.account(
                        AccountType.MERCHANT_AVAILABLE,
                        merchants
                                .findByMerchantNoForSystem(new MerchantNo("2088100000000001"))
                                .orElseThrow()
                                .id())
                .orElseThrow()));
        assertThat(page.locator("#account-available").innerText())
                .isEqualTo(Money.ofMinor(available).format());
        screenshot("merchant-account-zh");
    }

    @Test
    void finance_staff_see_the_account_overview_of_their_merchant() {
        ShellPage shell = loginPage().open().signIn("finance", DEMO_PASSWORD);
        assertThat(shell.navigation()).containsExactly("账户查询", "交易明细", "提现记录");
        assertThat(shell.content()).contains("2088100000000001", "财务");
        screenshot("finance-account-zh");
    }

    @Test
    void the_second_merchant_sees_its_own_merchant_only() {
        ShellPage shell = loginPage().open().signIn("merchant2", DEMO_PASSWORD);
        assertThat(shell.content()).contains("2088100000000002").doesNotContain("2088100000000001");
    }

    @Test
    void an_admin_sees_notifications_users_and_audit_log() {
        ShellPage shell = loginPage().open().signIn("admin", DEMO_PASSWORD);
        assertThat(shell.navigation()).containsExactly("通知记录", "商户管理", "用户管理", "审计日志", "银行账户审核");
        assertThat(shell.pageTitle()).isEqualTo("用户管理");
        assertThat(shell.content()).contains("merchant", "finance", "merchant2", "admin");
        screenshot("admin-users-zh");
        page.navigate(url("admin/audit"));
        shell.waitForContent();
        page.locator("vaadin-grid-cell-content").getByText("登录").first().waitFor();
        screenshot("admin-audit-zh");
    }

    @Test
    void the_language_switch_is_remembered_for_the_user() {
        ShellPage shell = loginPage().open().signIn("finance", DEMO_PASSWORD);
        shell.switchLanguage("English");
        assertThat(shell.navigation()).containsExactly("Account overview", "Transactions", "Withdrawal records");
        assertThat(shell.content()).contains("Previous sign-in");
        screenshot("finance-account-en");
        shell.signOut();

        ShellPage again = loginPage().signIn("finance", DEMO_PASSWORD);
        assertThat(again.navigation()).containsExactly("Account overview", "Transactions", "Withdrawal records");
        again.switchLanguage("中文");
        assertThat(again.navigation()).containsExactly("账户查询", "交易明细", "提现记录");
    }

    @Test
    void the_sign_in_page_and_each_role_read_naturally_in_english() {
        LoginPage login = loginPage().open();
        login.switchLanguage("English");
        assertThat(page.getByText("Merchant sign-in").isVisible()).isTrue();
        assertThat(page.locator("vaadin-login-form").innerText()).contains("User name", "Password", "Sign in");
        screenshot("login-en");
        login.submit("merchant", "wrong-password");
        assertThat(login.error()).contains("Incorrect user name or password");
        screenshot("login-error-en");
    }

    @Test
    void a_wrong_password_shows_an_error_that_does_not_say_whether_the_user_exists() {
        LoginPage login = loginPage().open();
        login.submit("merchant", "not-the-password");
        String wrongPassword = login.error();
        assertThat(wrongPassword).contains("用户名或密码不正确");
        screenshot("login-error-zh");

        login.open().submit("nobody-of-that-name", "not-the-password");
        assertThat(login.error()).isEqualTo(wrongPassword);
    }

    @Test
    void the_sixth_attempt_after_five_failures_is_refused_with_the_message_of_a_wrong_password() {
        SystemUser.asAdmin(() -> users.createUser("lockme", DEMO_PASSWORD, Role.MERCHANT, firstMerchantId()));
        LoginPage login = loginPage().open();
        login.submit("lockme", "wrong-0");
        String wrongPassword = login.error();
        assertThat(wrongPassword).contains("用户名或密码不正确");
        for (int i = 1; i < 5; i++) {
            login.open().submit("lockme", "wrong-" + i);
            assertThat(login.error()).isEqualTo(wrongPassword);
        }
        // A separate "locked" message would tell anyone which user names exist and are locked.
        login.open().submit("lockme", DEMO_PASSWORD);
        assertThat(login.error()).isEqualTo(wrongPassword);
        assertThat(page.url()).contains("/login");
        screenshot("login-locked-zh");
    }

    @Test
    void a_sign_in_that_failed_for_a_server_fault_says_the_service_is_unavailable_in_both_languages() {
        // Where SafePay sends such a sign-in (SignInServerFaultTest makes one fail).
        LoginPage login = new LoginPage(page, url("login?unavailable")).open();
        assertThat(login.error()).contains("登录服务暂时不可用").doesNotContain("用户名或密码不正确");
        screenshot("login-unavailable-zh");
        login.switchLanguage("English");
        assertThat(login.error())
                .contains("Sign-in is temporarily unavailable")
                .doesNotContain("Incorrect user name or password");
    }

    @Test
    void a_merchant_opening_the_admin_route_is_refused_inside_the_shell() {
        ShellPage shell = loginPage().open().signIn("merchant", DEMO_PASSWORD);
        page.navigate(url("admin/users"));
        page.locator(".sp-denied").waitFor();
        assertThat(page.locator(".sp-denied").innerText()).contains("无权访问");
        assertThat(page.locator("vaadin-grid").count()).isZero();
        assertThat(shell.pageTitle()).isEqualTo("无权访问");
        assertThat(shell.navigation()).contains("交易明细").doesNotContain("用户管理");
        screenshot("access-denied-zh");

        shell.switchLanguage("English");
        page.navigate(url("admin/users"));
        page.locator(".sp-denied").waitFor();
        assertThat(shell.pageTitle()).isEqualTo("Access denied");
        screenshot("access-denied-en");
        page.navigate(url("account"));
        shell.waitForContent().switchLanguage("中文");
    }

    @Test
    void the_session_id_changes_at_sign_in() {
        loginPage().open();
        String before = sessionCookie();
        loginPage().signIn("merchant", DEMO_PASSWORD);
        assertThat(sessionCookie()).isNotBlank().isNotEqualTo(before);
    }

    @Test
    void sign_out_returns_to_the_sign_in_page_and_the_old_session_cookie_no_longer_works() throws Exception {
        ShellPage shell = loginPage().open().signIn("merchant", DEMO_PASSWORD);
        String session = sessionCookie();
        assertThat(statusWithCookie("account", session)).isEqualTo(200);

        shell.signOut();
        assertThat(page.url()).contains("/login");
        assertThat(statusWithCookie("account", session)).isEqualTo(302);
    }

    @Test
    void an_idle_session_ends_after_fifteen_minutes_although_heartbeats_kept_coming() throws Exception {
        ShellPage shell = loginPage().open().signIn("merchant", DEMO_PASSWORD);
        String session = sessionCookie();
        try {
            clock.advance(Duration.ofMinutes(15).plusSeconds(1));
            page.evaluate("() => fetch(location.origin + '/?v-r=heartbeat&v-uiId=0', {method: 'POST'})");
            assertThat(statusWithCookie("account", session)).isEqualTo(302);
            page.reload();
            page.locator("vaadin-login-form").waitFor();
        } finally {
            clock.advance(Duration.ofMinutes(-(15)).minusSeconds(1));
        }
        assertThat(shell).isNotNull();
    }

    private long firstMerchantId() {
        return SystemUser.asAdmin(() -> users.listUsers().stream()
                .filter(u -> u.username().equals("merchant"))
                .findFirst()
                .orElseThrow()
                .merchantId());
    }

    private String sessionCookie() {
        return context.cookies().stream()
                .filter(c -> c.name.equals("JSESSIONID"))
                .map(c -> c.value)
                .findFirst()
                .orElse("");
    }

    private int statusWithCookie(String path, String session) throws Exception {
        try (HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url(path)))
                    .header("Cookie", "JSESSIONID=" + session)
                    .GET()
                    .build();
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    @SuppressWarnings("unused")
    private static boolean isSession(Cookie cookie) {
        return cookie.name.equals("JSESSIONID");
    }
}
