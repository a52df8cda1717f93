package com.safepay.e2e;

import com.microsoft.playwright.Page;
import java.util.List;

/** Page object of the back-office shell around every signed-in view. */
final class ShellPage {

    private final Page page;

    ShellPage(Page page) {
        this.page = page;
    }

    /** After sign-in Vaadin lands on {@code /?continue}: wait for the content, not for a URL. */
    ShellPage waitForContent() {
        page.locator("vaadin-app-layout .sp-page").first().waitFor();
        return this;
    }

    List<String> navigation() {
        page.locator("vaadin-side-nav-item").first().waitFor();
        return page.locator("vaadin-side-nav-item").allInnerTexts().stream()
                .map(String::strip)
                .toList();
    }

    String pageTitle() {
        return page.locator(".sp-page-title").innerText();
    }

    String content() {
        return page.locator(".sp-page").first().innerText();
    }

    void signOut() {
        page.locator(".sp-logout").click();
        page.locator("vaadin-login-form").waitFor();
    }

    void switchLanguage(String label) {
        page.locator(".sp-language").click();
        // The switch reloads the page: wait for that navigation before reading anything.
        page.waitForResponse(
                response -> response.request().isNavigationRequest(),
                () -> page.locator("vaadin-select-item").getByText(label).click());
        waitForContent();
    }
}
