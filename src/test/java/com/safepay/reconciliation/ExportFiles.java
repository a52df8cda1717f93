package com.safepay.reconciliation;

import com.opencsv.CSVParserBuilder;
import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.safepay.shared.export.ExportFormat;
import com.safepay.shared.export.ExportWriter;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Reads exports back the way a finance user's tools would: the .txt with OpenCSV, the .xlsx with POI
 * (date cells as {@code 2026-12-03 19:24:52}, numbers with two decimals).
 */
public final class ExportFiles {

    static final String TRADE_NO = "交易号";

    /** An export read back: header pairs, trade lines (text cells, then four amounts in fen), footer. */
    public record Parsed(
            Map<String, String> header,
            List<List<String>> lines,
            List<long[]> amounts,
            Map<String, String> footer,
            List<String> allText,
            int sheets) {

        public List<String> tradeNos() {
            return lines.stream().map(line -> line.getFirst()).toList();
        }

        public Totals sumOfRows() {
            long[] sums = new long[4];
            for (long[] a : amounts) {
                for (int i = 0; i < 4; i++) {
                    sums[i] += a[i];
                }
            }
            return new Totals(amounts.size(), sums[0], sums[1], sums[2], sums[3]);
        }

        public Totals totals() {
            return new Totals(
                    new BigDecimal(footer.get("笔数")).longValueExact(),
                    fen(footer.get("金额")),
                    fen(footer.get("已退款")),
                    fen(footer.get("手续费")),
                    fen(footer.get("净额")));
        }
    }

    private ExportFiles() {}

    public static boolean startsLikeAFormula(String text) {
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }

    static long fen(String decimal) {
        return new BigDecimal(decimal).movePointRight(2).longValueExact();
    }

    public static Parsed parse(ExportFormat format, byte[] bytes) throws Exception {
        List<List<String>> cells = format == ExportFormat.TXT ? txt(bytes) : xlsx(bytes);
        int sheets = format == ExportFormat.TXT ? 1 : sheetCount(bytes);
        return layout(cells, sheets);
    }

    /**
     * Every line as text cells; the text file must start with a UTF-8 byte order mark (what Excel needs
     * to read it as UTF-8, and skips) and be valid UTF-8 with tab-separated values.
     */
    static List<List<String>> txt(byte[] bytes) throws Exception {
        String text = StandardCharsets.UTF_8
                .newDecoder()
                .decode(java.nio.ByteBuffer.wrap(bytes))
                .toString();
        if (text.isEmpty() || text.charAt(0) != '\uFEFF') {
            throw new IllegalArgumentException("The text export does not start with a UTF-8 byte order mark");
        }
        text = text.substring(1);
        List<List<String>> lines = new ArrayList<>();
        try (CSVReader reader = new CSVReaderBuilder(new StringReader(text))
                .withCSVParser(new CSVParserBuilder().withSeparator('\t').build())
                .build()) {
            for (String[] line : reader) {
                lines.add(List.of(line));
            }
        }
        return lines;
    }

    static List<List<String>> xlsx(byte[] bytes) throws Exception {
        List<List<String>> lines = new ArrayList<>();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            for (Sheet sheet : workbook) {
                int last = -1;
                for (Row row : sheet) {
                    for (int gap = last + 1; gap < row.getRowNum(); gap++) {
                        lines.add(List.of(""));
                    }
                    last = row.getRowNum();
                    List<String> line = new ArrayList<>();
                    for (int c = 0; c < row.getLastCellNum(); c++) {
                        Cell cell = row.getCell(c);
                        if (cell == null) {
                            line.add("");
                        } else if (cell.getCellType() == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
                            line.add(ExportWriter.dateTime(cell.getLocalDateTimeCellValue()));
                        } else if (cell.getCellType() == CellType.NUMERIC) {
                            line.add(BigDecimal.valueOf(cell.getNumericCellValue())
                                    .setScale(2, java.math.RoundingMode.HALF_UP)
                                    .toPlainString());
                        } else {
                            line.add(cell.getStringCellValue());
                        }
                    }
                    lines.add(line);
                }
            }
        }
        return lines;
    }

    static int sheetCount(byte[] bytes) throws Exception {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            return workbook.getNumberOfSheets();
        }
    }

    private static Parsed layout(List<List<String>> cells, int sheets) {
        Map<String, String> header = new LinkedHashMap<>();
        Map<String, String> footer = new LinkedHashMap<>();
        List<List<String>> lines = new ArrayList<>();
        List<long[]> amounts = new ArrayList<>();
        List<String> allText = new ArrayList<>();
        int part = 0; // 0 header, 1 trades, 2 footer
        for (List<String> line : cells) {
            boolean blank = line.stream().allMatch(String::isEmpty);
            if (part == 0) {
                if (!line.isEmpty() && line.getFirst().equals(TRADE_NO)) {
                    part = 1;
                } else if (!blank) {
                    header.put(line.get(0), line.size() > 1 ? line.get(1) : "");
                    allText.addAll(line);
                }
            } else if (part == 1) {
                if (line.getFirst().equals(TRADE_NO)) {
                    continue; // the titles again on a following sheet
                }
                if (blank || line.size() == 1) {
                    part = blank ? 2 : 3;
                    continue;
                }
                lines.add(line.subList(0, ExportLayout.FIRST_AMOUNT));
                allText.addAll(line.subList(0, ExportLayout.FIRST_AMOUNT));
                long[] a = new long[4];
                for (int i = 0; i < 4; i++) {
                    a[i] = fen(line.get(ExportLayout.FIRST_AMOUNT + i));
                }
                amounts.add(a);
            } else if (!blank && line.size() > 1) {
                footer.put(line.get(0), line.get(1));
            }
        }
        return new Parsed(header, lines, amounts, footer, allText, sheets);
    }
}
