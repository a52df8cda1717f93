package com.safepay.withdrawal;

import com.safepay.ledger.AccountType;
import com.safepay.ledger.LedgerService;
import com.safepay.merchant.MerchantService;
import com.safepay.merchant.MerchantView;
import com.safepay.shared.AuditDetail;
import com.safepay.shared.AuditEvent;
import com.safepay.shared.CurrentUser;
import com.safepay.shared.Role;
import com.safepay.shared.export.CellSafety;
import com.safepay.shared.export.ExportColumn;
import com.safepay.shared.export.ExportFormat;
import com.safepay.shared.export.ExportWriter;
import com.safepay.shared.export.TxtExportWriter;
import com.safepay.shared.export.XlsxExportWriter;
import jakarta.annotation.security.RolesAllowed;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Exports of the withdrawal records (提现记录) and the account ledger (账户明细) in the formats and
 * layout of the transaction export: a header block, one line per record in the columns and order of
 * the page's grid (times to the second, date cells in Excel), a footer with the count and sums; text
 * cells neutralised against formula injection; audited.
 */
@Service
public class WithdrawalExports {

    private static final int PAGE = 1000;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    private final WithdrawalService withdrawals;
    private final MerchantService merchants;
    private final LedgerService ledger;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    WithdrawalExports(
            WithdrawalService withdrawals,
            MerchantService merchants,
            LedgerService ledger,
            CurrentUser currentUser,
            ApplicationEventPublisher events,
            Clock clock) {
        this.withdrawals = withdrawals;
        this.merchants = merchants;
        this.ledger = ledger;
        this.currentUser = currentUser;
        this.events = events;
        this.clock = clock;
    }

    /** {@code 2088…_20260101_20260630_提现记录.xlsx} */
    public String fileName(Instant from, Instant to, String title, ExportFormat format) {
        ZoneId zone = currentUser.require().zone();
        return merchants.myMerchant().merchantNo().value() + "_" + DAY.format(from.atZone(zone)) + "_"
                + DAY.format(to.atZone(zone)) + "_" + title + format.extension();
    }

