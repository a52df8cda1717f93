package com.safepay.shared.export;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * An Excel workbook written with POI's streaming API: only a window of rows is in memory, the rest
 * is flushed to a temporary file. Amounts are numbers (yuan) shown with two decimals, date-times are
 * date cells shown as {@code yyyy-mm-dd hh:mm:ss}, so both sort, sum and filter as such; texts are
 * inline strings.
 * Past the sheet's row limit the trades continue on a new sheet that starts with the column titles.
 */
public final class XlsxExportWriter implements ExportWriter {

    public static final int MAX_ROWS = SpreadsheetVersion.EXCEL2007.getMaxRows();

    private final OutputStream out;
    private final SXSSFWorkbook workbook;
    private final String sheetName;
    private final int maxRows;
    private final CellStyle bold;
    private final CellStyle money;
    private final CellStyle dateTime;
    private List<ExportColumn> columns;
    private ExportColumn.Kind[] kinds;
    private SXSSFSheet sheet;
    private int sheets;
    private int next;

    public XlsxExportWriter(OutputStream out, String sheetName) {
        this(out, sheetName, MAX_ROWS);
    }

    /** @param maxRows rows per sheet (tests make it small to see sheets continue) */
    public XlsxExportWriter(OutputStream out, String sheetName, int maxRows) {
        this.out = out;
        this.sheetName = sheetName;
        this.maxRows = maxRows;
        // no shared strings table (it would keep every text in memory); temporary files uncompressed;
        // the workbook's zip at the fastest deflate level (sheet XML compresses well anyway)
        this.workbook = new SXSSFWorkbook(null, 500, false, false) {
            @Override
            protected ZipArchiveOutputStream createArchiveOutputStream(OutputStream stream) {
                ZipArchiveOutputStream zip = super.createArchiveOutputStream(stream);
                zip.setLevel(Deflater.BEST_SPEED);
                return zip;
            }
        };
        Font font = workbook.createFont();
        font.setBold(true);
        this.bold = workbook.createCellStyle();
        this.bold.setFont(font);
        this.money = workbook.createCellStyle();
        this.money.setDataFormat(workbook.createDataFormat().getFormat("#,##0.00"));
        this.dateTime = workbook.createCellStyle();
        this.dateTime.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
    }

    @Override
    public void start(List<Map.Entry<String, String>> header, List<ExportColumn> columns) {
        this.columns = columns;
        this.kinds = ExportWriter.kinds(columns);
        newSheet();
        for (Map.Entry<String, String> pair : header) {
            pair(pair.getKey(), pair.getValue());
        }
        next++;
        titles();
    }

    private void newSheet() {
        sheets++;
        sheet = workbook.createSheet(sheets == 1 ? sheetName : sheetName + " (" + sheets + ")");
        for (int i = 0; i < columns.size(); i++) {
            sheet.setColumnWidth(i, columns.get(i).width() * 256);
        }
        next = 0;
    }

    private void titles() {
        Row row = sheet.createRow(next++);
        for (int i = 0; i < columns.size(); i++) {
            Cell cell = row.createCell(i);
            cell.setCellValue(columns.get(i).title());
            cell.setCellStyle(bold);
        }
    }

    @Override
    public void row(String[] texts, LocalDateTime[] times, long[] amounts) {
        if (next >= maxRows) {
            newSheet();
            titles();
        }
        Row row = sheet.createRow(next++);
        int text = 0;
        int time = 0;
        int amount = 0;
        for (int i = 0; i < kinds.length; i++) {
            switch (kinds[i]) {
                case TEXT -> row.createCell(i).setCellValue(texts[text++]);
                case DATE_TIME -> {
                    LocalDateTime value = times[time++];
                    if (value != null) { // no cell at all when empty, like an empty text in the .txt
                        Cell cell = row.createCell(i);
                        // to the second, as shown: Excel would round a fraction up to the next second
                        cell.setCellValue(value.truncatedTo(ChronoUnit.SECONDS));
                        cell.setCellStyle(dateTime);
                    }
                }
                case AMOUNT -> {
                    Cell cell = row.createCell(i);
                    cell.setCellValue(amounts[amount++] / 100.0);
                    cell.setCellStyle(money);
                }
            }
        }
    }

    @Override
    public void finish(String footerTitle, List<Map.Entry<String, String>> footer) {
        if (next + footer.size() + 2 > maxRows) {
            newSheet();
        } else {
            next++;
        }
        Cell title = sheet.createRow(next++).createCell(0);
        title.setCellValue(footerTitle);
        title.setCellStyle(bold);
        for (int i = 0; i < footer.size(); i++) {
            Map.Entry<String, String> pair = footer.get(i);
            Row row = sheet.createRow(next++);
            row.createCell(0).setCellValue(pair.getKey());
            Cell value = row.createCell(1);
            if (i == 0) {
                value.setCellValue(Long.parseLong(pair.getValue()));
            } else {
                value.setCellValue(Double.parseDouble(pair.getValue()));
                value.setCellStyle(money);
            }
        }
    }

    private void pair(String label, String value) {
        Row row = sheet.createRow(next++);
        Cell key = row.createCell(0);
        key.setCellValue(label);
        key.setCellStyle(bold);
        row.createCell(1).setCellValue(value);
    }

    @Override
    public void close() throws IOException {
        try {
            workbook.write(out);
        } finally {
            workbook.close();
            out.close();
        }
    }
}
