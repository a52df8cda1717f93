package com.safepay.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Response;
import org.junit.jupiter.api.Test;

/** An address that is no page: a signed-in user sees it said inside the shell, in their language. */
class NotFoundJourneyTest extends BrowserTest {

    @Test
    void a_signed_in_user_opening_an_unknown_address_sees_page_not_found_inside_the_shell() {
        ShellPage shell = loginPage().open().signIn("merchant", DEMO_PASSWORD);

        Response response = page.navigate(url("no/such/page"));

        assertThat(response.status()).isEqualTo(404);
        page.locator("#not-found").waitFor();
        assertThat(shell.content()).contains("页面不存在", "/no/such/page");
        assertThat(shell.navigation()).isNotEmpty();
        assertThat(shell.pageTitle()).isEqualTo("页面不存在");
        screenshot("not-found-zh");

        shell.switchLanguage("English");
        page.navigate(url("transactions/oops"));
        page.locator("#not-found").waitFor();
        assertThat(shell.content()).contains("Page not found", "/transactions/oops");
        screenshot("not-found-en");

        assertThat(page.navigate(url("transactions")).status()).isEqualTo(200);
        shell.waitForContent().switchLanguage("中文");
        assertThat(page.navigate(url("cashier/1/some-token")).status()).isEqualTo(200);
    }

    @Test
    void a_signed_out_visitor_of_an_unknown_address_is_sent_to_sign_in() {
        page.navigate(url("no/such/page"));
        page.locator("vaadin-login-form").waitFor();
        assertThat(page.url()).contains("/login");
    }
}
