package com.safepay.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import com.safepay.shared.export.CellSafety;
import com.safepay.shared.export.ExportFormat;
import com.safepay.shared.export.ExportWriter;
import com.safepay.shared.export.TxtExportWriter;
import com.safepay.shared.export.XlsxExportWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExportWritersTest {

    private static final List<String> COLUMNS =
            List.of("交易号", "商户订单号", "创建时间", "交易类型", "交易对方", "商品名称", "交易状态", "金额", "已退款", "手续费", "净额");

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
        try (TxtExportWriter writer = new TxtExportWriter(out, COLUMNS.size())) {
            writer.start(List.of(Map.entry("商户", "2088 test\nline")), COLUMNS);
            for (int i = 0; i < subjects.size(); i++) {
                writer.row(
                        new String[] {
                            "T" + i,
                            "O" + i,
                            "2026-01-01T00:00:00+08:00",
                            "即时到账",
                            "",
                            CellSafety.neutralise(subjects.get(i)),
                            "交易成功"
                        },
                        new long[] {100, 0, 1, 99});
            }
            writer.finish("合计", List.of(Map.entry("笔数", "5")));
        }
        List<String> lines =
                new String(out.toByteArray(), StandardCharsets.UTF_8).lines().toList();

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
                writer.row(
                        new String[] {"T" + i, "O" + i, "2026-01-01T00:00:00+08:00", "即时到账", "", "tea", "交易成功"},
                        new long[] {100 + i, 0, 1, 99 + i});
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
}
