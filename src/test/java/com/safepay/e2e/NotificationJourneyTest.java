package com.safepay.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.safepay.merchant.MerchantNo;
import com.safepay.merchant.MerchantService;
import com.safepay.merchant.PlatformKeys;
import com.safepay.notification.NotificationDispatcher;
import com.safepay.payment.Buyer;
import com.safepay.payment.BuyerService;
import com.safepay.payment.CreateTrade;
import com.safepay.payment.Trade;
import com.safepay.payment.TradeService;
import com.safepay.payment.TradeType;
import com.safepay.support.MutableClock;
import com.safepay.support.TestMerchants;
import com.safepay.support.TestReceiver;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class NotificationJourneyTest extends BrowserTest {

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

    @Autowired
    MutableClock clock;

    @Test
    void a_merchant_sees_a_failed_notification_resends_it_and_sees_it_succeed() {
        try (TestReceiver receiver = new TestReceiver(platformKeys.publicKey())) {
            long merchantId = merchants
                    .findByMerchantNoForSystem(new MerchantNo("2088100000000001"))
                    .orElseThrow()
                    .id();
            Buyer buyer = TestMerchants.buyer(buyers, 100_00);
            Trade trade = trades.create(new CreateTrade(
                            merchantId,
                            "notify-e2e-" + System.nanoTime(),
                            "燕麦拿铁",
                            null,
                            32_00,
                            TradeType.INSTANT,
                            receiver.url("/toggle"),
                            null,
                            null))
                    .trade();
            trades.pay(trade.tradeNo(), buyer.id(), "CONFIRM");
            Duration elapsed = Duration.ZERO;
            for (Duration delay : java.util.List.of(
                    Duration.ZERO,
                    Duration.ofMinutes(1),
                    Duration.ofMinutes(5),
                    Duration.ofMinutes(15),
                    Duration.ofHours(1),
                    Duration.ofHours(2),
                    Duration.ofHours(6))) {
                clock.advance(delay.plusSeconds(1));
                elapsed = elapsed.plus(delay.plusSeconds(1));
                dispatcher.dispatchAllDueAndWait();
            }
            clock.advance(elapsed.negated());
            assertThat(receiver.at("/toggle")).hasSize(7);

            loginPage().open().signIn("merchant", DEMO_PASSWORD);
            page.navigate(url("notifications"));
            page.locator("#notify-grid").waitFor();
            page.locator("#notify-trade-no input").fill(trade.tradeNo());
            page.locator("#notify-search").click();
            page.locator("#notify-grid vaadin-grid-cell-content")
                    .getByText("已失败")
                    .first()
                    .waitFor();
            screenshot("notifications-failed-zh");

            page.locator("#notify-grid vaadin-grid-cell-content")
                    .getByText(trade.tradeNo())
                    .first()
                    .click();
            page.locator("#notify-attempts").waitFor();
            page.locator("vaadin-dialog-overlay[opened]").waitFor();
            assertThat(page.locator("#notify-attempts vaadin-grid-cell-content")
                            .getByText("失败")
                            .count())
                    .isEqualTo(7);
            screenshot("notification-attempts-zh");

            receiver.succeedOnToggle = true;
            page.locator("#notify-resend").click();
            page.locator("#notify-grid vaadin-grid-cell-content")
                    .getByText("已成功")
                    .first()
                    .waitFor();
            assertThat(receiver.at("/toggle")).hasSize(8);
            assertThat(receiver.at("/toggle").stream()
                            .map(r -> r.fields().get("notify_id"))
                            .distinct()
                            .count())
                    .isEqualTo(1);
            screenshot("notifications-succeeded-zh");
        }
    }
}
