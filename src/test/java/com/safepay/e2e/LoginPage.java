package com.safepay.e2e;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

/** Page object of the sign-in page. */
final class LoginPage {

    private final Page page;
    private final String url;

    LoginPage(Page page, String url) {
        this.page = page;
        this.url = url;
    }

    LoginPage open() {
        page.navigate(url);
        page.locator("vaadin-login-form").waitFor();
        return this;
    }

    /** Submits the form; the page that follows is up to the caller to wait for. */
    void submit(String username, String password) {
        page.locator("vaadin-login-form input[name='username']").fill(username);
        page.locator("vaadin-login-form input[name='password']").fill(password);
        page.locator("vaadin-login-form vaadin-button[slot='submit']").click();
    }

    ShellPage signIn(String username, String password) {
        submit(username, password);
        return new ShellPage(page).waitForContent();
    }

    /** The error title and message shown above the form, or empty when none is shown. */
    String error() {
        Locator form = page.locator("vaadin-login-form-wrapper");
        form.and(page.locator("[error]")).waitFor();
        return form.locator("[part='error-message']").innerText();
    }

    void switchLanguage(String label) {
        page.locator(".sp-language").click();
        // The switch reloads the page: wait for that navigation before reading anything.
        page.waitForResponse(
                response -> response.request().isNavigationRequest(),
                () -> page.locator("vaadin-select-item").getByText(label).click());
        page.locator("vaadin-login-form").waitFor();
    }
}
