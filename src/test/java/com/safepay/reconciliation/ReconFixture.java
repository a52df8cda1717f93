package com.safepay.reconciliation;

import com.safepay.merchant.MerchantKeys;
import com.safepay.merchant.MerchantService;
import com.safepay.merchant.MerchantView;
import com.safepay.payment.Buyer;
import com.safepay.payment.BuyerService;
import com.safepay.payment.CreateTrade;
import com.safepay.payment.Trade;
import com.safepay.payment.TradeService;
import com.safepay.payment.TradeType;
import com.safepay.shared.Money;
import com.safepay.support.MutableClock;
import com.safepay.support.TestMerchants;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Trades made through the real engine at chosen past times, in every status, with refunds, and the
 * expectation of what 交易明细 must list for any filter (computed here from the trades themselves).
 */
final class ReconFixture {

    static final String[] SUBJECTS = {
        "拿铁 Latte",
        "=HYPERLINK(\"http://evil.example\",\"x\")",
        "美式咖啡 Americano",
        "-2+3 蛋糕 Cake",
        "@SUM(A1)",
        "Plain TEA"
    };
    private static final AtomicLong PHONES = new AtomicLong(System.nanoTime() % 10_000_000L);

    private final TradeService trades;
    private final BuyerService buyers;
    private final MutableClock clock;
    final MerchantView merchant;
    final List<Buyer> shoppers = new ArrayList<>();
    final List<String> tradeNos = new ArrayList<>();
    /** Midnight UTC some days ago: trades start here. */
    final Instant base;

    ReconFixture(
            MerchantService merchants,
            MerchantKeys keys,
            TradeService trades,
            BuyerService buyers,
            MutableClock clock,
            Instant now) {
        this.trades = trades;
        this.buyers = buyers;
        this.clock = clock;
        this.merchant = TestMerchants.merchant(merchants, keys).merchant();
        this.base = now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(20));
        for (int i = 0; i < 3; i++) {
            String phone = "137%08d".formatted(PHONES.incrementAndGet() % 100_000_000L);
            Buyer buyer = buyers.register(phone, "Buyer " + phone, "buyer-password-1", "123456", phone);
            buyers.deposit(buyer.id(), Money.ofMinor(10_000_000), "RECON-DEPOSIT-" + buyer.id());
            shoppers.add(buyer);
        }
    }

    /** {@code count} trades, one every 4 h 37 min from {@link #base}, in a deterministic mix of fates. */
    ReconFixture seed(int count) {
        Instant restore = clock.instant();
        try {
            for (int i = 0; i < count; i++) {
                one(i, base.plus(Duration.ofMinutes(277L * i)));
            }
        } finally {
            clock.set(restore);
        }
        return this;
    }

    private void one(int i, Instant at) {
        clock.set(at);
        TradeType type = i % 3 == 0 ? TradeType.ESCROW : TradeType.INSTANT;
        String outTradeNo = (i % 13 == 5 ? "+" : "") + "ORD-" + merchant.id() + "-" + i;
        long amount = 1_00 + (i * 7919L) % 50_000;
        Trade trade = trades.create(new CreateTrade(
                        merchant.id(),
                        outTradeNo,
                        SUBJECTS[i % SUBJECTS.length],
                        i % 2 == 0 ? "body " + i : null,
                        amount,
                        type,
                        "http://localhost/notify",
                        null,
                        "2h"))
                .trade();
        tradeNos.add(trade.tradeNo());
        if (i % 7 == 0) {
            return; // stays unpaid (its timeout passes, nobody runs the job: still WAIT_BUYER_PAY)
        }
        if (i % 7 == 1) {
            clock.set(at.plusSeconds(60));
            trades.close(merchant.id(), trade.tradeNo());
            return;
        }
        Buyer buyer = shoppers.get(i % shoppers.size());
        clock.set(at.plusSeconds(90));
        trades.pay(trade.tradeNo(), buyer.id(), "CONFIRM");
        if (type == TradeType.ESCROW && i % 2 == 0) {
            clock.set(at.plus(Duration.ofHours(1)));
            trades.ship(merchant.id(), trade.tradeNo());
            if (i % 4 == 0) {
                clock.set(at.plus(Duration.ofHours(2)));
                trades.confirmReceipt(buyer.id(), trade.tradeNo());
            }
        }
        clock.set(at.plus(Duration.ofHours(3)));
        if (i % 11 == 2) {
            trades.refund(merchant.id(), trade.tradeNo(), "FULL-" + i, amount, "全额退款");
        } else if (i % 5 == 2) {
            trades.refund(merchant.id(), trade.tradeNo(), "PART-" + i, amount / 3, "部分退款");
        }
    }

    /** Every trade of the fixture as the screen must show it, read from the engine now. */
    List<TradeRow> expectedRows() {
        return tradeNos.stream()
                .map(no -> trades.find(no).orElseThrow())
                .map(ReconFixture::row)
                .toList();
    }

    static TradeRow row(Trade t) {
        boolean paid = t.isPaid();
        return new TradeRow(
                t.id(),
                t.tradeNo(),
                t.outTradeNo(),
                t.createdAt(),
                t.type(),
                t.status(),
                t.subject(),
                t.buyerAccount(),
                t.totalAmount(),
                t.refundTotal(),
                paid ? t.feeAmount() - t.feeRefunded() : 0,
                paid ? t.net() : 0);
    }

    /** What {@code search} in {@code tab} must list, newest first. */
    List<TradeRow> expected(TradeSearch search, StatusTab tab, SortOrder sort) {
        Predicate<TradeRow> match = r -> !r.createdAt().isBefore(search.from())
                && r.createdAt().isBefore(search.to())
                && (search.number() == null
                        || (search.numberKind() == TradeSearch.NumberKind.TRADE_NO ? r.tradeNo() : r.outTradeNo())
                                .equals(search.number()))
                && (search.productName() == null
                        || r.subject()
                                .toLowerCase(Locale.ROOT)
                                .contains(search.productName().toLowerCase(Locale.ROOT)))
                && (search.counterparty() == null
                        || (r.counterparty() != null && r.counterparty().contains(search.counterparty())))
                && (search.type() == null || r.type() == search.type())
                && tab.matches(r.status(), r.hasRefund());
        Comparator<TradeRow> order = Comparator.comparing(TradeRow::createdAt).thenComparingLong(TradeRow::tradeId);
        return expectedRows().stream()
                .filter(match)
                .sorted(sort == SortOrder.NEWEST_FIRST ? order.reversed() : order)
                .toList();
    }

    static Totals sum(List<TradeRow> rows) {
        Totals totals = Totals.ZERO;
        for (TradeRow row : rows) {
            totals = totals.plus(row);
        }
        return totals;
    }
}
