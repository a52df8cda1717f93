package com.safepay.withdrawal;

import static org.assertj.core.api.Assertions.assertThat;

import com.opencsv.CSVParserBuilder;
import com.opencsv.CSVReaderBuilder;
import com.safepay.merchant.MerchantKeys;
import com.safepay.merchant.MerchantService;
import com.safepay.payment.Buyer;
import com.safepay.payment.BuyerService;
import com.safepay.payment.TradeService;
import com.safepay.shared.Role;
import com.safepay.shared.export.ExportFormat;
import com.safepay.support.H2IntegrationTest;
import com.safepay.support.MutableClock;
import com.safepay.support.SignedIn;
import com.safepay.support.SystemUser;
import com.safepay.support.TestMerchants;
import com.safepay.support.TestMerchants.TestMerchant;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.function.Function;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@H2IntegrationTest
class WithdrawalExportsTest {

    @Autowired
    WithdrawalService withdrawals;

    @Autowired
    WithdrawalExports exports;

    @Autowired
    BankAccountService bankAccounts;

    @Autowired
    MerchantService merchants;

    @Autowired
    MerchantKeys merchantKeys;

    @Autowired
    TradeService trades;

    @Autowired
    BuyerService buyers;

    @Autowired
    MutableClock clock;

    private final Function<String, String> text = key -> key;

    @AfterEach
    void signOut() {
        SignedIn.out();
    }

    private TestMerchant merchantWithWithdrawals() {
        TestMerchant merchant = TestMerchants.merchant(merchants, merchantKeys);
        Buyer buyer = TestMerchants.buyer(buyers, 1_000_00);
        TestMerchants.paidTrade(trades, merchant, buyer, 500_00);
        BankAccount account = SystemUser.asAdmin(() -> bankAccounts.addFor(
                merchant.merchant().id(), "=HYPERLINK(\"x\")", Bank.BOC, "-branch", "6216610000001234"));
        withdrawals.submit(merchant.merchant().id(), "e-1", 12_34, account.id(), "test");
        withdrawals.submit(merchant.merchant().id(), "e-2", 100_00, account.id(), "test");
        SignedIn.as(Role.FINANCE, merchant.merchant().id());
        return merchant;
    }

