package com.safepay.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.safepay.merchant.MerchantKeys;
import com.safepay.merchant.MerchantService;
import com.safepay.payment.Buyer;
import com.safepay.payment.BuyerService;
import com.safepay.payment.TradeService;
import com.safepay.support.TestMerchants;
import com.safepay.support.TestMerchants.TestMerchant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** 我的购买: a buyer browses what they bought, a page at a time. */
class PurchasesJourneyTest extends BrowserTest {

    private static final String BUYER_PASSWORD = "buyer-password-1";

    @Autowired
    MerchantService merchants;

    @Autowired
    MerchantKeys merchantKeys;

    @Autowired
    BuyerService buyers;

    @Autowired
    TradeService trades;

    @Test
    void a_buyer_with_many_purchases_pages_through_them_ten_at_a_time_newest_first() {
        TestMerchant merchant = TestMerchants.merchant(merchants, merchantKeys);
        Buyer buyer = TestMerchants.buyer(buyers, 1_000_00);
        List<String> paid = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            paid.add(TestMerchants.paidTrade(trades, merchant, buyer, 1_00 + i));
        }
        List<String> newestFirst = paid.reversed();

        CashierPage cashier = new CashierPage(page).open(url("purchases"));
        assertThat(page.locator(".sp-cashier-section h3").innerText()).isEqualTo("登录 SafePay 账户查看我的购买");
        cashier.signIn(buyer.loginName(), BUYER_PASSWORD);

        assertThat(pageInfo()).isEqualTo("共 23 笔购买，当前显示第 1-10 笔，第 1/3 页");
        assertThat(cardTradeNos()).containsExactlyElementsOf(newestFirst.subList(0, 10));
        assertThat(page.locator("#purchases-previous").isEnabled()).isFalse();
        screenshot("purchases-page-1-zh");

        page.locator("#purchases-next").click();
        page.getByText("当前显示第 11-20 笔").waitFor();
        assertThat(cardTradeNos()).containsExactlyElementsOf(newestFirst.subList(10, 20));

        page.locator("#purchases-next").click();
        page.getByText("当前显示第 21-23 笔").waitFor();
        assertThat(cardTradeNos()).containsExactlyElementsOf(newestFirst.subList(20, 23));
        assertThat(page.locator("#purchases-next").isEnabled()).isFalse();

        // the page is in the address, so a reload (or the back button) keeps it
        page.reload();
        page.locator("#purchases-page-info").waitFor();
        assertThat(pageInfo()).isEqualTo("共 23 笔购买，当前显示第 21-23 笔，第 3/3 页");
        page.goBack();
        page.getByText("当前显示第 11-20 笔").waitFor();

        // a page beyond the last (an old link) shows the last page
        new CashierPage(page).open(url("purchases?page=9"));
        page.locator("#purchases-page-info").waitFor();
        assertThat(pageInfo()).endsWith("第 3/3 页");
    }

    @Test
    void the_english_purchases_page_says_one_purchase_and_asks_to_sign_in_to_see_them() {
        TestMerchant merchant = TestMerchants.merchant(merchants, merchantKeys);
        Buyer buyer = TestMerchants.buyer(buyers, 10_00);
        String tradeNo = TestMerchants.paidTrade(trades, merchant, buyer, 5_00);

        CashierPage cashier = new CashierPage(page).open(url("purchases"));
        switchCashierLanguage(page, "English");
        assertThat(page.locator(".sp-cashier-section h3").innerText())
                .isEqualTo("Sign in to SafePay to see your purchases");
        cashier.signIn(buyer.loginName(), BUYER_PASSWORD);

        assertThat(cardTradeNos()).containsExactly(tradeNo);
        assertThat(pageInfo()).isEqualTo("1 purchase");
        assertThat(page.locator("#purchases-next").isVisible())
                .as("no pager buttons for one page")
                .isFalse();
        screenshot("purchases-page-1-en");
    }

    private String pageInfo() {
        return page.locator("#purchases-page-info").innerText();
    }

    private List<String> cardTradeNos() {
        return page.locator(".sp-purchase").all().stream()
                .map(card -> card.getAttribute("data-trade-no"))
                .toList();
    }

    private static void switchCashierLanguage(Page page, String label) {
        page.locator(".sp-language").click();
        page.waitForResponse(
                response -> response.request().isNavigationRequest(),
                () -> page.locator("vaadin-select-item").getByText(label).click());
        page.locator(".sp-cashier-section").first().waitFor();
    }
}
