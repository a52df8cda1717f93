package com.safepay.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.safepay.merchant.MerchantNo;
import com.safepay.merchant.MerchantService;
import com.safepay.payment.Trade;
import com.safepay.payment.TradeService;
import com.safepay.reconciliation.ExportFiles;
import com.safepay.reconciliation.ReconciliationService;
import com.safepay.reconciliation.Totals;
import com.safepay.shared.Money;
import com.safepay.shared.export.ExportFormat;
import com.safepay.support.SystemUser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** 交易明细 as the demo merchant's MERCHANT and FINANCE users. */
class TransactionsJourneyTest extends BrowserTest {

    static final Path DOWNLOADS = Path.of("target", "downloads");

    @Autowired
    MerchantService merchants;

    @Autowired
    ReconciliationService reconciliation;

    @Autowired
    TradeService trades;

    @Autowired
    JdbcClient jdbc;

    long demoMerchant;
    long otherMerchant;

    @BeforeEach
    void demoMerchants() {
        demoMerchant = merchants
                .findByMerchantNoForSystem(new MerchantNo("2088100000000001"))
                .orElseThrow()
                .id();
        otherMerchant = merchants
                .findByMerchantNoForSystem(new MerchantNo("2088100000000002"))
                .orElseThrow()
                .id();
        SystemUser.asAdmin(() -> {
            merchants.setPaymentPassword(demoMerchant, "123456");
            return null;
        });
    }

    private TransactionsPage signInAndOpen(String user) {
        loginPage().open().signIn(user, DEMO_PASSWORD);
        return new TransactionsPage(page).open(url("transactions"));
    }

    @Test
    void a_merchant_filters_switches_tabs_pages_refunds_and_downloads_files_whose_totals_match_the_screen()
            throws Exception {
        TransactionsPage transactions = signInAndOpen("merchant");
        assertThat(new ShellPage(page).navigation()).contains("交易明细");
        screenshot("transactions-7-days-zh");

        transactions.quickRange("最近180天");
        page.waitForCondition(() -> transactions.totalCount() > 20);
        long all = transactions.totalCount();
        assertThat(transactions.tabLabel("ALL")).isEqualTo("全部 (" + all + ")");
        assertThat(transactions.pageInfo()).isEqualTo("共 " + all + " 条记录，当前显示第 1-20 条，第 1/" + ((all + 19) / 20) + " 页");
        assertThat(transactions.tradeNosOnPage()).hasSize(20);
        transactions.nextPage();
        assertThat(transactions.pageInfo()).startsWith("共 " + all + " 条记录，当前显示第 21-40 条，第 2/");
        screenshot("transactions-180-days-page-2-zh");

        transactions.selectTab("SUCCESS");
        long success = transactions.totalCount();
        assertThat(success).isPositive().isLessThan(all);
        assertThat(page.locator("#recon-grid .sp-badge[data-status]").allInnerTexts())
                .isNotEmpty()
                .allMatch(text -> text.equals("交易成功"));

        String tradeNo = transactions.tradeNosOnPage().getFirst();
        Trade before = trades.find(tradeNo).orElseThrow();
        long refundsTab = Long.parseLong(transactions.tabLabel("REFUNDS").replaceAll(".*\\((\\d+)\\)$", "$1"));
        transactions.openDetailOf(tradeNo);
        assertThat(transactions.detailText()).contains(tradeNo, "账务流水", "异步通知", "买家付款");
        assertThat(transactions.detailHasRefundButton()).isTrue();
        screenshot("transaction-detail-merchant-zh");
        assertThat(transactions.refundAmountField())
                .as("the refund form starts empty")
                .isEmpty();
        long refundable = before.totalAmount() - before.refundTotal();
        transactions.refuseRefundRequest("", "123456", "请输入金额");
        transactions.refuseRefundRequest(
                Money.ofMinor(refundable + 1).toPlainString(),
                "123456",
                "退款金额须大于 0 且不超过 " + Money.ofMinor(refundable).format());
        transactions.refuseRefundRequest("0.01", "", "请输入支付密码");
        assertThat(trades.find(tradeNo).orElseThrow().refundTotal())
                .as("a refused request refunds nothing")
                .isEqualTo(before.refundTotal());
        String summary = transactions.requestRefund("0.01", "顾客申请部分退款", "123456");
        assertThat(summary)
                .contains(
                        tradeNo,
                        "¥0.01",
                        "顾客申请部分退款",
                        Money.ofMinor(refundable - 1).format());
        page.waitForTimeout(500); // the dialog fades in
        screenshot("transaction-refund-confirm-zh");
        transactions.cancelRefund();
        assertThat(trades.find(tradeNo).orElseThrow().refundTotal())
                .as("cancelled: nothing refunded")
                .isEqualTo(before.refundTotal());
        transactions.requestRefund("0.01", "顾客申请部分退款", "000000");
        transactions.confirmRefund();
        page.locator("#recon-refund-password").getByText("支付密码不正确，今日还可尝试 2 次").waitFor();
        transactions.requestRefund("0.01", "顾客申请部分退款", "123456");
        transactions.confirmRefund();
        page.getByText("退款成功").first().waitFor();
        page.locator("#recon-detail-refunds").waitFor();
        assertThat(trades.find(tradeNo).orElseThrow().refundTotal()).isEqualTo(before.refundTotal() + 1);
        assertThat(transactions.refundAmountField())
                .as("after a partial refund the form is empty again")
                .isEmpty();
        transactions.closeDetail();
        if (before.refundTotal() == 0) {
            page.waitForCondition(() -> transactions.tabLabel("REFUNDS").endsWith("(" + (refundsTab + 1) + ")"));
        }

        transactions.selectTab("ALL");
        long count = transactions.totalCount();
        long amount = transactions.totalFen("amount");
        long fee = transactions.totalFen("fee");
        long net = transactions.totalFen("net");
        for (String format : new String[] {"xlsx", "txt"}) {
            Path file = transactions.export(format, DOWNLOADS);
            assertThat(file.getFileName().toString())
                    .startsWith("2088100000000001_")
                    .endsWith("_交易明细." + format);
            ExportFiles.Parsed parsed = ExportFiles.parse(
                    format.equals("txt") ? ExportFormat.TXT : ExportFormat.XLSX, Files.readAllBytes(file));
            Totals totals = parsed.totals();
            assertThat(totals.count()).isEqualTo(count);
            assertThat(totals.amount()).isEqualTo(amount);
            assertThat(totals.fee()).isEqualTo(fee);
            assertThat(totals.net()).isEqualTo(net);
            assertThat(parsed.sumOfRows()).isEqualTo(totals);
        }
        screenshot("transactions-exported-zh");
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'TRADE_EXPORT' and actor = 'merchant'")
                        .query(Long.class)
                        .single())
                .isGreaterThanOrEqualTo(2);

