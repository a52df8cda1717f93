package com.safepay.shared.export;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Writes one export: the header block and column titles, each trade, then the footer. */
public interface ExportWriter extends AutoCloseable {

    void start(List<Map.Entry<String, String>> header, List<String> columns) throws IOException;

    void row(String[] text, long[] amounts) throws IOException;

    void finish(String footerTitle, List<Map.Entry<String, String>> footer) throws IOException;

    @Override
    void close() throws IOException;

    /** Fen as a plain decimal with two digits, without going through BigDecimal (this runs per cell). */
    public static String decimal(long fen) {
        StringBuilder text = new StringBuilder(16);
        if (fen < 0) {
            text.append('-');
        }
        long abs = Math.abs(fen);
        long cents = abs % 100;
        text.append(abs / 100).append('.');
        if (cents < 10) {
            text.append('0');
        }
        return text.append(cents).toString();
    }
}
