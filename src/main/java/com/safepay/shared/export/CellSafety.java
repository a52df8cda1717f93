package com.safepay.shared.export;

/**
 * Spreadsheet programs run a cell that starts with {@code = + - @}, a tab or a carriage return as a
 * formula (CSV/formula injection). Such text gets a leading single quote, and keeps all of its text.
 */
public final class CellSafety {

    private CellSafety() {}

    public static String neutralise(String text) {
        if (text == null || text.isEmpty()) {
            return text == null ? "" : text;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + text
                : text;
    }
}
