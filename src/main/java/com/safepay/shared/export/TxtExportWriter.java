package com.safepay.shared.export;

import com.opencsv.CSVWriterBuilder;
import com.opencsv.ICSVWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * UTF-8, tab-separated text through OpenCSV (quotes only around values that need them). Every record
 * is one line: line breaks, tabs and other control characters inside a value become spaces, since many
 * readers of such files split at every line break whatever the quotes say.
 */
public final class TxtExportWriter implements ExportWriter {

    private final ICSVWriter csv;
    private final String[] line;

    public TxtExportWriter(OutputStream out, int columns) {
        this.csv = new CSVWriterBuilder(
                        new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16))
                .withSeparator('\t')
                .withLineEnd("\r\n")
                .build();
        this.line = new String[columns];
    }

    @Override
    public void start(List<Map.Entry<String, String>> header, List<String> columns) {
        pairs(header);
        blank();
        csv.writeNext(columns.toArray(String[]::new), false);
    }

    @Override
    public void row(String[] text, long[] amounts) {
        for (int i = 0; i < text.length; i++) {
            line[i] = oneLine(text[i]);
        }
        for (int i = 0; i < amounts.length; i++) {
            line[text.length + i] = ExportWriter.decimal(amounts[i]);
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
