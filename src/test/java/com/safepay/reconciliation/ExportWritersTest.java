package com.safepay.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import com.safepay.payment.TradeStatus;
import com.safepay.payment.TradeType;
import com.safepay.shared.export.CellSafety;
import com.safepay.shared.export.ExportColumn;
import com.safepay.shared.export.ExportFormat;
import com.safepay.shared.export.ExportWriter;
import com.safepay.shared.export.TxtExportWriter;
import com.safepay.shared.export.XlsxExportWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class ExportWritersTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static final List<ExportColumn> COLUMNS =
            new ExportLayout(new ExportTexts(Locale.SIMPLIFIED_CHINESE), SHANGHAI).columns();

    private static final LocalDateTime[] NEW_YEAR = {LocalDateTime.of(2026, 1, 1, 0, 0)};

    private static final Instant DECEMBER_3RD =
            LocalDateTime.of(2026, 12, 3, 19, 24, 52).atZone(SHANGHAI).toInstant();

    private static TradeRow row(long amount, long refunded) {
        return new TradeRow(
                1,
                "2026120322001",
                "ORD-1",
                DECEMBER_3RD,
                TradeType.ESCROW,
                TradeStatus.WAIT_BUYER_CONFIRM,
                "tea",
                "138****0001",
                amount,
                refunded,
                6,
                amount - refunded - 6);
    }

    /** A whole export of one trade as {@link Exporter} writes it, in {@code locale}. */
    private static byte[] export(ExportFormat format, Locale locale, TradeRow trade) throws Exception {
        ExportLayout layout = new ExportLayout(new ExportTexts(locale), SHANGHAI);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ExportWriter writer =
                format == ExportFormat.TXT ? new TxtExportWriter(out) : new XlsxExportWriter(out, "sheet")) {
            writer.start(
                    layout.header(
                            "2088000000000001",
                            "Tea House",
                            TradeSearch.between(DECEMBER_3RD.minusSeconds(3600), DECEMBER_3RD.plusSeconds(3600)),
                            StatusTab.ALL,
                            DECEMBER_3RD),
                    layout.columns());
            writer.row(layout.text(trade), layout.times(trade), ExportLayout.amounts(trade));
            writer.finish(
                    layout.footerTitle(),
                    layout.footer(new Totals(1, trade.amount(), trade.refundTotal(), trade.fee(), trade.net())));
        }
        return out.toByteArray();
    }

    @Test
    void cells_that_a_spreadsheet_would_run_as_formulas_get_a_leading_quote_and_keep_their_text() {
        assertThat(CellSafety.neutralise("=1+2")).isEqualTo("'=1+2");
        assertThat(CellSafety.neutralise("+86 138")).isEqualTo("'+86 138");
        assertThat(CellSafety.neutralise("-5")).isEqualTo("'-5");
        assertThat(CellSafety.neutralise("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CellSafety.neutralise("\tx")).isEqualTo("'\tx");
        assertThat(CellSafety.neutralise("\rx")).isEqualTo("'\rx");
        assertThat(CellSafety.neutralise("拿铁 =1")).isEqualTo("拿铁 =1");
        assertThat(CellSafety.neutralise(" =1+1")).isEqualTo("' =1+1");
        assertThat(CellSafety.neutralise("\n=1+1")).isEqualTo("'\n=1+1");
        assertThat(CellSafety.neutralise("\u3000\u0000 @x")).isEqualTo("'\u3000\u0000 @x");
        assertThat(CellSafety.neutralise("＝1+1")).isEqualTo("'＝1+1");
        assertThat(CellSafety.neutralise("  tea")).isEqualTo("  tea");
        assertThat(CellSafety.neutralise(null)).isEmpty();
        assertThat(ExportWriter.decimal(123456)).isEqualTo("1234.56");
        assertThat(ExportWriter.decimal(5)).isEqualTo("0.05");
        assertThat(ExportWriter.decimal(-1005)).isEqualTo("-10.05");
    }

    @Test
    void a_txt_export_keeps_each_trade_on_one_line_whatever_its_texts_hold() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> subjects = List.of("拿铁\r\n=1+1", " =1+1", "\n=1+1", "tab\there", "para\u2029graph");
        try (TxtExportWriter writer = new TxtExportWriter(out)) {
            writer.start(List.of(Map.entry("商户", "2088 test\nline")), COLUMNS);
            for (int i = 0; i < subjects.size(); i++) {
                writer.row(
                        new String[] {"T" + i, "O" + i, "即时到账", "", CellSafety.neutralise(subjects.get(i)), "交易成功"},
                        NEW_YEAR,
                        new long[] {100, 0, 1, 99});
            }
            writer.finish("合计", List.of(Map.entry("笔数", "5")));
        }
        List<String> lines = new String(out.toByteArray(), StandardCharsets.UTF_8)
                .substring(1)
                .lines()
                .toList();

        List<String> tradeLines =
                lines.stream().filter(line -> line.startsWith("T")).toList();
        assertThat(tradeLines).hasSize(subjects.size());
        assertThat(tradeLines)
                .allSatisfy(line -> assertThat(line.split("\t", -1)).hasSize(COLUMNS.size()));
        assertThat(tradeLines.stream().map(line -> line.split("\t", -1)[5]))
                .containsExactly("拿铁  =1+1", "' =1+1", "' =1+1", "tab here", "para graph");
        assertThat(lines).contains("商户\t2088 test line");
        ExportFiles.Parsed parsed = ExportFiles.parse(ExportFormat.TXT, out.toByteArray());
        assertThat(parsed.tradeNos()).containsExactly("T0", "T1", "T2", "T3", "T4");
    }

    @Test
    void past_the_row_limit_trades_continue_on_a_new_sheet_that_repeats_the_titles() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int trades = 25;
        try (XlsxExportWriter writer = new XlsxExportWriter(out, "交易明细", 10)) {
            writer.start(List.of(Map.entry("商户", "2088 test"), Map.entry("时区", "Asia/Shanghai")), COLUMNS);
            for (int i = 0; i < trades; i++) {
                writer.row(new String[] {"T" + i, "O" + i, "即时到账", "", "tea", "交易成功"}, NEW_YEAR, new long[] {
                    100 + i, 0, 1, 99 + i
                });
            }
            writer.finish(
                    "合计",
                    List.of(
                            Map.entry("笔数", "25"),
                            Map.entry("金额", "28.00"),
                            Map.entry("已退款", "0.00"),
                            Map.entry("手续费", "0.25"),
                            Map.entry("净额", "27.75")));
        }
        ExportFiles.Parsed parsed = ExportFiles.parse(ExportFormat.XLSX, out.toByteArray());
        // sheet 1: 2 header lines, a blank, titles and 6 trades; then 9 trades after the titles per sheet
        assertThat(parsed.sheets()).isEqualTo(4);
        assertThat(parsed.tradeNos())
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, trades)
                        .mapToObj(i -> "T" + i)
                        .toList());
        assertThat(parsed.totals()).isEqualTo(parsed.sumOfRows());
    }

    @Test
    void a_txt_export_starts_with_a_utf8_byte_order_mark_and_shows_times_to_the_second() throws Exception {
        byte[] bytes = export(ExportFormat.TXT, Locale.SIMPLIFIED_CHINESE, row(12_34, 0));

        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        ExportFiles.Parsed parsed = ExportFiles.parse(ExportFormat.TXT, bytes);
        assertThat(parsed.header()).containsKey("商户").containsEntry("生成时间", "2026-12-03 19:24:52");
        assertThat(parsed.lines().getFirst().get(2)).isEqualTo("2026-12-03 19:24:52");
        assertThat(parsed.lines().getFirst().get(6)).isEqualTo("等待确认收货");
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\t12.34\t0.00\t0.06\t12.28\r\n");
    }

    @Test
    void in_excel_times_are_date_cells_and_amounts_are_numbers_with_two_decimals() throws Exception {
        byte[] bytes = export(ExportFormat.XLSX, Locale.SIMPLIFIED_CHINESE, row(1_234_567_89, 1_00));

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            Row trade = tradeLine(workbook.getSheetAt(0), "2026120322001");
            Cell created = trade.getCell(2);
            assertThat(created.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(DateUtil.isCellDateFormatted(created)).isTrue();
            assertThat(created.getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd hh:mm:ss");
            assertThat(created.getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2026, 12, 3, 19, 24, 52));
            for (int column = ExportLayout.FIRST_AMOUNT; column < ExportLayout.FIRST_AMOUNT + 4; column++) {
                Cell amount = trade.getCell(column);
                assertThat(amount.getCellType()).as("column %d", column).isEqualTo(CellType.NUMERIC);
                assertThat(DateUtil.isCellDateFormatted(amount)).isFalse();
                assertThat(amount.getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
            }
            assertThat(trade.getCell(ExportLayout.FIRST_AMOUNT).getNumericCellValue())
                    .isEqualTo(1_234_567.89);
            assertThat(new DataFormatter(Locale.ROOT).formatCellValue(trade.getCell(ExportLayout.FIRST_AMOUNT + 1)))
                    .isEqualTo("1.00");
            assertThat(new DataFormatter(Locale.ROOT).formatCellValue(created)).isEqualTo("2026-12-03 19:24:52");
        }
    }

    @Test
    void an_english_users_export_has_english_titles_types_statuses_and_labels() throws Exception {
        for (ExportFormat format : ExportFormat.values()) {
            byte[] bytes = export(format, Locale.ENGLISH, row(100_00, 0));
            List<List<String>> cells = format == ExportFormat.TXT ? ExportFiles.txt(bytes) : ExportFiles.xlsx(bytes);

            assertThat(cells)
                    .as("%s", format)
                    .contains(List.of(
                            "Trade no",
                            "Merchant order no",
                            "Created",
                            "Type",
                            "Counterparty",
                            "Product name",
                            "Status",
                            "Amount",
                            "Refunded",
                            "Fee",
                            "Net"));
            List<String> trade = cells.stream()
                    .filter(line -> line.getFirst().equals("2026120322001"))
                    .findFirst()
                    .orElseThrow();
            assertThat(trade.subList(0, 7))
                    .containsExactly(
                            "2026120322001",
                            "ORD-1",
                            "2026-12-03 19:24:52",
                            "Escrow",
                            "138****0001",
                            "tea",
                            "Awaiting confirmation");
            assertThat(cells.stream().flatMap(List::stream))
                    .contains("Merchant", "Time zone", "Totals", "Trades", "Status: All; Type: All types")
                    .noneMatch(text -> text.codePoints()
                            .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN))
                    .noneMatch(text -> text.contains("\uFF1A"));
        }
    }

    private static Row tradeLine(Sheet sheet, String tradeNo) {
        for (Row row : sheet) {
            Cell first = row.getCell(0);
            if (first != null
                    && first.getCellType() == CellType.STRING
                    && first.getStringCellValue().equals(tradeNo)) {
                return row;
            }
        }
        throw new AssertionError("no line of trade " + tradeNo);
    }
}
