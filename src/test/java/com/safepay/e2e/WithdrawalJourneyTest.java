package com.safepay.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.safepay.ledger.AccountType;
import com.safepay.ledger.LedgerService;
import com.safepay.merchant.MerchantNo;
import com.safepay.merchant.MerchantService;
import com.safepay.payment.Buyer;
import com.safepay.payment.BuyerService;
import com.safepay.payment.CreateTrade;
import com.safepay.payment.TradeService;
import com.safepay.payment.TradeType;
import com.safepay.shared.Money;
import com.safepay.support.MutableClock;
import com.safepay.support.SystemUser;
import com.safepay.support.TestMerchants;
import com.safepay.withdrawal.Bank;
import com.safepay.withdrawal.BankAccountService;
import com.safepay.withdrawal.WithdrawalProcessor;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** merchant2 starts without a bank account; every journey ends with balances that match the ledger. */
class WithdrawalJourneyTest extends BrowserTest {

    @Autowired
    MerchantService merchants;

    @Autowired
    TradeService trades;

    @Autowired
    BuyerService buyers;

    @Autowired
    LedgerService ledger;

    @Autowired
    BankAccountService bankAccounts;

    @Autowired
    WithdrawalProcessor processor;

    @Autowired
    MutableClock clock;

    private long merchant2() {
        return merchants
                .findByMerchantNoForSystem(new MerchantNo("2088100000000002"))
                .orElseThrow()
                .id();
    }

    private long available() {
        return ledger.balance(
                ledger.account(AccountType.MERCHANT_AVAILABLE, merchant2()).orElseThrow());
    }

    /** Sells something to give merchant2 money to withdraw. */
    private void earn(long fen) {
        Buyer buyer = TestMerchants.buyer(buyers, fen);
        String tradeNo = trades.create(new CreateTrade(
                        merchant2(),
                        "earn-" + System.nanoTime(),
                        "《人类简史》",
                        null,
                        fen,
                        TradeType.INSTANT,
                        "https://books.example/notify",
                        null,
                        null))
                .trade()
                .tradeNo();
        trades.pay(tradeNo, buyer.id(), "CONFIRM");
    }

    private void settleWithdrawals() {
        processor.processDue();
        clock.advance(Duration.ofSeconds(30));
        try {
            processor.processDue();
            processor.processDue();
        } finally {
            clock.advance(Duration.ofSeconds(-30));
        }
    }

    @Test
    void without_a_bank_account_the_merchant_is_told_adds_one_an_admin_verifies_and_the_withdrawal_is_paid_out() {
        earn(50_00);
        ShellPage shell = loginPage().open().signIn("merchant2", DEMO_PASSWORD);
        page.navigate(url("withdraw"));
        page.locator("#withdraw-no-account").waitFor();
        assertThat(page.locator("#withdraw-no-account").innerText()).contains("您还没有设置银行卡账户信息");
        screenshot("withdraw-no-account-zh");
        page.locator("#withdraw-add-account").click();

        page.locator("#bank-holder input").fill("青禾书店有限公司");
        page.locator("#bank-bank input").fill("招商");
        page.locator("vaadin-combo-box-item").getByText("招商银行").click();
        page.locator("#bank-branch input").fill("杭州西湖支行");
        page.locator("#bank-number input").fill("1234");
        page.locator("#bank-add").click();
        page.getByText("银行账号应为 12–19 位数字").waitFor();
        page.locator("#bank-number input").fill("6214 8302 1122 3344");
        page.locator("#bank-add").click();
        page.locator("#bank-accounts vaadin-grid-cell-content").getByText("待审核").waitFor();
        screenshot("bank-accounts-pending-zh");

        try (BrowserContext adminContext =
                browser.newContext(new Browser.NewContextOptions().setViewportSize(1366, 860))) {
            Page admin = adminContext.newPage();
            new LoginPage(admin, url("login")).open().signIn("admin", DEMO_PASSWORD);
            admin.navigate(url("admin/bank-accounts"));
            admin.locator("#admin-bank-accounts").waitFor();
            clickUntilGone(admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("审核通过")));
            admin.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("admin-bank-accounts-zh.png")));
        }

        long before = available();
        page.navigate(url("withdraw"));
        page.locator("#withdraw-amount").waitFor();
        assertThat(page.locator("#withdrawable").innerText())
                .isEqualTo(Money.ofMinor(before).format());
        page.locator("#withdraw-amount input").fill("20.00");
        page.locator("#withdraw-password input").fill("000000");
        page.locator("#withdraw-submit").click();
        page.getByText("支付密码不正确").waitFor();
        assertThat(available()).isEqualTo(before);
        page.locator("#withdraw-password input").fill("123456");
        screenshot("withdraw-form-zh");
        page.locator("#withdraw-submit").click();
        page.locator("#withdrawals-grid").waitFor();
        page.locator("#withdrawals-grid vaadin-grid-cell-content")
                .getByText("已申请")
                .waitFor();
        assertThat(available()).isEqualTo(before - 20_00);

        settleWithdrawals();
        page.locator("#withdrawals-search").click();
        page.locator("#withdrawals-grid vaadin-grid-cell-content")
                .getByText("提现成功")
                .waitFor();
        screenshot("withdrawals-succeeded-zh");

        page.navigate(url("account"));
        shell.waitForContent();
        assertThat(page.locator("#account-available").innerText())
                .isEqualTo(Money.ofMinor(available()).format());
        screenshot("account-merchant2-zh");
    }

    @Test
    void a_declined_withdrawal_returns_the_money() {
        earn(30_00);
        SystemUser.asAdmin(() -> bankAccounts.addFor(merchant2(), "青禾书店有限公司", Bank.ABC, "冻结测试支行", "6228480000000000"));
        long before = available();
        loginPage().open().signIn("merchant2", DEMO_PASSWORD);
        page.navigate(url("withdraw"));
        page.locator("#withdraw-account").click();
        page.locator("vaadin-select-item")
                .getByText("**** 0000", new Locator.GetByTextOptions())
                .first()
                .click();
        page.locator("#withdraw-amount input").fill("10.00");
        page.locator("#withdraw-password input").fill("123456");
        page.locator("#withdraw-submit").click();
        page.locator("#withdrawals-grid").waitFor();
        assertThat(available()).isEqualTo(before - 10_00);

        settleWithdrawals();
        page.locator("#withdrawals-search").click();
        page.locator("#withdrawals-grid vaadin-grid-cell-content")
                .getByText("提现失败（已退回）")
                .waitFor();
        assertThat(available()).isEqualTo(before);
        screenshot("withdrawals-declined-zh");
    }

    @Test
    void finance_staff_see_balances_and_records_but_cannot_withdraw() {
        ShellPage shell = loginPage().open().signIn("finance", DEMO_PASSWORD);
        assertThat(shell.navigation()).contains("账户查询", "提现记录").doesNotContain("提现", "银行账户");
        long available = ledger.balance(ledger.account(
                        AccountType.MERCHANT_AVAILABLE,
                        merchants
                                .findByMerchantNoForSystem(new MerchantNo("2088100000000001"))
                                .orElseThrow()
                                .id())
                .orElseThrow());
        assertThat(page.locator("#account-available").innerText())
                .isEqualTo(Money.ofMinor(available).format());
        page.locator("#account-breakdown").click();
        assertThat(page.locator("#account-breakdown").innerText()).contains("担保交易待确认", "提现处理中");
        screenshot("account-finance-zh");
        page.navigate(url("withdraw"));
        page.locator(".sp-denied").waitFor();
    }
}
