package com.safepay.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.safepay.SafePayApplication;
import com.safepay.merchant.MerchantKeys;
import com.safepay.merchant.MerchantService;
import com.safepay.payment.Buyer;
import com.safepay.payment.BuyerService;
import com.safepay.payment.CreateTrade;
import com.safepay.payment.PaymentException;
import com.safepay.payment.Trade;
import com.safepay.payment.TradeService;
import com.safepay.payment.TradeStatus;
import com.safepay.payment.TradeType;
import com.safepay.shared.Money;
import com.safepay.support.EmbeddedPostgres;
import com.safepay.support.TestMerchants;
import com.safepay.support.TestMerchants.TestMerchant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Random sequences of create, pay (alone, or four at once), ship, confirm, refund, close and
 * deposit over several buyers and merchants. After every step: every entry sums to zero, no
 * customer balance is negative, every balance equals the sum of its postings, and each trade's
 * status agrees with the ledger. Run on H2 ({@link LedgerInvariantsOnH2Properties}) and on
 * PostgreSQL ({@link LedgerInvariantsOnPostgresProperties}), whose engine writes with other
 * statements.
 */
abstract class LedgerInvariantsContract {

    /** Whether the application under test runs on PostgreSQL (otherwise H2 in memory). */
    abstract boolean onPostgres();

    enum Kind {
        CREATE_INSTANT,
        CREATE_ESCROW,
        PAY,
        PAY_TOGETHER,
        SHIP,
        CONFIRM,
        REFUND,
        REFUND_REST,
        CLOSE,
        DEPOSIT
    }

    record Step(Kind kind, int buyer, int merchant, int trade, long amount) {}

    private static final AtomicLong ORDERS = new AtomicLong();
    private static ConfigurableApplicationContext context;
    private static boolean contextOnPostgres;
    private static TradeService trades;
    private static BuyerService buyers;
    private static LedgerService ledger;
    private static JdbcClient jdbc;
    private static List<TestMerchant> merchants;
    private static List<Buyer> buyerPool;

    private static synchronized void start(boolean postgres) {
        if (context != null && contextOnPostgres == postgres) {
            return;
        }
        stop();
        SpringApplicationBuilder application = new SpringApplicationBuilder(SafePayApplication.class).profiles("test");
        if (postgres) {
            application.initializers(new EmbeddedPostgres.Initializer());
        }
        // as arguments, not default properties: those lose to application.properties, whose port 8080 may be
        // taken by a SafePay running beside the tests
        context = application.run("--server.port=0", "--safepay.ledger.roll-up-interval=200ms");
        contextOnPostgres = postgres;
        trades = context.getBean(TradeService.class);
        buyers = context.getBean(BuyerService.class);
        ledger = context.getBean(LedgerService.class);
        jdbc = context.getBean(JdbcClient.class);
        MerchantService merchantService = context.getBean(MerchantService.class);
        MerchantKeys keys = context.getBean(MerchantKeys.class);
        merchants = List.of(
                TestMerchants.merchant(merchantService, keys),
                TestMerchants.merchant(merchantService, keys),
                TestMerchants.merchant(merchantService, keys));
        buyerPool = List.of(
                TestMerchants.buyer(buyers, 500_00),
                TestMerchants.buyer(buyers, 50_00),
                TestMerchants.buyer(buyers, 5_00),
                TestMerchants.buyer(buyers, 0));
    }

