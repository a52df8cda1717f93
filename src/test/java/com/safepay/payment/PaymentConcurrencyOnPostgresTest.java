package com.safepay.payment;

import static com.safepay.support.Concurrently.releaseTogether;
import static org.assertj.core.api.Assertions.assertThat;

import com.safepay.ledger.AccountType;
import com.safepay.ledger.LedgerService;
import com.safepay.merchant.MerchantKeys;
import com.safepay.merchant.MerchantService;
import com.safepay.support.Orphans;
import com.safepay.support.PostgresIntegrationTest;
import com.safepay.support.TestMerchants;
import com.safepay.support.TestMerchants.TestMerchant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Many threads released at once against one buyer or one order number, on real PostgreSQL. */
@PostgresIntegrationTest
class PaymentConcurrencyOnPostgresTest {

    @Autowired
    TradeService trades;

    @Autowired
    BuyerService buyers;

    @Autowired
    MerchantService merchants;

    @Autowired
    MerchantKeys merchantKeys;

    @Autowired
    LedgerService ledger;

    @Autowired
    JdbcClient jdbc;

    @Test
    void fifty_payments_from_one_buyer_who_can_afford_k_of_them_succeed_exactly_k_times() throws Exception {
        TestMerchant merchant = TestMerchants.merchant(merchants, merchantKeys);
        int k = 17;
        long price = 3_00;
        Buyer buyer = TestMerchants.buyer(buyers, k * price);
        List<String> tradeNos = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            tradeNos.add(trades.create(new CreateTrade(
                            merchant.merchant().id(),
                            "race-" + i,
                            "Coffee",
                            null,
                            price,
                            TradeType.INSTANT,
                            "https://shop.example/notify",
                            null,
                            null))
                    .trade()
                    .tradeNo());
        }
        AtomicInteger next = new AtomicInteger();
        Set<String> insufficient = ConcurrentHashMap.newKeySet();
        List<Boolean> paid = releaseTogether(50, () -> {
            String tradeNo = tradeNos.get(next.getAndIncrement());
            try {
                trades.pay(tradeNo, buyer.id(), "CONFIRM");
                return true;
            } catch (PaymentException e) {
                assertThat(e.reason()).isEqualTo(PaymentException.Reason.INSUFFICIENT_BALANCE);
                insufficient.add(tradeNo);
                return false;
            }
        });

        assertThat(paid.stream().filter(p -> p).count()).isEqualTo(k);
        assertThat(buyers.balance(buyer.id()).minorUnits()).isZero();
        assertThat(ledger.balance(ledger.account(
                                AccountType.MERCHANT_AVAILABLE,
                                merchant.merchant().id())
                        .orElseThrow()))
                .isEqualTo(k * (price - Fees.fee(price, merchant.merchant().feeRatePpm())));
        for (String refused : insufficient) {
            assertThat(trades.find(refused).orElseThrow().status()).isEqualTo(TradeStatus.WAIT_BUYER_PAY);
        }
        assertThat(jdbc.sql("select count(*) from ledger_account where customer and balance < 0")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void twenty_concurrent_identical_creates_make_one_trade_and_all_callers_get_its_number() throws Exception {
        TestMerchant merchant = TestMerchants.merchant(merchants, merchantKeys);
        CreateTrade request = new CreateTrade(
                merchant.merchant().id(),
                "same-order",
                "Tea",
                "二十次",
                12_34,
                TradeType.ESCROW,
                "https://shop.example/n",
                null,
                "1h");
        List<String> tradeNos =
                releaseTogether(20, () -> trades.create(request).trade().tradeNo());
        assertThat(Set.copyOf(tradeNos)).hasSize(1);
        assertThat(jdbc.sql("select count(*) from trade where merchant_id = ? and out_trade_no = 'same-order'")
                        .param(merchant.merchant().id())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void twenty_concurrent_identical_refunds_move_money_once() throws Exception {
        TestMerchant merchant = TestMerchants.merchant(merchants, merchantKeys);
        Buyer buyer = TestMerchants.buyer(buyers, 100_00);
        String tradeNo = TestMerchants.paidTrade(trades, merchant, buyer, 100_00);
        List<Boolean> repeated = releaseTogether(
                20,
                () -> trades.refund(merchant.merchant().id(), tradeNo, "rq-1", 40_00, "broken")
                        .repeated());
        assertThat(repeated.stream().filter(r -> !r).count()).isEqualTo(1);
        assertThat(buyers.balance(buyer.id()).minorUnits()).isEqualTo(40_00);
        assertThat(trades.find(tradeNo).orElseThrow().refundTotal()).isEqualTo(40_00);
    }

    @Test
    void postgres_refuses_to_change_or_delete_ledger_history() {
        TestMerchant merchant = TestMerchants.merchant(merchants, merchantKeys);
        Buyer buyer = TestMerchants.buyer(buyers, 10_00);
        String tradeNo = TestMerchants.paidTrade(trades, merchant, buyer, 5_00);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> jdbc.sql("update posting set amount = amount + 1 where reference = ?")
                                .param(tradeNo)
                                .update())
                .hasMessageContaining("append-only");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> jdbc.sql("delete from journal_entry where reference = ?")
                                .param(tradeNo)
                                .update())
                .hasMessageContaining("append-only");
    }

    @Test
    void every_hot_table_row_points_to_an_existing_parent_and_postgres_refuses_to_remove_parents() {
        TestMerchant merchant = TestMerchants.merchant(merchants, merchantKeys);
        Buyer buyer = TestMerchants.buyer(buyers, 10_00);
        String tradeNo = TestMerchants.paidTrade(trades, merchant, buyer, 5_00);

        // The payment path's tables have no foreign keys on PostgreSQL (V6_2): nothing points nowhere.
        long orphans = jdbc.sql(Orphans.COUNT_SQL).query(Long.class).single();
        assertThat(orphans).isZero();
        assertThat(jdbc.sql("select count(*) from posting where reference = ?")
                        .param(tradeNo)
                        .query(Long.class)
                        .single())
                .isEqualTo(3);

        // ... and the rows they point to can never be removed.
        long walletAccount = buyer.walletAccountId();
        for (String removal : List.of(
                "delete from trade where trade_no = '" + tradeNo + "'",
                "delete from buyer where id = " + buyer.id(),
                "delete from merchant where id = " + merchant.merchant().id(),
                "delete from ledger_account where id = " + walletAccount,
                "truncate trade, buyer, merchant, ledger_account cascade")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> jdbc.sql(removal).update())
                    .as(removal)
                    .hasMessageContaining("refused");
        }
        assertThat(trades.find(tradeNo)).isPresent();
    }