    /**
     * Writes the withdrawals of {@code filter}, page by page from the database.
     *
     * @param text translates the labels (the caller's language)
     */
    @RolesAllowed({Role.MERCHANT_NAME, Role.FINANCE_NAME})
    @Transactional(readOnly = true)
    public void writeWithdrawals(
            WithdrawalService.Filter filter, ExportFormat format, Function<String, String> text, OutputStream out) {
        MerchantView merchant = merchants.myMerchant();
        ZoneId zone = currentUser.require().zone();
        // the columns of the 提现记录 grid, in its order
        List<ExportColumn> columns = List.of(
                ExportColumn.text(text.apply("withdrawals.no"), 30),
                ExportColumn.amount(text.apply("withdrawals.amount")),
                ExportColumn.text(text.apply("withdrawals.bank"), 30),
                ExportColumn.text(text.apply("withdrawals.status"), 16),
                ExportColumn.dateTime(text.apply("withdrawals.requestedAt")),
                ExportColumn.dateTime(text.apply("withdrawals.finishedAt")),
                ExportColumn.text(text.apply("withdrawals.reason"), 36));
        long count;
        try (ExportWriter writer = writer(format, out, text.apply("nav.withdrawals"))) {
            writer.start(
                    header(
                            merchant,
                            filter.from(),
                            filter.to(),
                            zone,
                            text,
                            filter.status() == null
                                    ? text.apply("notify.status.all")
                                    : text.apply("withdrawal.status."
                                            + filter.status().name())),
                    columns);
            count = writeAll(
                    writer,
                    offset -> withdrawals.records(filter, offset, PAGE),
                    w -> new String[] {
                        CellSafety.neutralise(w.withdrawalNo()),
                        CellSafety.neutralise(text.apply("bank." + w.bank().name()) + " " + w.maskedNumber()),
                        CellSafety.neutralise(
                                text.apply("withdrawal.status." + w.status().name())),
                        CellSafety.neutralise(w.failureReason())
                    },
                    w -> new LocalDateTime[] {local(w.requestedAt(), zone), local(w.finishedAt(), zone)},
                    w -> new long[] {w.amount()},
                    text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        audit("EXPORT_WITHDRAWALS", count);
    }

    /** Writes the account ledger (账户明细) of the available balance between {@code from} and {@code to}. */
    @RolesAllowed({Role.MERCHANT_NAME, Role.FINANCE_NAME})
    @Transactional(readOnly = true)
    public void writeStatement(
            Instant from, Instant to, ExportFormat format, Function<String, String> text, OutputStream out) {
        MerchantView merchant = merchants.myMerchant();
        ZoneId zone = currentUser.require().zone();
        var account = merchants.myAccount(AccountType.MERCHANT_AVAILABLE).orElseThrow();
        List<ExportColumn> columns = List.of(
                ExportColumn.dateTime(text.apply("account.statement.time")),
                ExportColumn.text(text.apply("account.statement.reason"), 20),
                ExportColumn.text(text.apply("account.statement.reference"), 40),
                ExportColumn.amount(text.apply("account.statement.amount")),
                ExportColumn.amount(text.apply("account.statement.balance")));
        long count;
        try (ExportWriter writer = writer(format, out, text.apply("account.statement"))) {
            writer.start(header(merchant, from, to, zone, text, text.apply("account.available")), columns);
            count = writeAll(
                    writer,
                    offset -> ledger.statement(account, from, to, offset, PAGE),
                    line -> new String[] {
                        CellSafety.neutralise(
                                text.apply("entry." + line.entryType().name())),
                        CellSafety.neutralise(line.reference())
                    },
                    line -> new LocalDateTime[] {local(line.createdAt(), zone)},
                    line -> new long[] {line.amount(), line.balanceAfter()},
                    text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        audit("EXPORT_STATEMENT", count);
    }

    /**
     * Writes every page of rows, then the footer with the count and the sum of each row's first
     * amount. @return the number of rows
     */
    private static <T> long writeAll(
            ExportWriter writer,
            IntFunction<List<T>> pages,
            Function<T, String[]> texts,
            Function<T, LocalDateTime[]> times,
            Function<T, long[]> amounts,
            Function<String, String> text)
            throws IOException {
        long count = 0;
        long sum = 0;
        for (int offset = 0; ; offset += PAGE) {
            List<T> page = pages.apply(offset);
            for (T row : page) {
                long[] values = amounts.apply(row);
                writer.row(texts.apply(row), times.apply(row), values);
                count++;
                sum += values[0];
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        writer.finish(
                text.apply("export.footer"),
                List.of(
                        Map.entry(text.apply("export.count"), Long.toString(count)),
                        Map.entry(text.apply("export.sum"), ExportWriter.decimal(sum))));
        return count;
    }

    private List<Map.Entry<String, String>> header(
            MerchantView merchant,
            Instant from,
            Instant to,
            ZoneId zone,
            Function<String, String> text,
            String filter) {
        return List.of(
                Map.entry(text.apply("export.merchant"), merchant.name() + " (" + merchant.merchantNo() + ")"),
                Map.entry(
                        text.apply("export.range"),
                        ExportWriter.dateTime(local(from, zone)) + " ~ " + ExportWriter.dateTime(local(to, zone))),
                Map.entry(text.apply("export.zone"), zone.getId()),
                Map.entry(text.apply("export.generatedAt"), ExportWriter.dateTime(local(clock.instant(), zone))),
                Map.entry(text.apply("export.filter"), CellSafety.neutralise(filter)));
    }

    private static ExportWriter writer(ExportFormat format, OutputStream out, String sheet) throws IOException {
        return switch (format) {
            case TXT -> new TxtExportWriter(out);
            case XLSX -> new XlsxExportWriter(out, sheet);
        };
    }

    private static LocalDateTime local(Instant instant, ZoneId zone) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, zone);
    }

    private void audit(String action, long rows) {
        events.publishEvent(new AuditEvent(
                currentUser.require().username(),
                action,
                merchants.myMerchant().merchantNo().value(),
                AuditEvent.Outcome.SUCCESS,
                null,
                AuditDetail.of("audit.detail.rows", rows)));
    }
}
