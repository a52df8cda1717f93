package com.safepay.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.safepay.merchant.MerchantNo;
import com.safepay.merchant.MerchantService;
import com.safepay.payment.Buyer;
import com.safepay.payment.BuyerService;
import com.safepay.payment.CreateTrade;
import com.safepay.payment.PaymentProperties;
import com.safepay.payment.Trade;
import com.safepay.payment.TradeService;
import com.safepay.payment.TradeType;
import com.safepay.support.MutableClock;
import com.safepay.support.TestMerchants;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * 交易明细 at the widths merchants use: on every tab, in both languages, amounts show every digit and
 * status badges and type names show whole; long URLs of a trade wrap inside the detail.
 */
class TransactionsLayoutJourneyTest extends BrowserTest {

    /** The tabs of 交易明细, by the id suffix of their element. */
    static final List<String> TABS = List.of(
            "ALL",
            "WAIT_BUYER_PAY",
            "WAIT_SELLER_SEND",
            "WAIT_BUYER_CONFIRM",
            "REFUNDS",
            "SUCCESS",
            "CLOSED",
            "FINISHED");

    static final String LONG_NOTIFY_URL = "http://localhost/demo-shop/notify/callbacks/alipay-compatible/v2"
            + "?merchant=2088100000000001&out_trade_no=ORDER-2026-000000017&callback_token="
            + "f3b9c0d4e5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2&lang=zh-CN";
    static final String LONG_RETURN_URL = "http://localhost/demo-shop/return/after-payment/thank-you-for-your-order"
            + "?order=ORDER-2026-000000017&utm_source=safepay&utm_medium=cashier&utm_campaign=spring-festival-2026";

    /**
     * Finds the amount, status and type cells of the grid's shown rows whose content does not fit:
     * wider than its cell ({@code scrollWidth > clientWidth}), sticking out of it, out of the grid's
     * visible area, or (status, type) under the amount column, which stays in view when the grid scrolls. Each as "kind 'text' why".
     */
    static final String CLIPPED_CELLS = """
            grid => {
              const gridBox = grid.getBoundingClientRect();
              // where the amount column starts: a frozen column would hide what scrolls under it
              const amountCells = [...grid.querySelectorAll('vaadin-grid-cell-content')]
                  .filter(c => c.querySelector('.sp-recon-amount') && c.checkVisibility());
              const amountLeft = Math.min(...amountCells.map(c => c.assignedSlot.parentElement.getBoundingClientRect().left));
              const clipped = [];
              for (const content of grid.querySelectorAll('vaadin-grid-cell-content')) {
                const value = content.querySelector('.sp-recon-amount, .sp-badge[data-status], .sp-recon-type');
                if (!value || !content.checkVisibility()) continue;
                const kind = value.matches('.sp-recon-amount') ? 'amount'
                    : value.matches('.sp-badge') ? 'status' : 'type';
                const box = content.getBoundingClientRect();
                const inner = value.getBoundingClientRect();
                const text = value.textContent.trim();
                if (content.scrollWidth > content.clientWidth) {
                  clipped.push(kind + " '" + text + "' scrollWidth " + content.scrollWidth
                      + " > clientWidth " + content.clientWidth);
                } else if (inner.left < box.left - 0.5 || inner.right > box.right + 0.5
                    || value.scrollWidth > value.clientWidth + 0.5 && kind !== 'amount') {
                  clipped.push(kind + " '" + text + "' sticks out of its cell");
                } else if (inner.right > gridBox.right || inner.left < gridBox.left) {
                  clipped.push(kind + " '" + text + "' is outside the grid's visible area");
                } else if (kind !== 'amount' && inner.right > amountLeft + 0.5) {
                  clipped.push(kind + " '" + text + "' is hidden under the amount column");
                }
              }
              return clipped;
            }
            """;

    @Autowired
    TradeService trades;

    @Autowired
    BuyerService buyers;

    @Autowired
    MerchantService merchants;

    @Autowired
    MutableClock clock;

    @Autowired
    PaymentProperties payment;

    long merchantId;
    Buyer rich;

    @BeforeEach
    void tradesWithLargeAmountsInEveryStatus() {
        merchantId = merchants
                .findByMerchantNoForSystem(new MerchantNo("2088100000000001"))
                .orElseThrow()
                .id();
        rich = TestMerchants.buyer(buyers, 10_000_000_00L);
        // The page opens on the last 7 days, which hold small amounts only: the grid sizes its columns
        // from them, and must still show the large ones of the 180 days and the tabs in full.
        Instant now = clock.instant();
        paid(1, TradeType.INSTANT, "http://localhost/notify", null);
        clock.set(now.minus(Duration.ofDays(10)));
        try {
            largeTrades();
        } finally {
            clock.set(now);
        }
        // 历史记录: a trade whose refund window ended, finished as the job would finish it
        clock.set(now.minus(payment.refundWindow()).minus(Duration.ofDays(2)));
        try {
            paid(1_700_000_00L - 1, TradeType.INSTANT, "http://localhost/notify", null);
        } finally {
            clock.set(now);
        }
        trades.finishDue(1000);
    }

