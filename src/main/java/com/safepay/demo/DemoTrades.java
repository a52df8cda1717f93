package com.safepay.demo;

import com.safepay.merchant.MerchantView;
import com.safepay.payment.Buyer;
import com.safepay.payment.CreateTrade;
import com.safepay.payment.PaymentException;
import com.safepay.payment.Trade;
import com.safepay.payment.TradeService;
import com.safepay.payment.TradeType;
import com.safepay.shared.SafePayClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the real engine through months of history: trades are created, paid, shipped, confirmed,
 * refunded and closed at backdated times, so the ledger and every status come out as they would in
 * real life. Time-driven steps (timeouts, auto-confirmation, finishing) are left to the engine's own
 * jobs.
 */
final class DemoTrades {

    private static final Logger log = LoggerFactory.getLogger(DemoTrades.class);
    private static final String[] PRODUCTS = {
        "美式咖啡 Americano",
        "拿铁 Latte",
        "手冲咖啡豆 250g",
        "冷萃咖啡礼盒",
        "燕麦拿铁 Oat Latte",
        "挂耳咖啡 10 包",
        "马克杯 Mug",
        "咖啡月卡 Monthly pass",
        "焦糖玛奇朵",
        "生日蛋糕 Birthday cake"
    };
    private static final String[] BOOKS = {
        "《三体》全集", "《活着》", "Clean Code", "《明朝那些事儿》", "《人类简史》", "Effective Java", "儿童绘本套装", "年度会员"
    };

    private final TradeService trades;
    private final Clock clock;
    private final Random random = new Random(20261125);

    DemoTrades(TradeService trades, Clock clock) {
        this.trades = trades;
        this.clock = clock;
    }

    /** Creates {@code count} trades for {@code merchant} spread over the last {@code days} days. */
    int seed(MerchantView merchant, List<Buyer> buyers, int count, int days, String shopUrl, boolean books) {
        Instant now = clock.instant();
        long span = Duration.ofDays(days).toSeconds();
        List<Instant> times = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            times.add(now.minusSeconds(60 + (long) (random.nextDouble() * span)));
        }
        times.sort(null);
        int created = 0;
        for (int i = 0; i < times.size(); i++) {
            try {
                one(merchant, buyers.get(random.nextInt(buyers.size())), times.get(i), now, i, shopUrl, books);
                created++;
            } catch (PaymentException e) {
                log.debug("Demo trade skipped: {}", e.getMessage());
            }
        }
        return created;
    }

    private void one(
            MerchantView merchant, Buyer buyer, Instant at, Instant now, int n, String shopUrl, boolean books) {
        String[] catalogue = books ? BOOKS : PRODUCTS;
        boolean escrow = random.nextInt(100) < 40;
        long amount = amount();
        String outTradeNo = merchant.merchantNo().value().substring(10) + "-" + at.toEpochMilli() + "-" + n;
        Trade trade = atTime(
                at,
                () -> trades.create(new CreateTrade(
                                merchant.id(),
                                outTradeNo,
                                catalogue[random.nextInt(catalogue.length)],
                                null,
                                amount,
                                escrow ? TradeType.ESCROW : TradeType.INSTANT,
                                shopUrl + "/notify",
                                shopUrl + "/return",
                                "30m"))
                        .trade());
        int fate = random.nextInt(100);
        if (fate < 12) {
            return; // never paid: the timeout job closes it (or it is still open, if recent)
        }
        if (fate < 15) {
            atTime(at.plusSeconds(120), () -> trades.close(merchant.id(), trade.tradeNo()));
            return;
        }
        Instant paidAt = at.plusSeconds(30 + random.nextInt(600));
        if (paidAt.isAfter(now)) {
            return;
        }
        atTime(paidAt, () -> trades.pay(trade.tradeNo(), buyer.id(), amount > 20000 ? "PASSWORD" : "CONFIRM"));
        Instant later = paidAt;
        if (escrow) {
            Instant shippedAt = paidAt.plus(Duration.ofHours(2 + random.nextInt(48)));
            boolean recent = Duration.between(paidAt, now).toDays() < 3;
            if (shippedAt.isAfter(now) || (recent && random.nextBoolean())) {
                maybeRefund(merchant, trade, paidAt.plusSeconds(600), now, 8);
                return; // awaiting shipment
            }
            atTime(shippedAt, () -> trades.ship(merchant.id(), trade.tradeNo()));
            Instant confirmAt = shippedAt.plus(Duration.ofDays(1 + random.nextInt(6)));
            if (confirmAt.isAfter(now) || random.nextInt(100) < 15) {
                return; // awaiting confirmation, or left to auto-confirmation
            }
            atTime(confirmAt, () -> trades.confirmReceipt(buyer.id(), trade.tradeNo()));
            later = confirmAt;
        }
        maybeRefund(merchant, trade, later.plus(Duration.ofHours(1 + random.nextInt(72))), now, 12);
    }

    private void maybeRefund(MerchantView merchant, Trade trade, Instant at, Instant now, int percent) {
        if (at.isAfter(now) || random.nextInt(100) >= percent) {
            return;
        }
        long refund = random.nextInt(3) == 0
                ? trade.totalAmount()
                : Math.max(1, trade.totalAmount() / (2 + random.nextInt(4)));
        try {
            atTime(at, () -> trades.refund(merchant.id(), trade.tradeNo(), "R" + trade.tradeNo(), refund, "顾客申请退款"));
        } catch (PaymentException e) {
            // e.g. the merchant's balance cannot cover it at that moment: as in real life, no refund
        }
    }

    /** Amounts as a café or bookshop sees them: mostly small, some above the password-free limit. */
    private long amount() {
        int pick = random.nextInt(100);
        if (pick < 60) {
            return 800 + random.nextInt(6000);
        }
        if (pick < 90) {
            return 5000 + random.nextInt(25000);
        }
        return 30000 + random.nextInt(150000);
    }

    private <T> T atTime(Instant at, Supplier<T> work) {
        return clock instanceof SafePayClock travelling ? travelling.runAt(at, work) : work.get();
    }
}
