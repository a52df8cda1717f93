package com.safepay.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.safepay.merchant.MerchantKeys;
import com.safepay.merchant.MerchantNo;
import com.safepay.merchant.MerchantService;
import com.safepay.merchant.MerchantView;
import com.safepay.merchant.PaymentPasswordCheck;
import com.safepay.payment.BuyerService;
import com.safepay.payment.PaymentException;
import com.safepay.payment.Trade;
import com.safepay.payment.TradeService;
import com.safepay.payment.TradeStatus;
import com.safepay.payment.TradeType;
import com.safepay.reconciliation.TradeSearch.NumberKind;
import com.safepay.reconciliation.TradeSearch.RangeProblem;
import com.safepay.shared.Money;
import com.safepay.shared.Role;
import com.safepay.shared.export.ExportFormat;
import com.safepay.support.MutableClock;
import com.safepay.support.SignedIn;
import com.safepay.support.SystemUser;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Search, totals, paging, detail, actions and exports of 交易明细, on a merchant whose trades were made
 * through the real engine; run on H2 and on PostgreSQL by the subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ReconciliationContract {

    static final int TRADES = 90;

    @Autowired
    ReconciliationService reconciliation;

    @Autowired
    TradeService trades;

    @Autowired
    BuyerService buyers;

    @Autowired
    MerchantService merchants;

    @Autowired
    MerchantKeys merchantKeys;

    @Autowired
    MutableClock clock;

    @Autowired
    DailyFold fold;

    @Autowired
    JdbcClient jdbc;

    ReconFixture mine;
    ReconFixture other;

    @Autowired
    ObjectProvider<SecurityContextHolderStrategy> securityStrategy;

    @BeforeAll
    void trades() {
        // as SecurityStrategyTestExecutionListener does before each test: this context's strategy, not the
        // one of the context that started last
        securityStrategy.ifAvailable(SecurityContextHolder::setContextHolderStrategy);
        Instant now = clock.instant();
        mine = new ReconFixture(merchants, merchantKeys, trades, buyers, clock, now).seed(TRADES);
        other = new ReconFixture(merchants, merchantKeys, trades, buyers, clock, now).seed(12);
    }

    @AfterEach
    void signOut() {
        SignedIn.out();
    }

    TradeSearch everything() {
        return TradeSearch.between(mine.base, mine.base.plus(Duration.ofDays(30)));
    }

    long me() {
        return mine.merchant.id();
    }

    List<TradeRow> allPages(TradeSearch search, StatusTab tab, SortOrder sort, int size) {
        List<TradeRow> rows = new ArrayList<>();
        for (int page = 0; ; page++) {
            List<TradeRow> got = reconciliation.page(search, tab, sort, page, size);
            rows.addAll(got);
            if (got.size() < size) {
                return rows;
            }
        }
    }

    List<String> nos(List<TradeRow> rows) {
        return rows.stream().map(TradeRow::tradeNo).toList();
    }

    @Test
    void every_filter_alone_and_combined_lists_exactly_the_matching_trades_in_order() {
        SignedIn.as(Role.FINANCE, me());
        List<TradeRow> all = mine.expectedRows();
        TradeRow someone =
                all.stream().filter(r -> r.counterparty() != null).findFirst().orElseThrow();
        Instant from = mine.base.plus(Duration.ofHours(30)).plusSeconds(17);
        Instant to = mine.base.plus(Duration.ofDays(9)).plus(Duration.ofMinutes(41));
        List<TradeSearch> searches = List.of(
                everything(),
                TradeSearch.between(from, to),
                new TradeSearch(
                        NumberKind.TRADE_NO,
                        all.get(10).tradeNo(),
                        null,
                        null,
                        null,
                        from,
                        to.plus(Duration.ofDays(5))),
                new TradeSearch(
                        NumberKind.TRADE_NO,
                        " " + all.get(40).tradeNo() + " ",
                        null,
                        null,
                        null,
                        everything().from(),
                        everything().to()),
                new TradeSearch(
                        NumberKind.OUT_TRADE_NO,
                        all.get(18).outTradeNo(),
                        null,
                        null,
                        null,
                        everything().from(),
                        everything().to()),
                new TradeSearch(
                        NumberKind.OUT_TRADE_NO,
                        all.get(18).tradeNo(),
                        null,
                        null,
                        null,
                        everything().from(),
                        everything().to()),
                new TradeSearch(
                        NumberKind.TRADE_NO,
                        null,
                        "latte",
                        null,
                        null,
                        everything().from(),
                        everything().to()),
                new TradeSearch(
                        NumberKind.TRADE_NO,
                        null,
                        "%",
                        null,
                        null,
                        everything().from(),
                        everything().to()),
                new TradeSearch(
                        NumberKind.TRADE_NO,
                        null,
                        null,
                        someone.counterparty(),
                        null,
                        everything().from(),
                        everything().to()),
                new TradeSearch(
                        NumberKind.TRADE_NO, null, null, someone.counterparty().substring(7), null, from, to),
                new TradeSearch(
                        NumberKind.TRADE_NO,
                        null,
                        null,
                        null,
                        TradeType.ESCROW,
                        everything().from(),
                        everything().to()),
                new TradeSearch(NumberKind.TRADE_NO, null, null, null, TradeType.INSTANT, from, to),
                new TradeSearch(
                        NumberKind.TRADE_NO,
                        null,
                        "咖啡",
                        someone.counterparty().substring(0, 3),
                        TradeType.INSTANT,
                        from,
                        to));
        for (TradeSearch search : searches) {
            for (StatusTab tab : StatusTab.values()) {
                for (SortOrder sort : SortOrder.values()) {
                    List<TradeRow> expected = mine.expected(search, tab, sort);
                    assertThat(nos(allPages(search, tab, sort, 20)))
                            .as("%s in %s, %s", search, tab, sort)
                            .containsExactlyElementsOf(nos(expected));
                }
            }
        }
        assertThat(mine.expected(searches.get(2), StatusTab.ALL, SortOrder.NEWEST_FIRST))
                .hasSize(1);
        assertThat(mine.expected(searches.get(7), StatusTab.ALL, SortOrder.NEWEST_FIRST))
                .isEmpty();
    }

    @Test
    void rows_carry_the_fee_still_charged_and_the_net_and_unpaid_trades_neither() {
        SignedIn.as(Role.MERCHANT, me());
        List<TradeRow> expected = mine.expected(everything(), StatusTab.ALL, SortOrder.NEWEST_FIRST);
        assertThat(allPages(everything(), StatusTab.ALL, SortOrder.NEWEST_FIRST, 100))
                .containsExactlyElementsOf(expected);
        assertThat(expected).anyMatch(r -> r.status() == TradeStatus.WAIT_BUYER_PAY && r.fee() == 0 && r.net() == 0);
        assertThat(expected).anyMatch(r -> r.hasRefund() && r.status() == TradeStatus.TRADE_CLOSED && r.net() == 0);
    }

    @Test
    void totals_of_every_tab_equal_the_sums_of_its_rows_across_pages_before_and_after_folding() {
        SignedIn.as(Role.MERCHANT, me());
        Instant from = mine.base.plus(Duration.ofHours(13)).plusSeconds(5);
        Instant to = mine.base.plus(Duration.ofDays(12)).plus(Duration.ofHours(7));
        List<TradeSearch> searches = List.of(
                everything(),
                TradeSearch.between(from, to),
                TradeSearch.between(from, from.plus(Duration.ofHours(5))),
                TradeSearch.between(mine.base.plus(Duration.ofDays(2)), mine.base.plus(Duration.ofDays(4))),
                new TradeSearch(NumberKind.TRADE_NO, null, null, null, TradeType.ESCROW, from, to),
                new TradeSearch(NumberKind.TRADE_NO, null, "cake", null, null, from, to));
        for (boolean folded : List.of(false, true)) {
            if (folded) {
                fold.run();
                assertThat(jdbc.sql("select count(*) from recon_daily_delta where merchant_id = ?")
                                .param(me())
                                .query(Long.class)
                                .single())
                        .isZero();
            }
            for (TradeSearch search : searches) {
                Map<StatusTab, Totals> totals = reconciliation.totals(search);
                for (StatusTab tab : StatusTab.values()) {
                    List<TradeRow> rows = allPages(search, tab, SortOrder.NEWEST_FIRST, 20);
                    assertThat(totals.get(tab))
                            .as("%s %s folded=%s", search, tab, folded)
                            .isEqualTo(ReconFixture.sum(rows))
                            .isEqualTo(ReconFixture.sum(mine.expected(search, tab, SortOrder.NEWEST_FIRST)));
                }
                assertThat(totals.get(StatusTab.ALL).count())
                        .isEqualTo(totals.get(StatusTab.WAIT_BUYER_PAY).count()
                                + totals.get(StatusTab.WAIT_SELLER_SEND).count()
                                + totals.get(StatusTab.WAIT_BUYER_CONFIRM).count()
                                + totals.get(StatusTab.SUCCESS).count()
                                + totals.get(StatusTab.CLOSED).count()
                                + totals.get(StatusTab.FINISHED).count());
            }
        }
        assertThat(reconciliation.totals(everything()).get(StatusTab.ALL).count())
                .isEqualTo(TRADES);
        assertThat(reconciliation.totals(everything()).get(StatusTab.REFUNDS).count())
                .isPositive();
    }

    @Test
    void the_paid_tab_holds_exactly_the_trades_the_engine_says_were_paid_refunded_or_not() {
        SignedIn.as(Role.MERCHANT, me());
        // the oracle is the engine's own paid_at, not StatusTab.matches (which the store shares)
        List<String> paid = mine.tradeNos.stream()
                .map(no -> trades.find(no).orElseThrow())
                .filter(Trade::isPaid)
                .map(Trade::tradeNo)
                .sorted()
                .toList();
        assertThat(paid).isNotEmpty().hasSizeLessThan(TRADES);
        assertThat(allPages(everything(), StatusTab.PAID, SortOrder.NEWEST_FIRST, 20).stream()
                        .map(TradeRow::tradeNo)
                        .sorted()
                        .toList())
                .isEqualTo(paid);
        long paidAmount = mine.tradeNos.stream()
                .map(no -> trades.find(no).orElseThrow())
                .filter(Trade::isPaid)
                .mapToLong(Trade::totalAmount)
                .sum();
        for (boolean folded : List.of(false, true)) {
            if (folded) {
                fold.run();
            }
            assertThat(reconciliation.totals(everything()).get(StatusTab.PAID))
                    .satisfies(t -> assertThat(t.count()).isEqualTo(paid.size()))
                    .satisfies(t -> assertThat(t.amount()).isEqualTo(paidAmount));
        }
    }

    @Test
    void paging_by_day_and_by_offset_return_every_row_exactly_once_in_both_orders() {
        SignedIn.as(Role.FINANCE, me());
        Instant from = mine.base.plus(Duration.ofHours(5)).plusSeconds(1);
        Instant to = mine.base.plus(Duration.ofDays(15)).plus(Duration.ofHours(3));
        for (TradeSearch search : List.of(
                everything(),
                TradeSearch.between(from, to),
                new TradeSearch(NumberKind.TRADE_NO, null, null, null, TradeType.INSTANT, from, to))) {
            for (StatusTab tab : List.of(StatusTab.ALL, StatusTab.SUCCESS, StatusTab.REFUNDS)) {
                for (SortOrder sort : SortOrder.values()) {
                    List<String> expected = nos(mine.expected(search, tab, sort));
                    for (int size : List.of(3, 20)) {
                        for (boolean byDay : List.of(true, false)) {
                            List<String> seen = new ArrayList<>();
                            for (long offset = 0; offset <= expected.size(); offset += size) {
                                seen.addAll(nos(reconciliation.rows(me(), search, tab, sort, offset, size, byDay)));
                            }
                            assertThat(seen)
                                    .as("%s %s %s size %d by day %s", search, tab, sort, size, byDay)
                                    .containsExactlyElementsOf(expected);
                            Set<String> unique = new HashSet<>(seen);
                            assertThat(unique).hasSameSizeAs(seen);
                        }
                    }
                }
            }
        }
    }

    @Test
    void a_range_of_181_days_or_a_start_after_the_end_is_refused_and_180_days_are_fine() {
        SignedIn.as(Role.MERCHANT, me());
        Instant from = mine.base;
        TradeSearch tooLong = TradeSearch.between(from, from.plus(Duration.ofDays(181)));
        TradeSearch backwards = TradeSearch.between(from.plusSeconds(1), from);
        assertThatThrownBy(() -> reconciliation.totals(tooLong))
                .isInstanceOfSatisfying(
                        InvalidRangeException.class,
                        e -> assertThat(e.problem()).isEqualTo(RangeProblem.TOO_LONG));
        assertThatThrownBy(() -> reconciliation.page(tooLong, StatusTab.ALL, SortOrder.NEWEST_FIRST, 0, 20))
                .isInstanceOf(InvalidRangeException.class);
        assertThatThrownBy(() -> reconciliation.export(
                        tooLong, StatusTab.ALL, SortOrder.NEWEST_FIRST, ExportFormat.TXT, new ByteArrayOutputStream()))
                .isInstanceOf(InvalidRangeException.class);
        assertThatThrownBy(() ->
                        reconciliation.startExport(tooLong, StatusTab.ALL, SortOrder.NEWEST_FIRST, ExportFormat.XLSX))
                .isInstanceOf(InvalidRangeException.class);
        assertThatThrownBy(() -> reconciliation.totals(TradeSearch.between(
                        from, from.plus(Duration.ofDays(180)).plusNanos(1000))))
                .isInstanceOf(InvalidRangeException.class);
        assertThatThrownBy(() -> reconciliation.search(backwards, StatusTab.ALL, SortOrder.NEWEST_FIRST, 0, 20))
                .isInstanceOfSatisfying(
                        InvalidRangeException.class,
                        e -> assertThat(e.problem()).isEqualTo(RangeProblem.START_AFTER_END));
        assertThat(reconciliation
                        .totals(TradeSearch.between(from, from.plus(Duration.ofDays(180))))
                        .get(StatusTab.ALL)
                        .count())
                .isEqualTo(TRADES);
    }

    @Test
    void no_filter_trade_no_or_detail_shows_another_merchants_trade() {
        SignedIn.as(Role.MERCHANT, me());
        List<TradeRow> theirs = other.expectedRows();
        TradeSearch wide =
                TradeSearch.between(other.base.minus(Duration.ofDays(1)), other.base.plus(Duration.ofDays(60)));
        for (TradeRow row : theirs) {
            for (TradeSearch search : List.of(
                    new TradeSearch(NumberKind.TRADE_NO, row.tradeNo(), null, null, null, wide.from(), wide.to()),
                    new TradeSearch(
                            NumberKind.OUT_TRADE_NO, row.outTradeNo(), null, null, null, wide.from(), wide.to()))) {
                assertThat(reconciliation.page(search, StatusTab.ALL, SortOrder.NEWEST_FIRST, 0, 20))
                        .isEmpty();
                assertThat(reconciliation.totals(search).get(StatusTab.ALL)).isEqualTo(Totals.ZERO);
            }
            assertThat(reconciliation.detail(row.tradeNo())).isEmpty();
            assertThatThrownBy(() -> reconciliation.ship(row.tradeNo())).isInstanceOf(PaymentException.class);
        }
        Set<String> listed = new HashSet<>(nos(allPages(wide, StatusTab.ALL, SortOrder.NEWEST_FIRST, 100)));
        assertThat(listed).doesNotContainAnyElementsOf(nos(theirs));
        SignedIn.as(Role.FINANCE, other.merchant.id());
        assertThat(new HashSet<>(nos(allPages(wide, StatusTab.ALL, SortOrder.NEWEST_FIRST, 100))))
                .containsExactlyInAnyOrderElementsOf(nos(theirs));
    }

    @Test
    void the_detail_shows_postings_refunds_and_notifications_with_attempts_for_merchants_only() {
        TradeRow refunded = mine.expectedRows().stream()
                .filter(r -> r.hasRefund() && r.type() == TradeType.INSTANT)
                .findFirst()
                .orElseThrow();
        SignedIn.as(Role.MERCHANT, me());
        TradeDetail detail = reconciliation.detail(refunded.tradeNo()).orElseThrow();
        assertThat(detail.actionsAllowed()).isTrue();
        assertThat(detail.fee()).isEqualTo(refunded.fee());
        assertThat(detail.net()).isEqualTo(refunded.net());
        assertThat(detail.refunds()).hasSize(1);
        assertThat(detail.postings())
                .extracting(TradeDetail.Posting::party)
                .contains(
                        TradeDetail.Party.BUYER, TradeDetail.Party.MERCHANT_AVAILABLE, TradeDetail.Party.PLATFORM_FEE);
        assertThat(detail.postings().stream()
                        .mapToLong(TradeDetail.Posting::amount)
                        .sum())
                .as("every entry sums to zero")
                .isZero();
        assertThat(detail.postings())
                .filteredOn(p -> p.party() == TradeDetail.Party.MERCHANT_AVAILABLE)
                .extracting(TradeDetail.Posting::amount)
                .satisfies(amounts -> assertThat(
                                amounts.stream().mapToLong(Long::longValue).sum())
                        .isEqualTo(refunded.net()));
        assertThat(detail.notifications()).isNotEmpty();

        SignedIn.as(Role.FINANCE, me());
        TradeDetail seenByFinance = reconciliation.detail(refunded.tradeNo()).orElseThrow();
        assertThat(seenByFinance.actionsAllowed()).isFalse();
        assertThat(seenByFinance.canRefund()).isFalse();
        assertThat(seenByFinance.notifications())
                .allSatisfy(n -> assertThat(n.attempts()).isEmpty());
    }

    @Test
    void finance_staff_can_neither_ship_nor_refund_nor_set_payment_passwords() {
        SignedIn.as(Role.FINANCE, me());
        String tradeNo = mine.tradeNos.get(3);
        assertThatThrownBy(() -> reconciliation.ship(tradeNo)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> reconciliation.refund(tradeNo, "X1", Money.ofMinor(1), "x", "123456"))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> merchants.setPaymentPassword(me(), "654321"))
                .isInstanceOf(AccessDeniedException.class);
        SignedIn.out();
        assertThatThrownBy(() -> reconciliation.totals(everything()))
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
    }

    @Test
    void a_merchant_ships_and_refunds_with_the_payment_password_once_per_request_and_the_lists_follow() {
        ReconFixture shop = new ReconFixture(merchants, merchantKeys, trades, buyers, clock, clock.instant()).seed(16);
        long merchantId = shop.merchant.id();
        SystemUser.asAdmin(() -> {
            merchants.setPaymentPassword(merchantId, "123456");
            return null;
        });
        TradeSearch search = TradeSearch.between(shop.base, shop.base.plus(Duration.ofDays(10)));
        SignedIn.as(Role.MERCHANT, merchantId);
        assertThat(reconciliation.hasPaymentPassword()).isTrue();

        TradeRow awaiting = reconciliation
                .page(search, StatusTab.WAIT_SELLER_SEND, SortOrder.NEWEST_FIRST, 0, 20)
                .getFirst();
        long awaitingBefore =
                reconciliation.totals(search).get(StatusTab.WAIT_SELLER_SEND).count();
        reconciliation.ship(awaiting.tradeNo());
        assertThat(reconciliation.totals(search).get(StatusTab.WAIT_SELLER_SEND).count())
                .isEqualTo(awaitingBefore - 1);
        assertThat(nos(reconciliation.page(search, StatusTab.WAIT_BUYER_CONFIRM, SortOrder.NEWEST_FIRST, 0, 20)))
                .contains(awaiting.tradeNo());

        TradeRow success = reconciliation.page(search, StatusTab.SUCCESS, SortOrder.NEWEST_FIRST, 0, 20).stream()
                .filter(r -> !r.hasRefund())
                .findFirst()
                .orElseThrow();
        Totals refundsBefore = reconciliation.totals(search).get(StatusTab.REFUNDS);
        Money part = Money.ofMinor(success.amount() / 4);
        RefundOutcome wrong = reconciliation.refund(success.tradeNo(), "BO-1", part, "顾客退货", "000000");
        assertThat(wrong.status()).isEqualTo(RefundOutcome.Status.WRONG_PASSWORD);
        assertThat(wrong.remainingTries()).isEqualTo(2); // the merchant's one payment password: 3 tries a day
        assertThat(trades.find(success.tradeNo()).orElseThrow().refundTotal()).isZero();

        RefundOutcome done = reconciliation.refund(success.tradeNo(), "BO-1", part, "顾客退货", "123456");
        assertThat(done.status()).isEqualTo(RefundOutcome.Status.REFUNDED);
        RefundOutcome again = reconciliation.refund(success.tradeNo(), "BO-1", part, "顾客退货", "123456");
        assertThat(again.status()).isEqualTo(RefundOutcome.Status.ALREADY_DONE);
        assertThat(trades.find(success.tradeNo()).orElseThrow().refundTotal()).isEqualTo(part.minorUnits());
        assertThatThrownBy(() -> reconciliation.refund(
                        success.tradeNo(), "BO-2", Money.ofMinor(success.amount()), "太多", "123456"))
                .isInstanceOfSatisfying(
                        PaymentException.class,
                        e -> assertThat(e.reason()).isEqualTo(PaymentException.Reason.REFUND_AMOUNT_EXCEEDED));

        Totals refundsAfter = reconciliation.totals(search).get(StatusTab.REFUNDS);
        assertThat(refundsAfter.count()).isEqualTo(refundsBefore.count() + 1);
        assertThat(refundsAfter.refundTotal()).isEqualTo(refundsBefore.refundTotal() + part.minorUnits());
        assertThat(jdbc.sql(
                                "select count(*) from audit_log where action = 'TRADE_REFUND' and target = ? and outcome = ?")
                        .params(success.tradeNo(), "SUCCESS")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql(
                                "select count(*) from audit_log where action = 'TRADE_REFUND' and target = ? and outcome = ?")
                        .params(success.tradeNo(), "DENIED")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'TRADE_SHIP' and target = ?")
                        .param(awaiting.tradeNo())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void refunds_and_withdrawals_share_one_payment_password_and_three_wrong_ones_lock_both_until_tomorrow() {
        MerchantView bare = SystemUser.asAdmin(() -> merchants.register(
                new MerchantNo("2088" + "%012d".formatted(System.nanoTime() % 1_000_000_000_000L)),
                "No password yet",
                "nopassword@test",
                ZoneId.of("Asia/Shanghai"),
                "test"));
        SignedIn.as(Role.MERCHANT, bare.id());
        assertThat(reconciliation.hasPaymentPassword()).isFalse();
        assertThat(reconciliation
                        .refund("2026010100000001", "R1", Money.ofMinor(1), null, "123456")
                        .status())
                .isEqualTo(RefundOutcome.Status.NO_PASSWORD);

        ReconFixture shop = new ReconFixture(merchants, merchantKeys, trades, buyers, clock, clock.instant()).seed(8);
        long merchantId = shop.merchant.id();
        SystemUser.asAdmin(() -> {
            merchants.setPaymentPassword(merchantId, "135790");
            return null;
        });
        SignedIn.as(Role.MERCHANT, merchantId);
        String tradeNo = shop.tradeNos.get(3);
        for (int i = 0; i < 2; i++) {
            assertThat(reconciliation
                            .refund(tradeNo, "R1", Money.ofMinor(1), null, "000000")
                            .status())
                    .isEqualTo(RefundOutcome.Status.WRONG_PASSWORD);
        }
        assertThat(reconciliation
                        .refund(tradeNo, "R1", Money.ofMinor(1), null, "000000")
                        .status())
                .isEqualTo(RefundOutcome.Status.PASSWORD_LOCKED);
        assertThat(reconciliation
                        .refund(tradeNo, "R1", Money.ofMinor(1), null, "135790")
                        .status())
                .isEqualTo(RefundOutcome.Status.PASSWORD_LOCKED);
        // the same password guards withdrawals: they are locked as well
        assertThat(merchants.checkMyPaymentPassword("135790").outcome())
                .isEqualTo(PaymentPasswordCheck.Outcome.LOCKED_TODAY);
        clock.advance(Duration.ofDays(1));
        try {
            assertThat(reconciliation
                            .refund(tradeNo, "R1", Money.ofMinor(1), null, "135790")
                            .status())
                    .isEqualTo(RefundOutcome.Status.REFUNDED);
        } finally {
            clock.advance(Duration.ofDays(1).negated());
        }
    }

    @Test
    void exports_in_both_formats_hold_the_rows_and_totals_of_the_search_and_neutralise_formulas() throws Exception {
        SignedIn.as(Role.FINANCE, me());
        Instant from = mine.base.plus(Duration.ofHours(11));
        Instant to = mine.base.plus(Duration.ofDays(13));
        for (TradeSearch search : List.of(
                TradeSearch.between(from, to),
                new TradeSearch(NumberKind.TRADE_NO, null, null, null, TradeType.INSTANT, from, to))) {
            for (StatusTab tab : List.of(StatusTab.ALL, StatusTab.REFUNDS)) {
                Totals screen = reconciliation.totals(search).get(tab);
                List<TradeRow> rows = allPages(search, tab, SortOrder.NEWEST_FIRST, 100);
                for (ExportFormat format : ExportFormat.values()) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    Totals footer = reconciliation.export(search, tab, SortOrder.NEWEST_FIRST, format, out);
                    ExportFiles.Parsed parsed = ExportFiles.parse(format, out.toByteArray());
                    assertThat(footer).isEqualTo(screen);
                    assertThat(parsed.totals()).as("footer of %s", format).isEqualTo(screen);
                    assertThat(parsed.tradeNos()).containsExactlyElementsOf(nos(rows));
                    assertThat(parsed.sumOfRows()).isEqualTo(screen);
                    assertThat(parsed.header()).containsKey("商户");
                    assertThat(parsed.header().get("时区")).isEqualTo("Asia/Shanghai");
                    assertThat(parsed.allText())
                            .filteredOn(text -> !text.isEmpty())
                            .noneMatch(ExportFiles::startsLikeAFormula);
                    if (tab == StatusTab.ALL && search.type() == null) {
                        assertThat(parsed.allText())
                                .contains("'=HYPERLINK(\"http://evil.example\",\"x\")", "'-2+3 蛋糕 Cake", "'@SUM(A1)");
                        assertThat(parsed.allText()).anyMatch(text -> text.startsWith("'+ORD-"));
                    }
                }
            }
        }
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'TRADE_EXPORT' and actor = ?")
                        .param("finance-" + me())
                        .query(Long.class)
                        .single())
                .isEqualTo(8);
    }

    @Test
    void a_background_export_reports_progress_and_is_named_after_merchant_and_days() throws Exception {
        SignedIn.as(Role.MERCHANT, me());
        TradeSearch search = everything();
        ExportJob job = reconciliation.startExport(search, StatusTab.ALL, SortOrder.OLDEST_FIRST, ExportFormat.XLSX);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (job.state() == ExportJob.State.RUNNING && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(job.state()).isEqualTo(ExportJob.State.DONE);
        assertThat(job.progress()).isEqualTo(1.0);
        assertThat(job.totals()).isEqualTo(reconciliation.totals(search).get(StatusTab.ALL));
        String day1 = com.safepay.shared.export.ExportWriter.DATE_TIME
                .format(search.from().atZone(SignedIn.SHANGHAI))
                .substring(0, 10)
                .replace("-", "");
        String day2 = com.safepay.shared.export.ExportWriter.DATE_TIME
                .format(search.to().minusSeconds(1).atZone(SignedIn.SHANGHAI))
                .substring(0, 10)
                .replace("-", "");
        assertThat(job.fileName())
                .isEqualTo(mine.merchant.merchantNo().value() + "_" + day1 + "_" + day2 + "_交易明细.xlsx");
        try (var in = job.open()) {
            ExportFiles.Parsed parsed = ExportFiles.parse(ExportFormat.XLSX, in.readAllBytes());
            assertThat(parsed.tradeNos())
                    .containsExactlyElementsOf(nos(mine.expected(search, StatusTab.ALL, SortOrder.OLDEST_FIRST)));
        }
        job.discard();
        assertThatThrownBy(job::open).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void the_daily_sums_always_equal_the_rows_they_summarise() {
        for (boolean folded : List.of(false, true)) {
            if (folded) {
                fold.run();
            }
            Map<String, Long> fromRows = new java.util.TreeMap<>();
            jdbc.sql("select created_at, status, trade_type, refunded, amount from recon_trade where merchant_id = ?")
                    .param(me())
                    .query(rs -> {
                        String key = Window.day(rs.getTimestamp(1).toInstant()) + " " + rs.getString(2) + " "
                                + rs.getString(3) + " " + rs.getBoolean(4);
                        fromRows.merge(key + " count", 1L, Long::sum);
                        fromRows.merge(key + " amount", rs.getLong(5), Long::sum);
                    });
            Map<String, Long> fromDays = new java.util.TreeMap<>();
            jdbc.sql("""
                            select trade_day, status, trade_type, refunded, trade_count, amount from recon_daily where merchant_id = ?
                            union all
                            select trade_day, status, trade_type, refunded, trade_count, amount from recon_daily_delta
                            where merchant_id = ?""").params(me(), me()).query(rs -> {
                String key = rs.getDate(1).toLocalDate() + " " + rs.getString(2) + " " + rs.getString(3) + " "
                        + rs.getBoolean(4);
                fromDays.merge(key + " count", rs.getLong(5), Long::sum);
                fromDays.merge(key + " amount", rs.getLong(6), Long::sum);
            });
            fromDays.values().removeIf(v -> v == 0);
            assertThat(fromDays).as("folded=%s", folded).isEqualTo(fromRows);
        }
    }
}
