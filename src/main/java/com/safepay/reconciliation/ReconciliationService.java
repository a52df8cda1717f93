package com.safepay.reconciliation;

import com.safepay.ledger.AccountId;
import com.safepay.ledger.AccountType;
import com.safepay.ledger.EntryType;
import com.safepay.ledger.LedgerService;
import com.safepay.ledger.PostingLine;
import com.safepay.merchant.MerchantService;
import com.safepay.merchant.MerchantView;
import com.safepay.merchant.PaymentPasswordCheck;
import com.safepay.notification.Notification;
import com.safepay.notification.NotificationService;
import com.safepay.payment.PaymentException;
import com.safepay.payment.Refund;
import com.safepay.payment.Trade;
import com.safepay.payment.TradeService;
import com.safepay.shared.AuditDetail;
import com.safepay.shared.AuditEvent;
import com.safepay.shared.CurrentUser;
import com.safepay.shared.CurrentUser.SignedInUser;
import com.safepay.shared.Money;
import com.safepay.shared.Role;
import com.safepay.shared.export.ExportFormat;
import jakarta.annotation.security.RolesAllowed;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * 交易明细 for merchants and their finance staff: search, exact totals, paging, the trade detail,
 * exports, and the merchant's ship and refund actions. Every query is scoped to the signed-in user's
 * merchant; nothing on the screen can name another.
 */
@Service
public class ReconciliationService {

    /** Page sizes the back office offers; the service accepts up to the largest. */
    public static final List<Integer> PAGE_SIZES = List.of(20, 50, 100);

    /** Below this offset a page is read straight from the rows; deeper pages first find their day. */
    static final long DIRECT_OFFSET = 2000;

    private static final DateTimeFormatter FILE_DATE = DateTimeFormatter.ofPattern("yyyyMMdd");

