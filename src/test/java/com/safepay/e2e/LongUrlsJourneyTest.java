package com.safepay.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.safepay.merchant.MerchantNo;
import com.safepay.merchant.MerchantService;
import com.safepay.merchant.PlatformKeys;
import com.safepay.notification.NotificationDispatcher;
import com.safepay.payment.Buyer;
import com.safepay.payment.BuyerService;
import com.safepay.payment.CreateTrade;
import com.safepay.payment.TradeService;
import com.safepay.payment.TradeType;
import com.safepay.support.TestMerchants;
import com.safepay.support.TestReceiver;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Long notify and return URLs and long responses read whole in the trade detail and in 通知记录. */
class LongUrlsJourneyTest extends BrowserTest {

    static final String RETURN_URL = "http://localhost/demo-shop/return/after-payment/thank-you-for-your-order"
            + "?order=ORDER-2026-000000017&utm_source=safepay&utm_medium=cashier&utm_campaign=spring-festival-2026";

    /** How a shown value sits in its box: [scrollWidth, clientWidth, number of <wbr>]. */
    static final String FIT = "e => [e.scrollWidth, e.clientWidth, e.querySelectorAll('wbr').length]";

    @Autowired
    TradeService trades;

    @Autowired
    BuyerService buyers;

    @Autowired
    MerchantService merchants;

    @Autowired
    PlatformKeys platformKeys;

    @Autowired
    NotificationDispatcher dispatcher;

    @Test
    void long_urls_wrap_at_their_separators_and_long_responses_open_whole_in_both_languages() {
        try (TestReceiver receiver = new TestReceiver(platformKeys.publicKey())) {
            long merchantId = merchants
                    .findByMerchantNoForSystem(new MerchantNo("2088100000000001"))
                    .orElseThrow()
                    .id();
            String notifyUrl = receiver.url("/long-error/callbacks/alipay-compatible/v2")
                    + "?merchant=2088100000000001&out_trade_no=ORDER-2026-000000017&callback_token="
                    + "f3b9c0d4e5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2&lang=zh-CN";
            Buyer buyer = TestMerchants.buyer(buyers, 100_00);
            String tradeNo = trades.create(new CreateTrade(
                            merchantId,
                            "long-url-" + System.nanoTime(),
                            "燕麦拿铁 Oat Latte",
                            null,
                            32_00,
                            TradeType.INSTANT,
                            notifyUrl,
                            RETURN_URL,
                            null))
                    .trade()
                    .tradeNo();
            trades.pay(tradeNo, buyer.id(), "CONFIRM");
            dispatcher.dispatchAllDueAndWait();
            assertThat(receiver.at("/long-error/callbacks/alipay-compatible/v2"))
                    .isNotEmpty();

            loginPage().open().signIn("merchant", DEMO_PASSWORD);
            for (String lang : List.of("zh", "en")) {
                if (lang.equals("en")) {
                    page.navigate(url("notifications")); // no dialog open in front of the switch
                    new ShellPage(page).waitForContent().switchLanguage("English");
                }
                for (int[] size : new int[][] {{1280, 800}, {1440, 900}}) {
                    page.setViewportSize(size[0], size[1]);
                    String where = size[0] + "-" + lang;
                    page.navigate(url("transactions?trade=" + tradeNo));
                    page.locator("#recon-detail-facts").waitFor();
                    assertWrapsWhole("#recon-detail-notify-url .sp-url", notifyUrl);
                    assertWrapsWhole("#recon-detail-return-url .sp-url", RETURN_URL);
                    page.locator("#recon-detail-attempts vaadin-grid-cell-content")
                            .getByText("500")
                            .first()
                            .click();
                    assertThat(page.locator("#recon-detail-attempts .sp-long-text")
                                    .innerText())
                            .isEqualTo(TestReceiver.LONG_ERROR);
                    page.locator("#recon-detail-notify-url").scrollIntoViewIfNeeded();
                    screenshot("long-urls-trade-detail-" + where);
                    page.locator("#recon-detail-attempts").scrollIntoViewIfNeeded();
                    screenshot("long-urls-trade-detail-attempts-" + where);

                    page.navigate(url("notifications"));
                    page.locator("#notify-grid").waitFor();
                    page.locator("#notify-trade-no input").fill(tradeNo);
                    page.locator("#notify-search").click();
                    Locator row = page.locator("#notify-grid vaadin-grid-cell-content")
                            .getByText(tradeNo)
                            .first();
                    row.waitFor();
                    screenshot("long-urls-notifications-" + where);
                    // every column, the notify URL's included, starts inside the grid without scrolling sideways
                    assertThat(headersBeyondRightEdge(page, "#notify-grid"))
                            .as("headers beyond the grid's right edge, " + where)
                            .isEmpty();
                    row.click();
                    page.locator("#notify-attempts").waitFor();
                    assertWrapsWhole("#notify-url .sp-url", notifyUrl);
                    page.locator("#notify-attempts vaadin-grid-cell-content")
                            .getByText("500")
                            .first()
                            .click();
                    assertThat(page.locator("#notify-attempts .sp-long-text").innerText())
                            .isEqualTo(TestReceiver.LONG_ERROR);
                    page.waitForTimeout(300); // the dialog fades in
                    screenshot("long-urls-notification-attempts-" + where);
                }
            }
            page.navigate(url("notifications"));
            new ShellPage(page).waitForContent().switchLanguage("中文");
        }
    }

    /** The URL shows whole and copies as itself, breaks at its separators only, and fits its box. */
    private void assertWrapsWhole(String selector, String url) {
        Locator value = page.locator(selector);
        value.waitFor();
        assertThat(value.innerText()).as("copied text of " + selector).isEqualTo(url);
        List<?> fit = (List<?>) value.evaluate(FIT);
        assertThat(((Number) fit.get(0)).intValue())
                .as(selector + " fits its box")
                .isLessThanOrEqualTo(((Number) fit.get(1)).intValue());
        assertThat(((Number) fit.get(2)).intValue())
                .as(selector + " may break at its separators")
                .isPositive();
        assertThat(value.evaluate("e => getComputedStyle(e).wordBreak"))
                .as(selector + " does not break inside words")
                .isNotEqualTo("break-all");
    }
}
