package com.safepay.shared.export;

import com.opencsv.CSVWriterBuilder;
import com.opencsv.ICSVWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * UTF-8, tab-separated text through OpenCSV (quotes only around values that need them). Every record
 * is one line: line breaks, tabs and other control characters inside a value become spaces, since many
 * readers of such files split at every line break whatever the quotes say. The file starts with a
 * UTF-8 byte order mark: without it Excel on Windows reads the text in the system's code page and the
 * Chinese comes out garbled.
 */
public final class TxtExportWriter implements ExportWriter {

    /** U+FEFF, which UTF-8 writes as the bytes EF BB BF. */
    public static final char BYTE_ORDER_MARK = '\uFEFF';

    private final ICSVWriter csv;
    private ExportColumn.Kind[] kinds;
    private String[] line;

    public TxtExportWriter(OutputStream out) throws IOException {
        BufferedWriter text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        text.write(BYTE_ORDER_MARK);
        this.csv = new CSVWriterBuilder(text)
                .withSeparator('\t')
                .withLineEnd("\r\n")
                .build();
    }

    @Override
    public void start(List<Map.Entry<String, String>> header, List<ExportColumn> columns) {
        this.kinds = ExportWriter.kinds(columns);
        this.line = new String[columns.size()];
        pairs(header);
        blank();
        csv.writeNext(columns.stream().map(ExportColumn::title).toArray(String[]::new), false);
    }

    @Override
    public void row(String[] texts, LocalDateTime[] times, long[] amounts) {
        int text = 0;
        int time = 0;
        int amount = 0;
        for (int i = 0; i < kinds.length; i++) {
            line[i] = switch (kinds[i]) {
                case TEXT -> oneLine(texts[text++]);
                case DATE_TIME -> ExportWriter.dateTime(times[time++]);
                case AMOUNT -> ExportWriter.decimal(amounts[amount++]);
            };
        }
        csv.writeNext(line, false);
    }

    @Override
    public void finish(String footerTitle, List<Map.Entry<String, String>> footer) {
        blank();
        csv.writeNext(new String[] {oneLine(footerTitle)}, false);
        pairs(footer);
    }

    private void pairs(List<Map.Entry<String, String>> pairs) {
        for (Map.Entry<String, String> pair : pairs) {
            csv.writeNext(new String[] {oneLine(pair.getKey()), oneLine(pair.getValue())}, false);
        }
    }

    /** The value with every control character and line or paragraph separator replaced by a space. */
    static String oneLine(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder flat = null; // made only for the rare value that needs it: this runs per cell
        for (int i = 0; i < value.length(); i++) {
            if (breaksLine(value.charAt(i))) {
                if (flat == null) {
                    flat = new StringBuilder(value);
                }
                flat.setCharAt(i, ' ');
            }
        }
        return flat == null ? value : flat.toString();
    }

    private static boolean breaksLine(char c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
    }

    private void blank() {
        csv.writeNext(new String[] {""}, false);
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }
}