    private void largeTrades() {
        // one refund each, partial and full, so that the 退款 tab holds the largest amounts too
        String partlyRefunded = paid(1_000_000_00L, TradeType.INSTANT, LONG_NOTIFY_URL, LONG_RETURN_URL);
        trades.refund(merchantId, partlyRefunded, "layout-part-" + System.nanoTime(), 263_900_55L, "部分退款");
        String fullyRefunded = paid(999_999_99L, TradeType.INSTANT, "http://localhost/notify", null);
        trades.refund(merchantId, fullyRefunded, "layout-full-" + System.nanoTime(), 999_999_99L, "全额退款");
        paid(888_888_88L, TradeType.INSTANT, "http://localhost/notify", null);
        paid(777_777_77L, TradeType.ESCROW, "http://localhost/notify", null);
        trades.ship(merchantId, paid(666_666_66L, TradeType.ESCROW, "http://localhost/notify", null));
        trades.close(merchantId, created(555_555_55L, TradeType.INSTANT, "http://localhost/notify", null));
        created(444_444_44L, TradeType.ESCROW, "http://localhost/notify", null);
    }

    private String created(long amountFen, TradeType type, String notifyUrl, String returnUrl) {
        return trades.create(new CreateTrade(
                        merchantId,
                        "layout-" + System.nanoTime(),
                        "大额订单 Bulk order",
                        null,
                        amountFen,
                        type,
                        notifyUrl,
                        returnUrl,
                        "2h"))
                .trade()
                .tradeNo();
    }

    private String paid(long amountFen, TradeType type, String notifyUrl, String returnUrl) {
        String tradeNo = created(amountFen, type, notifyUrl, returnUrl);
        Trade trade = trades.pay(tradeNo, rich.id(), "PASSWORD");
        return trade.tradeNo();
    }

    @Test
    void no_amount_status_or_type_cell_is_clipped_on_any_tab_in_either_language_at_1280_and_1440_pixels() {
        loginPage().open().signIn("merchant", DEMO_PASSWORD);
        TransactionsPage transactions = new TransactionsPage(page).open(url("transactions"));
        List<String> clipped = new ArrayList<>();
        for (String language : List.of("中文", "English")) {
            if (language.equals("English")) {
                new ShellPage(page).switchLanguage("English");
                transactions.waitForContent();
            }
            String lang = language.equals("中文") ? "zh" : "en";
            transactions.quickRange(
                    Map.of("zh", "最近180天", "en", "Last 180 days").get(lang));
            page.waitForCondition(() -> transactions.totalCount() > 20
                    && transactions.tabLabel("ALL").endsWith("(" + transactions.totalCount() + ")"));
            for (int[] size : new int[][] {{1280, 800}, {1440, 900}}) {
                page.setViewportSize(size[0], size[1]);
                for (String tab : TABS) {
                    selectTab(tab, transactions);
                    // the shell scrolls its content, not the page: bring the grid up for the picture
                    page.locator("#recon-summary").evaluate("e => e.scrollIntoView({block: 'start'})");
                    screenshot("layout-transactions-" + tab + "-" + size[0] + "-" + lang);
                    clipped.addAll(clippedCells(tab + " at " + size[0] + " px in " + lang, transactions.totalCount()));
                }
                selectTab("ALL", transactions);
            }
        }
        new ShellPage(page).switchLanguage("中文");
        assertThat(clipped).as("cells that do not show their value whole").isEmpty();
    }

    /** Selects a tab and waits until the totals and the tab's label agree on its count. */
    private void selectTab(String tab, TransactionsPage transactions) {
        page.locator("#recon-tab-" + tab).click();
        page.locator("#recon-tab-" + tab + "[selected]").waitFor();
        page.waitForCondition(() -> transactions.tabLabel(tab).endsWith("(" + transactions.totalCount() + ")"));
    }

    /**
     * Waits for the tab's rows to render, gives the grid up to 3 s to settle its column widths, then
     * returns the cells still clipped, each prefixed with {@code where}.
     */
    private List<String> clippedCells(String where, long count) {
        long rows = Math.min(count, 20);
        Locator grid = page.locator("#recon-grid");
        page.waitForCondition(() -> visibleAmounts() == rows);
        List<?> clipped = List.of();
        long deadline = System.currentTimeMillis() + 3000;
        while (System.currentTimeMillis() < deadline) {
            clipped = (List<?>) grid.evaluate(CLIPPED_CELLS);
            if (clipped.isEmpty()) {
                break;
            }
            page.waitForTimeout(200);
        }
        return clipped.stream().map(cell -> where + ": " + cell).toList();
    }

    private long visibleAmounts() {
        return page.locator("#recon-grid .sp-recon-amount")
                .filter(new Locator.FilterOptions().setVisible(true))
                .count();
    }
}
