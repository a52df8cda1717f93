package com.safepay.e2e;

import com.microsoft.playwright.Page;

/** Page object of the buyer's cashier (收银台) and purchases page. */
final class CashierPage {

    private final Page page;

    CashierPage(Page page) {
        this.page = page;
    }

    CashierPage open(String url) {
        page.navigate(url);
        page.locator(".sp-cashier-order, .sp-cashier-section, .sp-cashier-message")
                .first()
                .waitFor();
        return this;
    }

    CashierPage signIn(String login, String password) {
        page.locator("#buyer-login input").fill(login);
        page.locator("#buyer-password input").fill(password);
        page.locator("#buyer-sign-in").click();
        page.locator("#cashier-balance, .sp-purchase, .sp-cashier-message")
                .first()
                .waitFor();
        return this;
    }

    String amount() {
        return page.locator("#cashier-amount").innerText();
    }

    String balance() {
        return page.locator("#cashier-balance .sp-cashier-value").innerText();
    }

    boolean asksForPaymentPassword() {
        return page.locator("#payment-password").isVisible();
    }

    void pay(String paymentPassword) {
        if (paymentPassword != null) {
            page.locator("#payment-password input").fill(paymentPassword);
        }
        page.locator("#cashier-pay").click();
    }

    String waitForMessage(String text) {
        page.getByText(text).first().waitFor();
        return page.locator(".sp-cashier").innerText();
    }

    String error() {
        page.locator(".sp-cashier-error").first().waitFor();
        return page.locator(".sp-cashier-error").first().innerText();
    }

    /** Follows the return link to the merchant's return_url; returns the URL landed on. */
    String returnToMerchant() {
        page.locator("#cashier-return").click();
        page.waitForURL("**/demo-shop/return**");
        page.locator("#signature").waitFor();
        return page.url();
    }

    void confirmReceipt(String tradeNo, String paymentPassword) {
        var card = page.locator(".sp-purchase[data-trade-no='" + tradeNo + "']");
        card.locator(".sp-confirm-password input").fill(paymentPassword);
        card.locator(".sp-confirm-receipt").click();
        card.locator(".sp-confirm-receipt")
                .waitFor(new com.microsoft.playwright.Locator.WaitForOptions()
                        .setState(com.microsoft.playwright.options.WaitForSelectorState.DETACHED));
    }

    String purchase(String tradeNo) {
        return page.locator(".sp-purchase[data-trade-no='" + tradeNo + "']").innerText();
    }
}