    @Test
    void roll_ups_of_two_instances_running_beside_payments_fold_every_credit_exactly_once() throws Exception {
        TestMerchant first = TestMerchants.merchant(merchants, merchantKeys);
        TestMerchant second = TestMerchants.merchant(merchants, merchantKeys);
        List<Buyer> payers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            payers.add(TestMerchants.buyer(buyers, 1_000_00));
        }
        long price = 7_77;
        int perThread = 16;
        AtomicInteger threadNo = new AtomicInteger();
        AtomicInteger payersDone = new AtomicInteger();
        AtomicBoolean paying = new AtomicBoolean(true);
        AtomicInteger rollUps = new AtomicInteger();
        // 8 threads pay while 2 threads (two instances) roll up without pause; the scheduled roll-up runs too.
        List<Integer> done = releaseTogether(10, () -> {
            int n = threadNo.getAndIncrement();
            if (n >= 8) {
                while (paying.get()) {
                    rollUps.addAndGet(ledger.rollUp(1000));
                }
                return 0;
            }
            try {
                for (int i = 0; i < perThread; i++) {
                    TestMerchants.paidTrade(trades, i % 2 == 0 ? first : second, payers.get(n), price);
                }
            } finally {
                if (payersDone.incrementAndGet() == 8) {
                    paying.set(false); // the last payer stops the roll-ups
                }
            }
            return perThread;
        });
        assertThat(done.stream().mapToInt(Integer::intValue).sum()).isEqualTo(8 * perThread);
        assertThat(rollUps.get()).as("accounts folded while paying").isPositive();
        while (ledger.rollUp(1000) > 0) {
            // what was committed after the last roll-up
        }
        assertThat(jdbc.sql("select count(*) from pending_posting")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("""
                        select count(*) from ledger_account a
                        where a.balance <> (select coalesce(sum(p.amount), 0) from posting p where p.account_id = a.id)""").query(Long.class).single())
                .as("accounts whose balance is not the sum of their postings")
                .isZero();
        long net = price - Fees.fee(price, first.merchant().feeRatePpm());
        for (TestMerchant m : List.of(first, second)) {
            long account = ledger.account(
                            AccountType.MERCHANT_AVAILABLE, m.merchant().id())
                    .orElseThrow()
                    .value();
            assertThat(jdbc.sql("select balance from ledger_account where id = ?")
                            .param(account)
                            .query(Long.class)
                            .single())
                    .isEqualTo(8 * (perThread / 2) * net);
        }
    }
}
