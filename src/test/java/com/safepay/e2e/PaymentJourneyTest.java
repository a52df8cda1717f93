package com.safepay.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.safepay.example.ExampleMerchantClient;
import com.safepay.ledger.AccountType;
import com.safepay.ledger.EntryType;
import com.safepay.ledger.LedgerService;
import com.safepay.ledger.PostingLine;
import com.safepay.merchant.MerchantKeys;
import com.safepay.merchant.MerchantService;
import com.safepay.merchant.PlatformKeys;
import com.safepay.payment.Buyer;
import com.safepay.payment.BuyerService;
import com.safepay.support.MutableClock;
import com.safepay.support.TestMerchants;
import com.safepay.support.TestMerchants.TestMerchant;
import java.net.URI;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A merchant creates trades over the signed API; a buyer pays them in the cashier. */
class PaymentJourneyTest extends BrowserTest {

    /** The server's clock: it stands still unless a test moves it, so requests are timed by it, not by the wall. */
    @Autowired
    MutableClock serverClock;

    private static final String BUYER_PASSWORD = "buyer-password-1";

    @Autowired
    MerchantService merchants;

    @Autowired
    MerchantKeys merchantKeys;

    @Autowired
    PlatformKeys platformKeys;

    @Autowired
    BuyerService buyers;

    @Autowired
    LedgerService ledger;

    TestMerchant merchant;
    ExampleMerchantClient api;

    @BeforeEach
    void merchantAndClient() {
        merchant = TestMerchants.merchant(merchants, merchantKeys);
        api = merchant.client(port, platformKeys.publicKey(), serverClock);
    }

    @AfterEach
    void closeClient() {
        api.close();
    }

    private Map<String, String> createTrade(String outTradeNo, String amount, String type) throws Exception {
        Map<String, String> created = api.createTrade(
                outTradeNo, "云杉拿铁 Latte ×2", amount, type, url("demo-shop/notify"), url("demo-shop/return?order=42"));
        assertThat(created).containsEntry("code", "10000");
        return created;
    }

    private String cashierUrl(Map<String, String> created) {
        return url(URI.create(created.get("cashier_url")).getPath().substring(1));
    }

    private long balance(AccountType type, long owner) {
        return ledger.balance(ledger.account(type, owner).orElseThrow());
    }

    @Test
    void an_instant_payment_above_the_limit_needs_the_password_and_returns_signed_to_the_merchant() throws Exception {
        Buyer buyer = TestMerchants.buyer(buyers, 1_000_00);
        long merchantId = merchant.merchant().id();
        Map<String, String> created = createTrade("latte-250", "250.00", "INSTANT");

        CashierPage cashier = new CashierPage(page).open(cashierUrl(created));
        assertThat(cashier.amount()).isEqualTo("¥250.00");
        screenshot("cashier-signin-zh");
        cashier.signIn(buyer.loginName(), BUYER_PASSWORD);
        assertThat(cashier.balance()).isEqualTo("¥1,000.00");
        assertThat(cashier.asksForPaymentPassword()).isTrue();
        screenshot("cashier-pay-zh");

        cashier.pay("654321");
        assertThat(cashier.error()).contains("支付密码不正确", "2");
        assertThat(balance(AccountType.BUYER_WALLET, buyer.id())).isEqualTo(1_000_00);

        cashier.pay("123456");
        cashier.waitForMessage("付款成功");
        screenshot("cashier-paid-zh");
        String landed = cashier.returnToMerchant();
        screenshot("merchant-return");

        URI returned = URI.create(landed);
        assertThat(ExampleMerchantClient.verifyReturnUrl(returned, platformKeys.publicKey()))
                .isTrue();
        assertThat(returned.getRawQuery()).startsWith("order=42&").contains("result_code=9000", "total_amount=250.00");
        assertThat(page.locator("#signature").innerText()).contains("签名有效");

        assertThat(api.queryTrade("latte-250")).containsEntry("trade_status", "TRADE_SUCCESS");
        assertThat(balance(AccountType.BUYER_WALLET, buyer.id())).isEqualTo(1_000_00 - 250_00);
        assertThat(balance(AccountType.MERCHANT_AVAILABLE, merchantId)).isEqualTo(250_00 - 1_50);
        List<PostingLine> postings = ledger.entryPostings(EntryType.PAYMENT, created.get("trade_no"));
        assertThat(postings).extracting(PostingLine::amount).containsExactlyInAnyOrder(-250_00L, 248_50L, 1_50L);
        assertThat(postings)
                .filteredOn(p -> p.account().equals(ledger.platformAccount(AccountType.PLATFORM_FEE_INCOME)))
                .extracting(PostingLine::amount)
                .containsExactly(1_50L);
    }