    private WithdrawalService.Filter lastDay() {
        Instant now = clock.instant();
        return new WithdrawalService.Filter(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1)), null);
    }

    @Test
    void the_txt_export_has_header_rows_and_a_footer_whose_sum_equals_the_records() throws Exception {
        merchantWithWithdrawals();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exports.writeWithdrawals(lastDay(), ExportFormat.TXT, text, out);
        List<String[]> lines = new CSVReaderBuilder(
                        new InputStreamReader(new ByteArrayInputStream(out.toByteArray()), StandardCharsets.UTF_8))
                .withCSVParser(new CSVParserBuilder().withSeparator('\t').build())
                .build()
                .readAll();
        String all = new String(out.toByteArray(), StandardCharsets.UTF_8);
        assertThat(all).contains("export.merchant", "export.zone", "Asia/Shanghai", "export.count", "112.34");
        long rows =
                lines.stream().filter(l -> l.length > 0 && l[0].startsWith("W")).count();
        assertThat(rows).isEqualTo(withdrawals.count(lastDay())).isEqualTo(2);
        assertThat(lines.stream()
                        .filter(l -> l.length >= 2 && l[0].equals("export.count"))
                        .findFirst()
                        .orElseThrow()[1])
                .isEqualTo("2");
    }

    @Test
    void the_xlsx_export_matches_and_neutralises_formula_like_text() throws Exception {
        merchantWithWithdrawals();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exports.writeWithdrawals(lastDay(), ExportFormat.XLSX, text, out);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            Sheet sheet = workbook.getSheetAt(0);
            long rows = 0;
            double sum = 0;
            for (Row row : sheet) {
                if (row.getCell(0) != null
                        && row.getCell(0).getStringCellValue().startsWith("W")) {
                    rows++;
                    sum += row.getCell(1).getNumericCellValue();
                }
            }
            assertThat(rows).isEqualTo(2);
            assertThat(sum).isEqualTo(112.34);
        }
        ByteArrayOutputStream statement = new ByteArrayOutputStream();
        exports.writeStatement(lastDay().from(), lastDay().to(), ExportFormat.TXT, text, statement);
        assertThat(new String(statement.toByteArray(), StandardCharsets.UTF_8))
                .contains("entry.PAYMENT", "entry.WITHDRAWAL_HOLD", "export.sum");
    }

    /** The texts as the page's {@code getTranslation} gives them to an English user. */
    private static Function<String, String> english() {
        ResourceBundle bundle = ResourceBundle.getBundle(
                "vaadin-i18n.translations",
                Locale.ENGLISH,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        return bundle::getString;
    }

    @Test
    void an_english_users_excel_export_follows_the_screens_columns_with_date_cells_and_numeric_amounts()
            throws Exception {
        merchantWithWithdrawals();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exports.writeWithdrawals(lastDay(), ExportFormat.XLSX, english(), out);

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getSheetName()).isEqualTo("Withdrawal records");
            Row titles = null;
            List<Row> records = new java.util.ArrayList<>();
            for (Row row : sheet) {
                Cell first = row.getCell(0);
                if (first != null && first.getCellType() == CellType.STRING) {
                    if (first.getStringCellValue().equals("Withdrawal no")) {
                        titles = row;
                    } else if (first.getStringCellValue().startsWith("W")) { // a withdrawal no
                        records.add(row);
                    }
                }
            }
            assertThat(titles).isNotNull();
            List<String> columns = new java.util.ArrayList<>();
            titles.forEach(cell -> columns.add(cell.getStringCellValue()));
            // the order of the 提现记录 grid: no, amount, bank, status, requested, finished, reason
            assertThat(columns)
                    .containsExactly(
                            "Withdrawal no",
                            "Amount",
                            "Bank account",
                            "Status",
                            "Requested",
                            "Finished",
                            "Reason of failure");
            assertThat(records).hasSize(2);
            for (Row record : records) {
                Cell amount = record.getCell(1);
                assertThat(amount.getCellType()).isEqualTo(CellType.NUMERIC);
                assertThat(amount.getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
                assertThat(record.getCell(2).getStringCellValue()).isEqualTo("Bank of China 6216 **** **** 1234");
                assertThat(record.getCell(3).getStringCellValue())
                        .isIn(
                                "Requested",
                                "In progress",
                                "In progress (awaiting the bank)",
                                "Paid out",
                                "Failed (returned)");
                Cell requested = record.getCell(4);
                assertThat(requested.getCellType()).isEqualTo(CellType.NUMERIC);
                assertThat(DateUtil.isCellDateFormatted(requested)).isTrue();
                assertThat(requested.getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd hh:mm:ss");
                assertThat(requested.getLocalDateTimeCellValue())
                        .isEqualTo(LocalDateTime.ofInstant(clock.instant(), SignedIn.SHANGHAI)
                                .truncatedTo(ChronoUnit.SECONDS));
            }
            assertThat(records.stream().mapToDouble(r -> r.getCell(1).getNumericCellValue()))
                    .containsExactlyInAnyOrder(12.34, 100.00);
        }
    }

    @Test
    void the_txt_export_starts_with_a_byte_order_mark_and_shows_times_to_the_second() throws Exception {
        merchantWithWithdrawals();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exports.writeWithdrawals(lastDay(), ExportFormat.TXT, english(), out);
        byte[] bytes = out.toByteArray();

        assertThat(java.util.Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        String requested = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .format(clock.instant().atZone(SignedIn.SHANGHAI));
        assertThat(text.lines())
                .contains("Withdrawal no\tAmount\tBank account\tStatus\tRequested\tFinished\tReason of failure")
                .filteredOn(line -> line.startsWith("W") && !line.startsWith("Withdrawal no"))
                .hasSize(2)
                .allSatisfy(line -> assertThat(line.split("\t", -1)[4]).isEqualTo(requested));
    }
}