    @AfterContainer
    static synchronized void stop() {
        if (context != null) {
            context.close();
            context = null;
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(
                        Arbitraries.of(Kind.class),
                        Arbitraries.integers().between(0, 3),
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(0, 9),
                        Arbitraries.longs().between(1, 300_00))
                .as(Step::new);
        return step.list().ofMinSize(5).ofMaxSize(30);
    }

    @Property(tries = 40)
    void money_is_never_created_or_lost_whatever_happens(@ForAll("steps") List<Step> steps) {
        start(onPostgres());
        List<String> created = new ArrayList<>();
        for (Step step : steps) {
            try {
                apply(step, created);
            } catch (PaymentException refused) {
                // a business rule said no: the invariants below show that nothing changed wrongly
            }
            checkInvariants(created);
        }
    }

    private void apply(Step step, List<String> created) {
        TestMerchant merchant = merchants.get(step.merchant());
        Buyer buyer = buyerPool.get(step.buyer());
        String tradeNo = created.isEmpty() ? null : created.get(step.trade() % created.size());
        Trade trade = tradeNo == null ? null : trades.find(tradeNo).orElseThrow();
        long merchantId = trade == null ? merchant.merchant().id() : trade.merchantId();
        switch (step.kind()) {
            case CREATE_INSTANT, CREATE_ESCROW ->
                created.add(trades.create(new CreateTrade(
                                merchant.merchant().id(),
                                "prop-" + ORDERS.incrementAndGet(),
                                "Property item",
                                null,
                                step.amount(),
                                step.kind() == Kind.CREATE_ESCROW ? TradeType.ESCROW : TradeType.INSTANT,
                                "https://shop.example/notify",
                                null,
                                null))
                        .trade()
                        .tradeNo());
            case PAY -> {
                if (trade != null) {
                    trades.pay(tradeNo, buyer.id(), "CONFIRM");
                }
            }
            case PAY_TOGETHER -> payTogether(step, created);
            case SHIP -> {
                if (trade != null) {
                    trades.ship(merchantId, tradeNo);
                }
            }
            case CONFIRM -> {
                if (trade != null && trade.buyerId() != null) {
                    trades.confirmReceipt(trade.buyerId(), tradeNo);
                }
            }
            case REFUND -> {
                if (trade != null) {
                    trades.refund(
                            merchantId,
                            tradeNo,
                            "r" + ORDERS.incrementAndGet(),
                            step.amount() % trade.totalAmount() + 1,
                            null);
                }
            }
            case REFUND_REST -> {
                if (trade != null && trade.totalAmount() > trade.refundTotal()) {
                    trades.refund(
                            merchantId,
                            tradeNo,
                            "r" + ORDERS.incrementAndGet(),
                            trade.totalAmount() - trade.refundTotal(),
                            null);
                }
            }
            case CLOSE -> {
                if (trade != null) {
                    trades.close(merchantId, tradeNo);
                }
            }
            case DEPOSIT ->
                buyers.deposit(buyer.id(), Money.ofMinor(step.amount()), "prop-deposit-" + ORDERS.incrementAndGet());
        }
    }

    /**
     * Four payments at once, from different buyers, of consecutive trades (the same trade twice when
     * fewer exist): the trade writer may put several in one batch, which on PostgreSQL claims known
     * trades and debits wallets at commit, and runs again payment by payment should one fail.
     */
    private void payTogether(Step step, List<String> created) {
        if (created.isEmpty()) {
            return;
        }
        CountDownLatch go = new CountDownLatch(1);
        List<Callable<Void>> payments = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String tradeNo = created.get((step.trade() + i) % created.size());
            Buyer payer = buyerPool.get((step.buyer() + i) % buyerPool.size());
            payments.add(() -> {
                go.await();
                try {
                    trades.pay(tradeNo, payer.id(), "CONFIRM");
                } catch (PaymentException refused) {
                    // paid or closed already, or the wallet is short: the invariants tell the rest
                }
                return null;
            });
        }
        try (ExecutorService payers = Executors.newFixedThreadPool(payments.size())) {
            List<Future<Void>> outcomes = payments.stream().map(payers::submit).toList();
            go.countDown();
            for (Future<Void> outcome : outcomes) {
                outcome.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new AssertionError("A payment failed other than by a business refusal", e.getCause());
        }
    }

    private void checkInvariants(List<String> created) {
        assertThat(jdbc.sql(
                                "select count(*) from (select entry_id from posting group by entry_id having sum(amount) <> 0) x")
                        .query(Long.class)
                        .single())
                .as("entries that do not sum to zero")
                .isZero();
        assertThat(jdbc.sql(
                                "select count(*) from journal_entry e where (select count(*) from posting p where p.entry_id = e.id) < 2")
                        .query(Long.class)
                        .single())
                .as("entries with fewer than two postings")
                .isZero();
        assertThat(jdbc.sql("""
                        select count(*) from ledger_account a
                        where a.balance + coalesce((select sum(q.amount) from pending_posting q where q.account_id = a.id), 0)
                           <> coalesce((select sum(p.amount) from posting p where p.account_id = a.id), 0)""").query(Long.class).single())
                .as("accounts whose balance is not the sum of their postings")
                .isZero();
        assertThat(jdbc.sql("""
                        select count(*) from ledger_account a where a.customer and (a.balance < 0
                           or a.balance + coalesce((select sum(q.amount) from pending_posting q where q.account_id = a.id), 0) < 0)""").query(Long.class).single())
                .as("customer accounts below zero")
                .isZero();
        for (String tradeNo : created) {
            Trade trade = trades.find(tradeNo).orElseThrow();
            List<PostingLine> payment = ledger.entryPostings(EntryType.PAYMENT, tradeNo);
            assertThat(!payment.isEmpty())
                    .as("payment entry of " + trade.status())
                    .isEqualTo(trade.isPaid());
            if (trade.isPaid()) {
                assertThat(payment)
                        .filteredOn(p -> p.amount() < 0)
                        .extracting(PostingLine::amount)
                        .containsExactly(-trade.totalAmount());
            }
            List<PostingLine> release = ledger.entryPostings(EntryType.ESCROW_RELEASE, tradeNo);
            assertThat(!release.isEmpty()).as("escrow release").isEqualTo(trade.confirmedAt() != null);
            long refundedToBuyer =
                    jdbc.sql("""
                            select coalesce(sum(p.amount), 0) from posting p join ledger_account a on a.id = p.account_id
                            where p.entry_type = 'REFUND' and p.reference like ? and a.account_type = 'BUYER_WALLET'""").param(tradeNo + "/%").query(Long.class).single();
            assertThat(refundedToBuyer).as("refunds of " + tradeNo).isEqualTo(trade.refundTotal());
            boolean fullyRefunded = trade.isPaid() && trade.refundTotal() == trade.totalAmount();
            if (fullyRefunded) {
                assertThat(trade.status()).isEqualTo(TradeStatus.TRADE_CLOSED);
            }
        }
        for (TestMerchant merchant : merchants) {
            long held = jdbc.sql("""
                            select coalesce(sum(total_amount - refund_total), 0) from trade
                            where merchant_id = ? and trade_type = 'ESCROW' and status in ('WAIT_SELLER_SEND', 'WAIT_BUYER_CONFIRM')""")
                    .param(merchant.merchant().id())
                    .query(Long.class)
                    .single();
            long escrow = ledger.balance(ledger.account(
                            AccountType.MERCHANT_ESCROW, merchant.merchant().id())
                    .orElseThrow());
            assertThat(escrow).as("escrow balance equals escrow trades held").isEqualTo(held);
        }
    }
}