        new ShellPage(page).switchLanguage("English");
        transactions.waitForContent();
        assertThat(transactions.pageInfo()).matches("\\d+ records, showing 1–20, page 1 of \\d+");
        assertThat(transactions.tabLabel("SUCCESS")).startsWith("Success (");
        screenshot("transactions-en");
        transactions.openFirstDetail();
        screenshot("transaction-detail-merchant-en");
        if (transactions.detailHasRefundButton()) {
            assertThat(transactions.requestRefund("0.01", "Customer asked", "123456"))
                    .contains("Still refundable afterwards", "Customer asked");
            page.waitForTimeout(500); // the dialog fades in
            screenshot("transaction-refund-confirm-en");
            transactions.cancelRefund();
        }
        transactions.closeDetail();
        new ShellPage(page).switchLanguage("中文");
    }

    @Test
    void a_181_day_range_shows_the_error_and_no_stale_result_and_another_merchants_trade_is_not_found() {
        TransactionsPage transactions = signInAndOpen("merchant");
        assertThat(transactions.tradeNosOnPage()).isNotEmpty();
        transactions.typeRange("2026-01-01", "2026-07-01");
        assertThat(transactions.rangeError()).isEqualTo("时间间隔不能超过180天");
        transactions.search();
        assertThat(transactions.rangeError()).isEqualTo("时间间隔不能超过180天");
        // the click's round trip clears the screen: wait for it, then look
        page.waitForCondition(() -> !page.locator("#recon-summary").isVisible());
        assertThat(transactions.tradeNosOnPage())
                .as("the last search's rows are gone")
                .isEmpty();
        assertThat(page.locator("#recon-total-count").isVisible())
                .as("and its totals")
                .isFalse();
        assertThat(transactions.pageInfo()).isEmpty();
        assertThat(page.locator("#recon-grid").innerText()).contains("请先修正上方的查询条件");
        screenshot("transactions-181-days-zh");
        transactions.typeRange("2026-03-01", "2026-02-01");
        assertThat(transactions.rangeError()).isEqualTo("开始时间不能大于结束时间");

        String theirs = jdbc.sql("select trade_no from trade where merchant_id = ? order by id fetch first 1 rows only")
                .param(otherMerchant)
                .query(String.class)
                .single();
        transactions.quickRange("最近180天");
        page.waitForCondition(() -> !page.locator("#recon-range-error").isVisible());
        transactions.typeNumber(theirs);
        transactions.search();
        transactions.waitForCount(0);
        assertThat(transactions.tradeNosOnPage()).isEmpty();
        assertThat(transactions.pageInfo()).isEqualTo("共 0 条记录，第 1/1 页");

        page.navigate(url("transactions?trade=" + theirs));
        page.locator("#recon-detail-not-found").waitFor();
        assertThat(page.locator("#recon-detail-facts").count()).isZero();
    }

    @Test
    void finance_staff_search_open_a_trade_without_actions_and_download_the_text_file() throws Exception {
        TransactionsPage transactions = signInAndOpen("finance");
        transactions.quickRange("最近180天");
        page.waitForCondition(() -> transactions.totalCount() > 20);
        transactions.selectTab("WAIT_SELLER_SEND");
        if (transactions.totalCount() == 0) {
            transactions.selectTab("SUCCESS");
        }
        transactions.openFirstDetail();
        assertThat(transactions.detailHasRefundButton()).isFalse();
        assertThat(transactions.detailHasShipButton()).isFalse();
        assertThat(transactions.detailText()).contains("账务流水");
        screenshot("transaction-detail-finance-zh");
        transactions.closeDetail();

        transactions.selectTab("ALL");
        long count = transactions.totalCount();
        long net = transactions.totalFen("net");
        Path file = transactions.export("txt", DOWNLOADS.resolve("finance"));
        ExportFiles.Parsed parsed = ExportFiles.parse(ExportFormat.TXT, Files.readAllBytes(file));
        assertThat(parsed.totals().count()).isEqualTo(count);
        assertThat(parsed.totals().net()).isEqualTo(net);
        assertThat(parsed.tradeNos()).hasSize((int) count);
        screenshot("transactions-finance-zh");

        transactions.selectTab("SUCCESS");
        assertThat(page.locator("#recon-download-txt").count())
                .as("the link of an export made under another filter goes")
                .isZero();
    }
}
