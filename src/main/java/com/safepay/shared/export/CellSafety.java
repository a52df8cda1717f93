package com.safepay.shared.export;

/**
 * Spreadsheet programs run a cell that starts with {@code = + - @}, a tab or a carriage return as a
 * formula (CSV/formula injection), and they skip leading spaces and line breaks to find that start.
 * Such text gets a leading single quote, and keeps all of its text.
 */
public final class CellSafety {

    private CellSafety() {}

    public static String neutralise(String text) {
        if (text == null || text.isEmpty()) {
            return text == null ? "" : text;
        }
        char first = text.charAt(0);
        if (first == '\t' || first == '\r') {
            return "'" + text;
        }
        int start = 0;
        while (start < text.length() && isBlank(text.charAt(start))) {
            start++;
        }
        return start < text.length() && startsFormula(text.charAt(start)) ? "'" + text : text;
    }

    private static boolean isBlank(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c);
    }

    /** The ASCII formula starters and their full-width forms, which some spreadsheet locales accept. */
    private static boolean startsFormula(char c) {
        return switch (c) {
            case '=', '+', '-', '@', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20' -> true;
            default -> false;
        };
    }
}
