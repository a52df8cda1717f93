package com.safepay.shared.export;

/**
 * A column of an export: its title, what it holds (which decides how each format writes it) and its
 * width in characters in the workbook.
 */
public record ExportColumn(String title, Kind kind, int width) {

    public enum Kind {
        /** Text, written as it is. */
        TEXT,
        /** A local date-time: a date cell in Excel, {@code 2026-12-03 19:24:52} in text. */
        DATE_TIME,
        /** Fen: a number with two decimals in Excel, {@code 1234.56} in text. */
        AMOUNT
    }

    public static ExportColumn text(String title, int width) {
        return new ExportColumn(title, Kind.TEXT, width);
    }

    public static ExportColumn dateTime(String title) {
        return new ExportColumn(title, Kind.DATE_TIME, 20);
    }

    public static ExportColumn amount(String title) {
        return new ExportColumn(title, Kind.AMOUNT, 14);
    }
}