    @Test
    void an_escrow_payment_is_held_until_the_buyer_confirms_receipt_after_shipping() throws Exception {
        Buyer buyer = TestMerchants.buyer(buyers, 100_00);
        long merchantId = merchant.merchant().id();
        Map<String, String> created = createTrade("beans-88", "88.00", "ESCROW");
        String tradeNo = created.get("trade_no");

        CashierPage cashier = new CashierPage(page).open(cashierUrl(created)).signIn(buyer.loginName(), BUYER_PASSWORD);
        assertThat(cashier.asksForPaymentPassword()).isFalse();
        cashier.pay(null);
        assertThat(cashier.waitForMessage("付款成功")).contains("确认收货后才会付给卖家");
        cashier.returnToMerchant();
        assertThat(page.locator("#result").innerText()).contains("9000");

        assertThat(api.queryTrade("beans-88")).containsEntry("trade_status", "WAIT_SELLER_SEND");
        assertThat(balance(AccountType.MERCHANT_ESCROW, merchantId)).isEqualTo(88_00);
        assertThat(balance(AccountType.MERCHANT_AVAILABLE, merchantId)).isZero();

        assertThat(api.sendGoods("beans-88")).containsEntry("trade_status", "WAIT_BUYER_CONFIRM");

        cashier.open(url("purchases"));
        assertThat(cashier.purchase(tradeNo)).contains("等待确认收货");
        screenshot("purchases-confirm-zh");
        cashier.confirmReceipt(tradeNo, "123456");
        assertThat(cashier.purchase(tradeNo)).contains("交易成功");

        assertThat(api.queryTrade("beans-88")).containsEntry("trade_status", "TRADE_SUCCESS");
        assertThat(balance(AccountType.BUYER_WALLET, buyer.id())).isEqualTo(12_00);
        assertThat(balance(AccountType.MERCHANT_ESCROW, merchantId)).isZero();
        assertThat(balance(AccountType.MERCHANT_AVAILABLE, merchantId)).isEqualTo(88_00 - 53);
        assertThat(ledger.entryPostings(EntryType.ESCROW_RELEASE, tradeNo))
                .extracting(PostingLine::amount)
                .containsExactlyInAnyOrder(-88_00L, 87_47L, 53L);
    }

    @Test
    void a_buyer_whose_balance_is_short_is_told_so_and_nothing_is_charged() throws Exception {
        Buyer buyer = TestMerchants.buyer(buyers, 10_00);
        Map<String, String> created = createTrade("too-dear", "20.00", "INSTANT");
        CashierPage cashier = new CashierPage(page).open(cashierUrl(created)).signIn(buyer.loginName(), BUYER_PASSWORD);
        assertThat(cashier.waitForMessage("余额不足")).contains("还差 ¥10.00");
        screenshot("cashier-insufficient-zh");
        assertThat(page.locator("#cashier-pay").count()).isZero();
        page.locator("#cashier-cancel").click();
        page.waitForURL("**/demo-shop/return**");
        assertThat(page.url()).contains("result_code=6001");
        assertThat(balance(AccountType.BUYER_WALLET, buyer.id())).isEqualTo(10_00);
        assertThat(api.queryTrade("too-dear")).containsEntry("trade_status", "WAIT_BUYER_PAY");
    }

    @Test
    void the_cashier_shows_nothing_about_a_trade_without_its_token() throws Exception {
        Map<String, String> created = createTrade("secret-order", "66.00", "INSTANT");
        String tradeNo = created.get("trade_no");
        String cashierPath = URI.create(created.get("cashier_url")).getPath();
        assertThat(cashierPath).startsWith("/cashier/" + tradeNo + "/");
        String token = cashierPath.substring(("/cashier/" + tradeNo + "/").length());
        assertThat(Base64.getUrlDecoder().decode(token)).hasSizeGreaterThanOrEqualTo(16);

        String tampered = (token.charAt(0) == 'A' ? "B" : "A") + token.substring(1);
        for (String path : List.of("cashier/" + tradeNo, "cashier/" + tradeNo + "/" + tampered)) {
            CashierPage cashier = new CashierPage(page).open(url(path));
            String shown = cashier.waitForMessage("交易不存在");
            assertThat(shown)
                    .doesNotContain("云杉拿铁", "66.00", merchant.merchant().name(), tradeNo);
        }
        screenshot("cashier-without-token-zh");

        CashierPage cashier = new CashierPage(page).open(cashierUrl(created));
        assertThat(cashier.amount()).isEqualTo("¥66.00");
    }

    @Test
    void signing_in_at_the_cashier_gives_the_browser_a_new_session_id() throws Exception {
        Buyer buyer = TestMerchants.buyer(buyers, 100_00);
        Map<String, String> created = createTrade("fixation", "12.00", "INSTANT");
        CashierPage cashier = new CashierPage(page).open(cashierUrl(created));
        String before = sessionId();
        assertThat(before).isNotNull();

        cashier.signIn(buyer.loginName(), BUYER_PASSWORD);

        assertThat(sessionId()).isNotNull().isNotEqualTo(before);
        cashier.pay(null);
        cashier.waitForMessage("付款成功");
        assertThat(api.queryTrade("fixation")).containsEntry("trade_status", "TRADE_SUCCESS");
    }

    @Test
    void the_ssl_badge_shows_only_on_a_cashier_served_over_https() throws Exception {
        Map<String, String> created = createTrade("ssl-badge", "5.00", "INSTANT");
        new CashierPage(page).open(cashierUrl(created));
        assertThat(page.locator("#cashier-secure").count()).as("plain http").isZero();
        screenshot("cashier-over-http-zh");

        // as behind the TLS-terminating proxy of a production set-up
        try (var behindTls = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setLocale("zh-CN")
                .setExtraHTTPHeaders(Map.of("X-Forwarded-Proto", "https")))) {
            var tlsPage = behindTls.newPage();
            new CashierPage(tlsPage).open(cashierUrl(created));
            assertThat(tlsPage.locator("#cashier-secure").isVisible()).isTrue();
            tlsPage.screenshot(new com.microsoft.playwright.Page.ScreenshotOptions()
                    .setPath(SCREENSHOTS.resolve("cashier-over-https-zh.png"))
                    .setFullPage(true));
        }
    }

    private String sessionId() {
        return context.cookies().stream()
                .filter(cookie -> cookie.name.equals("JSESSIONID"))
                .map(cookie -> cookie.value)
                .findFirst()
                .orElse(null);
    }
}
