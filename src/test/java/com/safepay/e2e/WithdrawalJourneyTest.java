package com.safepay.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.TimeoutError;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.WaitForSelectorState;
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
import com.safepay.withdrawal.BankAccountStatus;
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

    /** The only pending account, merchant2's: its id. */
    private long pendingAccount() {
        return SystemUser.asAdmin(() -> bankAccounts.all().stream()
                .filter(a -> a.merchantId() == merchant2() && a.status() == BankAccountStatus.PENDING)
                .findFirst()
                .orElseThrow()
                .id());
    }

    private BankAccountStatus status(long accountId) {
        return SystemUser.asAdmin(() -> bankAccounts.all().stream()
                .filter(a -> a.id() == accountId)
                .findFirst()
                .orElseThrow()
                .status());
    }

    /** Grid cells may be re-rendered just after they appear: click until the dialog opens. */
    static void clickUntilOpen(Page page, Locator button) {
        for (int attempt = 0; attempt < 5; attempt++) {
            button.click();
            try {
                page.locator("vaadin-confirm-dialog-overlay").waitFor(new Locator.WaitForOptions().setTimeout(3000));
                return;
            } catch (TimeoutError stale) {
                // clicked a replaced element: try again
            }
        }
        throw new AssertionError("No dialog opened: " + button);
    }

    /** An admin reviews merchant2's pending account: cancels once (nothing changes), then decides. */
    private String review(String buttonPrefix, long accountId) {
        try (BrowserContext adminContext =
                browser.newContext(new Browser.NewContextOptions().setViewportSize(1440, 900))) {
            Page admin = adminContext.newPage();
            new LoginPage(admin, url("login")).open().signIn("admin", DEMO_PASSWORD);
            admin.navigate(url("admin/bank-accounts"));
            admin.locator("#admin-bank-accounts").waitFor();
            Locator button = admin.locator("#" + buttonPrefix + accountId);
            clickUntilOpen(admin, button);
            String summary = admin.locator("#bank-review-summary").innerText();
            admin.locator("#bank-review-cancel").click();
            admin.locator("vaadin-confirm-dialog-overlay")
                    .waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED));
            assertThat(status(accountId)).isEqualTo(BankAccountStatus.PENDING);
            clickUntilOpen(admin, button);
            admin.screenshot(new Page.ScreenshotOptions()
                    .setPath(SCREENSHOTS.resolve("admin-bank-review-" + buttonPrefix + "zh.png")));
            admin.locator("#bank-review-confirm").click();
            button.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED));
            return summary;
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

        // An empty form flags every required field at once, each with its own message.
        page.locator("#bank-add").click();
        for (String field : new String[] {"#bank-holder", "#bank-bank", "#bank-branch", "#bank-number"}) {
            page.locator(field + "[invalid]").waitFor();
        }
        assertThat(page.locator("#bank-add").locator("xpath=..").innerText())
                .contains("请填写开户名", "请选择开户银行", "请填写开户支行", "银行账号应为 12–19 位数字");
        screenshot("bank-accounts-empty-form-zh");
        assertThat(SystemUser.asAdmin(() -> bankAccounts.all().stream().noneMatch(a -> a.merchantId() == merchant2())))
                .isTrue();

        page.locator("#bank-holder input").fill("青禾书屋");
        page.locator("#bank-bank input").fill("招商");
        page.locator("vaadin-combo-box-item").getByText("招商银行").click();
        page.locator("#bank-branch input").fill("杭州西湖支行");
        page.locator("#bank-number input").fill("1234");
        page.locator("#bank-add").click();
        page.locator("#bank-number").getByText("银行账号应为 12–19 位数字").waitFor();
        page.locator("#bank-number input").fill("6214 8302 1122 0001");
        page.locator("#bank-add").click();
        page.locator("#bank-accounts vaadin-grid-cell-content").getByText("待审核").waitFor();
        assertThat(page.locator("#bank-holder[invalid]").count()).isZero();

        // While it is reviewed, the withdrawal page says so.
        page.navigate(url("withdraw"));
        page.locator("#withdraw-account-pending").waitFor();
        assertThat(page.locator("#withdraw-account-pending").innerText())
                .contains("正在审核中")
                .doesNotContain("您还没有设置银行卡账户信息");
        screenshot("withdraw-account-pending-zh");

        // The admin turns it down (the holder is not the company's full name): the merchant is told.
        String rejected = review("bank-disable-", pendingAccount());
        assertThat(rejected).contains("青禾书屋", "招商银行", "杭州西湖支行", "6214 **** **** 0001", "青禾书店 Green Grain Books");
        page.navigate(url("withdraw"));
        page.locator("#withdraw-account-rejected").waitFor();
        assertThat(page.locator("#withdraw-account-rejected").innerText()).contains("未通过审核");
        screenshot("withdraw-account-rejected-zh");

        page.locator("#withdraw-add-account").click();
        page.locator("#bank-holder input").fill("青禾书店有限公司");
        page.locator("#bank-bank input").fill("招商");
        page.locator("vaadin-combo-box-item").getByText("招商银行").click();
        page.locator("#bank-branch input").fill("杭州西湖支行");
        page.locator("#bank-number input").fill("6214 8302 1122 3344");
        page.locator("#bank-add").click();
        page.locator("#bank-accounts vaadin-grid-cell-content").getByText("待审核").waitFor();
        screenshot("bank-accounts-pending-zh");

        String verified = review("bank-verify-", pendingAccount());
        assertThat(verified).contains("青禾书店有限公司", "招商银行", "杭州西湖支行", "6214 **** **** 3344", "2088100000000002");

        long before = available();
        page.navigate(url("withdraw"));
        page.locator("#withdraw-amount").waitFor();
        assertThat(page.locator("#withdrawable").innerText())
                .isEqualTo(Money.ofMinor(before).format());

        // More than the balance is "insufficient", not the daily limit; no confirmation opens.
        page.locator("#withdraw-amount input").fill(Money.ofMinor(before + 1).toPlainString());
        page.locator("#withdraw-password input").fill("123456");
        page.locator("#withdraw-submit").click();
        page.locator("#withdraw-amount[invalid]").waitFor();
        assertThat(page.locator("#withdraw-amount").innerText()).contains("可提现余额不足");
        assertThat(page.locator("vaadin-confirm-dialog-overlay").count()).isZero();

        // 全部提现 fills the whole balance (below the daily limit here).
        page.locator("#withdraw-all").click();
        PlaywrightAssertions.assertThat(page.locator("#withdraw-amount input"))
                .hasValue(Money.ofMinor(before).toPlainString());
        assertThat(page.locator("#withdraw-amount[invalid]").count()).isZero();
        page.locator("#withdraw-amount input").fill("20.00");
        page.locator("#withdraw-password input").fill("000000");
        page.locator("#withdraw-submit").click();
        page.locator("#withdraw-confirm").click();
        page.getByText("支付密码不正确").waitFor();
        assertThat(available()).isEqualTo(before);

        // The confirmation says what goes where and when; cancel moves nothing.
        page.locator("#withdraw-password input").fill("123456");
        screenshot("withdraw-form-zh");
        page.locator("#withdraw-submit").click();
        String summary = page.locator("#withdraw-confirm-summary").innerText();
        assertThat(summary).contains("¥20.00", "招商银行", "杭州西湖支行", "6214 **** **** 3344", "约 20 秒后到账");
        screenshot("withdraw-confirm-zh");
        page.locator("#withdraw-confirm-cancel").click();
        assertThat(available()).isEqualTo(before);
        page.locator("#withdraw-submit").click();
        page.locator("#withdraw-confirm").click();
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
        assertThat(page.locator("#withdraw-confirm-summary").innerText()).contains("¥10.00", "**** 0000");
        page.locator("#withdraw-confirm").click();
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
