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

/** UTF-8, tab-separated text through OpenCSV (quotes only around values that need them). */
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
        System.arraycopy(text, 0, line, 0, text.length);
        for (int i = 0; i < amounts.length; i++) {
            line[text.length + i] = ExportWriter.decimal(amounts[i]);
        }
        csv.writeNext(line, false);
    }

    @Override
    public void finish(String footerTitle, List<Map.Entry<String, String>> footer) {
        blank();
        csv.writeNext(new String[] {footerTitle}, false);
        pairs(footer);
    }

    private void pairs(List<Map.Entry<String, String>> pairs) {
        for (Map.Entry<String, String> pair : pairs) {
            csv.writeNext(new String[] {pair.getKey(), pair.getValue()}, false);
        }
    }

    private void blank() {
        csv.writeNext(new String[] {""}, false);
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }
}
