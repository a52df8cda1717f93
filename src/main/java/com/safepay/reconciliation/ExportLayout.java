package com.safepay.reconciliation;

import com.safepay.shared.Money;
import com.safepay.shared.export.CellSafety;
import com.safepay.shared.export.ExportColumn;
import com.safepay.shared.export.ExportWriter;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * What both formats write, in the same order: a header block of (label, value) lines, the column
 * titles, one line per trade, and a footer of (label, value) lines with the count and the sums.
 */
final class ExportLayout {

    /** Column of each value in a trade line; amounts from {@link #FIRST_AMOUNT} on. */
    static final int FIRST_AMOUNT = 7;

    private final ExportTexts texts;
    private final ZoneId zone;

    ExportLayout(ExportTexts texts, ZoneId zone) {
        this.texts = texts;
        this.zone = zone;
    }

    List<ExportColumn> columns() {
        return List.of(
                ExportColumn.text(texts.get("recon.col.tradeNo"), 34),
                ExportColumn.text(texts.get("recon.col.outTradeNo"), 26),
                ExportColumn.dateTime(texts.get("recon.col.createdAt")),
                ExportColumn.text(texts.get("recon.col.type"), 16),
                ExportColumn.text(texts.get("recon.col.counterparty"), 16),
                ExportColumn.text(texts.get("recon.col.subject"), 36),
                ExportColumn.text(texts.get("recon.col.status"), 20),
                ExportColumn.amount(texts.get("recon.col.amount")),
                ExportColumn.amount(texts.get("recon.col.refunded")),
                ExportColumn.amount(texts.get("recon.col.fee")),
                ExportColumn.amount(texts.get("recon.col.net")));
    }

    /** The time cell of a trade line, in the user's zone. */
    LocalDateTime[] times(TradeRow row) {
        return new LocalDateTime[] {local(row.createdAt())};
    }

    /** The text cells of a trade line (neutralised). */
    String[] text(TradeRow row) {
        return new String[] {
            CellSafety.neutralise(row.tradeNo()),
            CellSafety.neutralise(row.outTradeNo()),
            texts.type(row.type()),
            CellSafety.neutralise(row.counterparty()),
            CellSafety.neutralise(row.subject()),
            texts.status(row.status())
        };
    }

    static long[] amounts(TradeRow row) {
        return new long[] {row.amount(), row.refundTotal(), row.fee(), row.net()};
    }

    List<Map.Entry<String, String>> header(
            String merchantNo, String merchantName, TradeSearch search, StatusTab tab, Instant generatedAt) {
        return List.of(
                Map.entry(texts.get("recon.export.title"), texts.get("recon.export.titleValue")),
                Map.entry(texts.get("recon.export.merchant"), merchantNo + " " + merchantName),
                Map.entry(
                        texts.get("recon.export.range"),
                        ExportWriter.dateTime(local(search.from())) + " ~ "
                                + ExportWriter.dateTime(local(search.to()))),
                Map.entry(texts.get("recon.export.zone"), zone.getId()),
                Map.entry(texts.get("recon.export.generatedAt"), ExportWriter.dateTime(local(generatedAt))),
                Map.entry(texts.get("recon.export.filter"), filter(search, tab)));
    }

    private String filter(TradeSearch search, StatusTab tab) {
        StringBuilder text = new StringBuilder(texts.get("recon.export.filter.tab", texts.tab(tab)));
        text.append("; ")
                .append(texts.get(
                        "recon.export.filter.type",
                        search.type() == null ? texts.get("recon.type.all") : texts.type(search.type())));
        if (search.number() != null) {
            String label = texts.get(
                    search.numberKind() == TradeSearch.NumberKind.TRADE_NO
                            ? "recon.col.tradeNo"
                            : "recon.col.outTradeNo");
            text.append("; ").append(texts.get("labelled", label, search.number()));
        }
        if (search.productName() != null) {
            text.append("; ").append(texts.get("labelled", texts.get("recon.col.subject"), search.productName()));
        }
        if (search.counterparty() != null) {
            text.append("; ").append(texts.get("labelled", texts.get("recon.col.counterparty"), search.counterparty()));
        }
        return CellSafety.neutralise(text.toString());
    }

    /** Footer lines: the count, then amount, refunded, fee and net as plain decimals. */
    List<Map.Entry<String, String>> footer(Totals totals) {
        return List.of(
                Map.entry(texts.get("recon.export.count"), Long.toString(totals.count())),
                Map.entry(texts.get("recon.col.amount"), plain(totals.amount())),
                Map.entry(texts.get("recon.col.refunded"), plain(totals.refundTotal())),
                Map.entry(texts.get("recon.col.fee"), plain(totals.fee())),
                Map.entry(texts.get("recon.col.net"), plain(totals.net())));
    }

    private LocalDateTime local(Instant instant) {
        return LocalDateTime.ofInstant(instant, zone);
    }

    static String plain(long fen) {
        return Money.ofMinor(fen).toPlainString();
    }

    String footerTitle() {
        return texts.get("recon.export.totals");
    }
}
