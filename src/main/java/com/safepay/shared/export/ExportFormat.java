package com.safepay.shared.export;

/** The two download formats of 交易明细. */
public enum ExportFormat {
    /** Excel 2007+ workbook, a new sheet past Excel's row limit. */
    XLSX(".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    /** UTF-8 text, tab-separated. */
    TXT(".txt", "text/plain; charset=UTF-8");

    private final String extension;
    private final String contentType;

    ExportFormat(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }
}
