package com.safepay.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.safepay.merchant.MerchantKeys;
import com.safepay.merchant.MerchantService;
import com.safepay.payment.AllowanceUse;
import com.safepay.payment.Buyer;
import com.safepay.payment.BuyerService;
import com.safepay.payment.CreateTrade;
import com.safepay.payment.TradeService;
import com.safepay.payment.TradeType;
import com.safepay.security.UserService;
import com.safepay.shared.Role;
import com.safepay.support.SystemUser;
import com.safepay.support.TestMerchants;
import com.safepay.support.TestMerchants.TestMerchant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** 当月已收款 and the free allowance on the account view mean what 交易明细 and trade/create count. */
class AllowanceJourneyTest extends BrowserTest {

    @Autowired
    MerchantService merchants;

    @Autowired
    MerchantKeys merchantKeys;

    @Autowired
    BuyerService buyers;

    @Autowired
    TradeService trades;

    @Autowired
    UserService users;

    @Test
    void received_and_still_payable_amounts_equal_the_totals_of_the_transactions_tabs_they_link_to() {
        TestMerchant merchant = TestMerchants.merchant(merchants, merchantKeys);
        long id = merchant.merchant().id();
        String login = "allow" + id;
        SystemUser.asAdmin(() -> {
            merchants.setRealNameVerified(id, false);
            users.createUser(login, DEMO_PASSWORD, Role.MERCHANT, id);
            return null;
        });
        Buyer buyer = TestMerchants.buyer(buyers, 500_00);
        String refunded = TestMerchants.paidTrade(trades, merchant, buyer, 120_00);
        TestMerchants.paidTrade(trades, merchant, buyer, 33_45);
        trades.refund(id, refunded, "r-1", 120_00, "退货");
        unpaid(id, "open-1", 250_00);
        unpaid(id, "open-2", 9_99);
        AllowanceUse use = trades.monthAllowance(id, merchant.merchant().zone());
        assertThat(use.received().format()).isEqualTo("¥153.45");
        assertThat(use.payable().format()).isEqualTo("¥259.99");

        loginPage().open().signIn(login, DEMO_PASSWORD);
        page.navigate(url("account"));
        page.locator("#account-month-received").waitFor();
        assertThat(page.locator("#account-month-received").innerText()).isEqualTo("¥153.45");
        assertThat(page.locator("#account-month-payable").innerText()).isEqualTo("¥259.99");
        assertThat(page.locator("#account-allowance-used").innerText())
                .contains("¥413.44")
                .contains("¥1,000.00");
        screenshot("account-allowance-zh");

        page.locator("#account-month-received").click();
        TransactionsPage transactions = new TransactionsPage(page);
        page.locator("#recon-tab-PAID[selected]").waitFor();
        transactions.waitForCount(2);
        assertThat(transactions.totalFen("amount")).isEqualTo(153_45);

        page.navigate(url("account"));
        page.locator("#account-month-payable").click();
        page.locator("#recon-tab-WAIT_BUYER_PAY[selected]").waitFor();
        transactions.waitForCount(2);
        assertThat(transactions.totalFen("amount")).isEqualTo(259_99);

        page.navigate(url("account"));
        new ShellPage(page).switchLanguage("English");
        page.locator("#account-month-received").waitFor();
        assertThat(page.locator(".sp-allowance").innerText())
                .contains("Received this month:")
                .contains("orders awaiting payment")
                .doesNotContain("：");
        screenshot("account-allowance-en");
    }

    private void unpaid(long merchantId, String order, long fen) {
        trades.create(new CreateTrade(
                merchantId, order, "Open order", null, fen, TradeType.INSTANT, "https://shop.example/n", null, null));
    }
}
