package com.safepay.shared.export;

import java.io.IOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Writes one export: the header block and column titles, each line, then the footer. A line's values
 * come in three arrays, one per {@link ExportColumn.Kind}, each in the order of its columns (no boxing:
 * this runs per cell).
 */
public interface ExportWriter extends AutoCloseable {

    /** How date-times read in text: the one format of the UI, in both languages. */
    DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    void start(List<Map.Entry<String, String>> header, List<ExportColumn> columns) throws IOException;

    /**
     * @param texts the values of the text columns
     * @param times the values of the date-time columns, {@code null} for an empty cell
     * @param amounts the values of the amount columns, in fen
     */
    void row(String[] texts, LocalDateTime[] times, long[] amounts) throws IOException;

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

    /** {@code 2026-12-03 19:24:52}, or an empty string for {@code null}. */
    public static String dateTime(LocalDateTime time) {
        return time == null ? "" : DATE_TIME.format(time);
    }

    /** The kind of each column, for writers that walk a line's columns. */
    static ExportColumn.Kind[] kinds(List<ExportColumn> columns) {
        return columns.stream().map(ExportColumn::kind).toArray(ExportColumn.Kind[]::new);
    }
}