    private final ReconStore store;
    private final Exporter exporter;
    private final MerchantService merchants;
    private final TradeService trades;
    private final LedgerService ledger;
    private final NotificationService notifications;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ReconciliationService(
            ReconStore store,
            Exporter exporter,
            MerchantService merchants,
            TradeService trades,
            LedgerService ledger,
            NotificationService notifications,
            CurrentUser currentUser,
            ApplicationEventPublisher events,
            Clock clock) {
        this.store = store;
        this.exporter = exporter;
        this.merchants = merchants;
        this.trades = trades;
        this.ledger = ledger;
        this.notifications = notifications;
        this.currentUser = currentUser;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The totals of every status tab for {@code search}: count, amount, refunds, fee and net of
     * exactly the trades each tab lists.
     *
     * @throws InvalidRangeException when the time range breaks the rules (nothing is queried)
     */
    @RolesAllowed({Role.MERCHANT_NAME, Role.FINANCE_NAME})
    @Transactional(readOnly = true)
    public Map<StatusTab, Totals> totals(TradeSearch search) {
        requireValid(search);
        return store.tabTotals(myMerchantId(), search);
    }

    /**
     * One page of the trades of {@code search} in {@code tab}.
     *
     * @param page zero-based
     * @param size 1 to 100 rows
     * @throws InvalidRangeException when the time range breaks the rules (nothing is queried)
     */
    @RolesAllowed({Role.MERCHANT_NAME, Role.FINANCE_NAME})
    @Transactional(readOnly = true)
    public List<TradeRow> page(TradeSearch search, StatusTab tab, SortOrder sort, int page, int size) {
        requireValid(search);
        if (page < 0 || size < 1 || size > PAGE_SIZES.getLast()) {
            throw new IllegalArgumentException("Page " + page + " of size " + size);
        }
        long offset = (long) page * size;
        return rows(myMerchantId(), search, tab, sort, offset, size, offset >= DIRECT_OFFSET);
    }

    /** @param seekByDay find the page's day first (deep pages); otherwise skip rows from the top */
    List<TradeRow> rows(
            long merchantId,
            TradeSearch search,
            StatusTab tab,
            SortOrder sort,
            long offset,
            int size,
            boolean seekByDay) {
        if (!seekByDay || search.hasTextFilter()) {
            return store.page(merchantId, search, tab, sort, search.from(), search.to(), offset, size);
        }
        return deepPage(merchantId, search, tab, sort, offset, size);
    }

    /**
     * A deep page without reading every row before it: the daily counts tell which day (or partial
     * edge day) holds the page's first row, and the rows are read from there.
     */
    private List<TradeRow> deepPage(
            long merchantId, TradeSearch search, StatusTab tab, SortOrder sort, long offset, int size) {
        Window window = Window.of(search.from(), search.to());
        Map<LocalDate, Long> days = store.dayCounts(merchantId, search, tab, window);
        List<Window.Interval> pieces = window.pieces();
        if (sort == SortOrder.NEWEST_FIRST) {
            pieces = pieces.reversed();
        }
        long skipped = 0;
        for (Window.Interval piece : pieces) {
            boolean edge = piece.equals(window.head()) || piece.equals(window.tail());
            long count = edge
                    ? store.count(merchantId, search, tab, piece)
                    : days.getOrDefault(Window.day(piece.start()), 0L);
            if (offset < skipped + count) {
                // find the first row's key within its day from the index, then read the page from it
                long within = offset - skipped;
                return store.keyAt(merchantId, search, tab, sort, piece.start(), piece.end(), within)
                        .map(key -> store.pageFrom(merchantId, search, tab, sort, key, size))
                        .orElse(List.of());
            }
            skipped += count;
        }
        return List.of();
    }

    /** The page and the totals together, as the screen shows them. */
    @RolesAllowed({Role.MERCHANT_NAME, Role.FINANCE_NAME})
    @Transactional(readOnly = true)
    public SearchResult search(TradeSearch search, StatusTab tab, SortOrder sort, int page, int size) {
        Map<StatusTab, Totals> totals = totals(search);
        Map<StatusTab, Long> counts = new EnumMap<>(StatusTab.class);
        totals.forEach((t, sums) -> counts.put(t, sums.count()));
        return new SearchResult(page(search, tab, sort, page, size), page, size, totals.get(tab), counts);
    }

    /** Everything about one of the merchant's trades; empty for any other trade no. */
    @RolesAllowed({Role.MERCHANT_NAME, Role.FINANCE_NAME})
    @Transactional(readOnly = true)
    public Optional<TradeDetail> detail(String tradeNo) {
        SignedInUser user = currentUser.require();
        long merchantId = myMerchantId();
        Optional<Trade> found = tradeNo == null
                ? Optional.empty()
                : trades.find(tradeNo.strip()).filter(t -> t.merchantId() == merchantId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Trade trade = found.get();
        List<Refund> refunds = trades.refunds(trade.id());
        List<TradeDetail.Posting> postings = new ArrayList<>();
        Parties parties = new Parties(merchantId);
        addPostings(postings, parties, EntryType.PAYMENT, trade.tradeNo());
        addPostings(postings, parties, EntryType.ESCROW_RELEASE, trade.tradeNo());
        for (Refund refund : refunds) {
            addPostings(postings, parties, EntryType.REFUND, trade.tradeNo() + "/" + refund.id());
        }
        boolean merchant = user.role() == Role.MERCHANT;
        List<TradeDetail.NotificationLog> logs = new ArrayList<>();
        for (Notification notification : notifications.forTrade(trade.tradeNo())) {
            logs.add(new TradeDetail.NotificationLog(
                    notification, merchant ? notifications.attempts(notification.id()) : List.of()));
        }
        ReconProjection.State state = ReconProjection.State.of(trade);
        return Optional.of(new TradeDetail(trade, state.fee(), state.net(), postings, refunds, logs, merchant));
    }

    private final class Parties {
        private final Optional<AccountId> available;
        private final Optional<AccountId> escrow;
        private final AccountId fee;

        Parties(long merchantId) {
            available = ledger.account(AccountType.MERCHANT_AVAILABLE, merchantId);
            escrow = ledger.account(AccountType.MERCHANT_ESCROW, merchantId);
            fee = ledger.platformAccount(AccountType.PLATFORM_FEE_INCOME);
        }

        TradeDetail.Party of(AccountId account) {
            if (available.filter(account::equals).isPresent()) {
                return TradeDetail.Party.MERCHANT_AVAILABLE;
            }
            if (escrow.filter(account::equals).isPresent()) {
                return TradeDetail.Party.MERCHANT_ESCROW;
            }
            return fee.equals(account) ? TradeDetail.Party.PLATFORM_FEE : TradeDetail.Party.BUYER;
        }
    }

    private void addPostings(List<TradeDetail.Posting> postings, Parties parties, EntryType type, String reference) {
        for (PostingLine line : ledger.entryPostings(type, reference)) {
            postings.add(new TradeDetail.Posting(
                    type, reference, line.createdAt(), parties.of(line.account()), line.amount()));
        }
    }

    /** MERCHANT ships one of its escrow trades awaiting shipment (audited by the engine). */
    @RolesAllowed(Role.MERCHANT_NAME)
    @Transactional
    public Trade ship(String tradeNo) {
        return trades.ship(myMerchantId(), tradeNo);
    }

    /**
     * MERCHANT refunds part or all of one of its trades after giving the payment password. Repeating
     * the same {@code requestNo} with the same amount moves nothing again. The engine audits the
     * refund; wrong passwords are audited here.
     *
     * @throws PaymentException when the engine refuses (status, amount above what is refundable …)
     */
    @RolesAllowed(Role.MERCHANT_NAME)
    @Transactional(propagation = Propagation.NEVER)
    public RefundOutcome refund(String tradeNo, String requestNo, Money amount, String reason, String paymentPassword) {
        long merchantId = myMerchantId();
        if (requestNo == null || !requestNo.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("Invalid refund request no");
        }
        // The merchant's one payment password (支付密码), the same as for withdrawals: the third wrong
        // one in a day locks both until tomorrow.
        PaymentPasswordCheck check = merchants.checkMyPaymentPassword(paymentPassword);
        switch (check.outcome()) {
            case NOT_SET -> {
                return new RefundOutcome(RefundOutcome.Status.NO_PASSWORD, null, null, 0);
            }
            case LOCKED_TODAY -> {
                auditDenied("TRADE_REFUND", tradeNo, AuditDetail.of("audit.detail.paymentPasswordLocked"));
                return new RefundOutcome(RefundOutcome.Status.PASSWORD_LOCKED, null, null, 0);
            }
            case WRONG -> {
                auditDenied("TRADE_REFUND", tradeNo, AuditDetail.of("audit.detail.wrongPaymentPassword"));
                return new RefundOutcome(RefundOutcome.Status.WRONG_PASSWORD, null, null, check.remainingTries());
            }
            case OK -> {
                // go on
            }
        }
        TradeService.RefundResult result = trades.refund(
                merchantId, tradeNo, requestNo, amount.minorUnits(), reason == null ? null : reason.strip());
        return new RefundOutcome(
                result.repeated() ? RefundOutcome.Status.ALREADY_DONE : RefundOutcome.Status.REFUNDED,
                result.refund(),
                result.trade(),
                check.remainingTries());
    }

    private void auditDenied(String action, String target, AuditDetail detail) {
        events.publishEvent(new AuditEvent(
                currentUser.require().username(), action, target, AuditEvent.Outcome.DENIED, null, detail));
    }

    /** Whether the signed-in user's merchant has a payment password for refunds. */
    @RolesAllowed({Role.MERCHANT_NAME, Role.FINANCE_NAME})
    @Transactional(readOnly = true)
    public boolean hasPaymentPassword() {
        return merchants.hasPaymentPasswordForSystem(myMerchantId());
    }

    /**
     * Starts an export of the search and tab in the background (audited now). The file is named like
     * {@code 2088…_20260101_20260630_交易明细.xlsx} after the merchant and the days of the range.
     */
    @RolesAllowed({Role.MERCHANT_NAME, Role.FINANCE_NAME})
    @Transactional
    public ExportJob startExport(TradeSearch search, StatusTab tab, SortOrder sort, ExportFormat format) {
        Exporter.Request request = exportRequest(search, tab, sort, format);
        return exporter.start(request, fileName(request));
    }

    /** Writes an export to {@code out} in the caller's thread (audited). @return the footer's totals */
    @RolesAllowed({Role.MERCHANT_NAME, Role.FINANCE_NAME})
    @Transactional(propagation = Propagation.NEVER)
    public Totals export(TradeSearch search, StatusTab tab, SortOrder sort, ExportFormat format, OutputStream out) {
        Exporter.Request request = exportRequest(search, tab, sort, format);
        return exporter.write(request, out, null);
    }

    private Exporter.Request exportRequest(TradeSearch search, StatusTab tab, SortOrder sort, ExportFormat format) {
        requireValid(search);
        SignedInUser user = currentUser.require();
        MerchantView merchant = merchants.myMerchant();
        Exporter.Request request = new Exporter.Request(
                merchant.id(),
                merchant.merchantNo().value(),
                merchant.name(),
                merchant.zone(),
                user.locale() == null ? Locale.SIMPLIFIED_CHINESE : user.locale(),
                search,
                tab,
                sort == null ? SortOrder.NEWEST_FIRST : sort,
                format,
                clock.instant());
        events.publishEvent(new AuditEvent(
                user.username(),
                "TRADE_EXPORT",
                merchant.merchantNo().value(),
                AuditEvent.Outcome.SUCCESS,
                null,
                AuditDetail.of(
                        search.hasTextFilter() ? "audit.detail.exportFiltered" : "audit.detail.export",
                        format.name(),
                        AuditDetail.time(search.from()),
                        AuditDetail.time(search.to()),
                        AuditDetail.label("recon.tab." + tab.name()),
                        AuditDetail.label(
                                search.type() == null
                                        ? "recon.type.all"
                                        : "recon.type." + search.type().name()))));
        return request;
    }

    private static String fileName(Exporter.Request request) {
        return fileName(request.merchantNo(), request.zone(), request.locale(), request.search(), request.format());
    }

    private static String fileName(
            String merchantNo, ZoneId zone, Locale locale, TradeSearch search, ExportFormat format) {
        // the last day the range covers: its end is exclusive
        Instant lastInstant = search.to().isAfter(search.from()) ? search.to().minusNanos(1) : search.to();
        return merchantNo + "_" + FILE_DATE.format(search.from().atZone(zone)) + "_"
                + FILE_DATE.format(lastInstant.atZone(zone)) + "_"
                + new ExportTexts(locale == null ? Locale.SIMPLIFIED_CHINESE : locale).get("recon.export.fileName")
                + format.extension();
    }

    private static void requireValid(TradeSearch search) {
        search.rangeProblem().ifPresent(problem -> {
            throw new InvalidRangeException(problem);
        });
    }

    /** The signed-in user's merchant, from the sign-in snapshot (no query). */
    private long myMerchantId() {
        Long merchantId = currentUser.require().merchantId();
        if (merchantId == null) {
            throw new AccessDeniedException("User belongs to no merchant");
        }
        return merchantId;
    }
}
