package com.safepay.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.safepay.ledger.AccountType;
import com.safepay.ledger.LedgerService;
import com.safepay.merchant.MerchantKeys;
import com.safepay.merchant.MerchantService;
import com.safepay.shared.jdbc.MultiRowInsert;
import com.safepay.support.PostgresIntegrationTest;
import com.safepay.support.TestMerchants;
import com.safepay.support.TestMerchants.TestMerchant;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Creations and payments that share one transaction (a batch of the trade writer): each gets the
 * outcome it would get alone, and one bad request never costs its neighbours anything. The batches
 * are built by hand here, so that what shares a transaction does not depend on timing.
 */
@PostgresIntegrationTest
class TradeBatchesOnPostgresTest {

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

    @Autowired
    Clock clock;

    TestMerchant merchant;

    @BeforeEach
    void merchant() {
        merchant = TestMerchants.merchant(merchants, merchantKeys);
    }

    private CreateTrade order(String outTradeNo, long amount) {
        return orderOf(merchant, outTradeNo, amount);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private TradeService.CreateOp create(CreateTrade request) {
        return new TradeService.CreateOp(request, now());
    }

    private TradeService.PayOp pay(String tradeNo, Buyer buyer) {
        return new TradeService.PayOp(tradeNo, buyer.id(), "CONFIRM", now());
    }

    /** The call fails with a payment refusal of this reason. */
    private static void assertRefused(ThrowingCallable call, PaymentException.Reason reason) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        PaymentException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    /** A single number the database computes (a count, a sum). */
    private long number(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    private static <R> R outcome(TradeWriter.Op<R> op) {
        try {
            return op.result.join();
        } catch (CompletionException e) {
            throw TradeWriter.rethrow(e.getCause());
        }
    }

    @Test
    void a_request_the_database_refuses_fails_alone_and_its_neighbours_are_created() {
        TradeService.CreateOp first = create(order("batch-ok-1", 10_00));
        // the subject column holds 256 characters
        TradeService.CreateOp tooLong = create(request(merchant.merchant().id(), "batch-bad", "x".repeat(300), 10_00));
        TradeService.CreateOp second = create(order("batch-ok-2", 20_00));

        trades.runBatch(List.of(first, tooLong, second));

        assertThat(outcome(first).isNew()).isTrue();
        assertThat(outcome(second).trade().totalAmount()).isEqualTo(20_00);
        assertThatThrownBy(() -> outcome(tooLong)).isInstanceOf(DataAccessException.class);
        assertThat(trades.findForMerchant(merchant.merchant().id(), null, "batch-bad"))
                .isEmpty();
        assertThat(number(
                        "select count(*) from recon_trade where merchant_id = ?",
                        merchant.merchant().id()))
                .isEqualTo(2);
    }

    @Test
    void payments_from_one_wallet_in_one_batch_take_what_the_balance_covers_in_order() {
        Buyer buyer = TestMerchants.buyer(buyers, 100_00);
        String a = trades.create(order("wallet-a", 60_00)).trade().tradeNo();
        String b = trades.create(order("wallet-b", 60_00)).trade().tradeNo();
        String c = trades.create(order("wallet-c", 30_00)).trade().tradeNo();
        TradeService.PayOp payA = pay(a, buyer);
        TradeService.PayOp payB = pay(b, buyer);
        TradeService.PayOp payC = pay(c, buyer);

        trades.runBatch(List.of(payA, payB, payC));

        assertThat(outcome(payA).status()).isEqualTo(TradeStatus.TRADE_SUCCESS);
        assertRefused(() -> outcome(payB), PaymentException.Reason.INSUFFICIENT_BALANCE);
        assertThat(outcome(payC).status()).isEqualTo(TradeStatus.TRADE_SUCCESS);
        Trade unpaid = trades.find(b).orElseThrow();
        assertThat(unpaid.status()).isEqualTo(TradeStatus.WAIT_BUYER_PAY);
        assertThat(unpaid.buyerId()).isNull();
        assertThat(unpaid.paidAt()).isNull();
        assertThat(buyers.balance(buyer.id()).minorUnits()).isEqualTo(10_00);
        assertThat(number(
                        "select count(*) from journal_entry where entry_type = 'PAYMENT' and reference in (?, ?, ?)",
                        a,
                        b,
                        c))
                .isEqualTo(2);
        assertThat(number("select count(*) from notification where trade_no = ?", b))
                .isZero();
        assertThat(jdbc.sql("select status from recon_trade where trade_no = ?")
                        .param(b)
                        .query(String.class)
                        .single())
                .isEqualTo("WAIT_BUYER_PAY");
    }

    @Test
    void the_same_trade_paid_twice_in_one_batch_moves_the_money_once() {
        Buyer buyer = TestMerchants.buyer(buyers, 100_00);
        String tradeNo = trades.create(order("twice", 40_00)).trade().tradeNo();
        TradeService.PayOp first = pay(tradeNo, buyer);
        TradeService.PayOp again = pay(tradeNo, buyer);

        trades.runBatch(List.of(first, again));

        Trade paid = outcome(first);
        assertRefused(() -> outcome(again), PaymentException.Reason.TRADE_STATUS_ERROR);
        assertThat(buyers.balance(buyer.id()).minorUnits()).isEqualTo(60_00);
        assertThat(paid).isEqualTo(trades.find(tradeNo).orElseThrow());
        assertThat(ledger.balance(ledger.account(
                                AccountType.MERCHANT_AVAILABLE,
                                merchant.merchant().id())
                        .orElseThrow()))
                .isEqualTo(40_00 - paid.feeAmount());
        assertThat(number("select count(*) from notification where trade_no = ?", tradeNo))
                .isEqualTo(1);
    }

    @Test
    void two_creates_of_one_out_trade_no_in_one_batch_give_one_trade_or_a_conflict() {
        TradeService.CreateOp first = create(order("dup", 10_00));
        TradeService.CreateOp same = create(order("dup", 10_00));
        TradeService.CreateOp other = create(order("dup", 99_00));

        trades.runBatch(List.of(first, same, other));

        Trade made = outcome(first).trade();
        assertThat(outcome(same).isNew()).isFalse();
        assertThat(outcome(same).trade()).isEqualTo(made);
        assertRefused(() -> outcome(other), PaymentException.Reason.ORDER_NO_CONFLICT);
        assertThat(made).isEqualTo(trades.find(made.tradeNo()).orElseThrow());
    }

    @Test
    void a_repeat_in_a_later_batch_gets_its_trade_even_once_the_merchant_is_disabled_and_a_changed_one_a_conflict() {
        Trade made = trades.create(order("again", 10_00)).trade();

        TradeService.Created repeat = trades.create(order("again", 10_00));
        assertThat(repeat.isNew()).isFalse();
        assertThat(repeat.trade()).isEqualTo(made);
        assertRefused(() -> trades.create(order("again", 11_00)), PaymentException.Reason.ORDER_NO_CONFLICT);

        jdbc.sql("update merchant set status = 'DISABLED' where id = ?")
                .param(merchant.merchant().id())
                .update();
        assertThat(trades.create(order("again", 10_00)).trade()).isEqualTo(made);
        assertRefused(() -> trades.create(order("another", 10_00)), PaymentException.Reason.MERCHANT_DISABLED);
        assertThat(number(
                        "select count(*) from trade where merchant_id = ?",
                        merchant.merchant().id()))
                .isEqualTo(1);
    }

    @Test
    void payments_of_expired_closed_and_unknown_trades_are_refused_each_for_its_reason_and_their_neighbour_pays() {
        Buyer buyer = TestMerchants.buyer(buyers, 100_00);
        Trade good = trades.create(order("mixed-good", 10_00)).trade();
        Trade late = trades.create(order("mixed-late", 10_00)).trade();
        Trade closed = trades.create(order("mixed-closed", 10_00)).trade();
        trades.close(merchant.merchant().id(), closed.tradeNo());

        TradeService.PayOp paysGood = pay(good.tradeNo(), buyer);
        TradeService.PayOp paysLate = new TradeService.PayOp(
                late.tradeNo(), buyer.id(), "CONFIRM", late.expiresAt().plusSeconds(1));
        TradeService.PayOp paysClosed = pay(closed.tradeNo(), buyer);
        TradeService.PayOp paysNothing = pay("20991231000000000000", buyer);

        trades.runBatch(List.of(paysGood, paysLate, paysClosed, paysNothing));

        assertThat(outcome(paysGood).status()).isEqualTo(TradeStatus.TRADE_SUCCESS);
        assertThat(outcome(paysGood)).isEqualTo(trades.find(good.tradeNo()).orElseThrow());
        assertRefused(() -> outcome(paysLate), PaymentException.Reason.TRADE_EXPIRED);
        assertRefused(() -> outcome(paysClosed), PaymentException.Reason.TRADE_STATUS_ERROR);
        assertRefused(() -> outcome(paysNothing), PaymentException.Reason.TRADE_NOT_EXIST);
        assertThat(trades.find(late.tradeNo()).orElseThrow().status()).isEqualTo(TradeStatus.WAIT_BUYER_PAY);
        assertThat(buyers.balance(buyer.id()).minorUnits()).isEqualTo(90_00);
    }

    @Test
    void one_batch_of_creations_repeats_and_payments_gives_each_its_own_outcome() {
        Buyer buyer = TestMerchants.buyer(buyers, 100_00);
        Trade earlier = trades.create(order("both-earlier", 10_00)).trade();
        Trade unpaid = trades.create(order("both-unpaid", 20_00)).trade();

        TradeService.CreateOp fresh = create(order("both-new", 30_00));
        TradeService.CreateOp repeat = create(order("both-earlier", 10_00));
        TradeService.PayOp pays = pay(unpaid.tradeNo(), buyer);
        TradeService.PayOp paysAgain = pay(unpaid.tradeNo(), buyer);

        trades.runBatch(List.of(fresh, pays, repeat, paysAgain));

        assertThat(outcome(fresh).isNew()).isTrue();
        assertThat(outcome(fresh).trade())
                .isEqualTo(trades.find(outcome(fresh).trade().tradeNo()).orElseThrow());
        assertThat(outcome(repeat).isNew()).isFalse();
        assertThat(outcome(repeat).trade()).isEqualTo(earlier);
        assertThat(outcome(pays)).isEqualTo(trades.find(unpaid.tradeNo()).orElseThrow());
        assertThat(outcome(pays).status()).isEqualTo(TradeStatus.TRADE_SUCCESS);
        assertRefused(() -> outcome(paysAgain), PaymentException.Reason.TRADE_STATUS_ERROR);
        assertThat(buyers.balance(buyer.id()).minorUnits()).isEqualTo(80_00);
    }

    @Test
    void one_batch_of_creations_for_active_disabled_unverified_and_unknown_merchants_gives_each_its_reason() {
        TestMerchant disabled = TestMerchants.merchant(merchants, merchantKeys);
        TestMerchant unverified = TestMerchants.merchant(merchants, merchantKeys);
        jdbc.sql("update merchant set status = 'DISABLED' where id = ?")
                .param(disabled.merchant().id())
                .update();
        jdbc.sql("update merchant set real_name_verified = false where id = ?")
                .param(unverified.merchant().id())
                .update();
        // the rate as the insert reads it, not as it was when the merchant was looked up last
        jdbc.sql("update merchant set fee_rate_ppm = 12345 where id = ?")
                .param(merchant.merchant().id())
                .update();

        TradeService.CreateOp active = create(order("who-active", 100_01));
        TradeService.CreateOp activeRepeat = create(order("who-active", 100_01));
        TradeService.CreateOp ofDisabled = create(orderOf(disabled, "who-disabled", 10_00));
        TradeService.CreateOp withinAllowance = create(orderOf(unverified, "who-small", 600_00));
        TradeService.CreateOp beyondAllowance = create(orderOf(unverified, "who-big", 500_00));
        TradeService.CreateOp ofNobody = create(request(Long.MAX_VALUE, "who-nobody", "Tea", 10_00));

        trades.runBatch(List.of(active, ofDisabled, withinAllowance, activeRepeat, beyondAllowance, ofNobody));

        Trade made = outcome(active).trade();
        assertThat(made.feeRatePpm()).isEqualTo(12345);
        assertThat(made.feeAmount()).isEqualTo(Fees.fee(100_01, 12345)).isEqualTo(123); // 123.462… half-up
        assertThat(made).isEqualTo(trades.find(made.tradeNo()).orElseThrow());
        assertThat(outcome(activeRepeat).isNew()).isFalse();
        assertThat(outcome(activeRepeat).trade()).isEqualTo(made);
        assertRefused(() -> outcome(ofDisabled), PaymentException.Reason.MERCHANT_DISABLED);
        assertThat(outcome(withinAllowance).isNew()).isTrue();
        assertRefused(() -> outcome(beyondAllowance), PaymentException.Reason.MERCHANT_QUOTA_EXCEEDED);
        assertThatThrownBy(() -> outcome(ofNobody)).isInstanceOf(java.util.NoSuchElementException.class);
        assertThat(jdbc.sql("select out_trade_no from trade where merchant_id in (?, ?, ?) order by out_trade_no")
                        .params(
                                merchant.merchant().id(),
                                disabled.merchant().id(),
                                unverified.merchant().id())
                        .query(String.class)
                        .list())
                .containsExactly("who-active", "who-small");
    }

    @Test
    void the_fee_the_database_computes_at_the_insert_is_the_fee_the_engine_computes() {
        long[] amounts = {1, 2, 83, 84, 250, 99_99, 100_01, 1_234_567, 99_999_999_99L};
        int[] rates = {0, 1, 5999, 6000, 6001, 12345, 100000};
        for (int rate : rates) {
            jdbc.sql("update merchant set fee_rate_ppm = ? where id = ?")
                    .params(rate, merchant.merchant().id())
                    .update();
            for (long amount : amounts) {
                Trade made = trades.create(order("fee-" + rate + "-" + amount, amount))
                        .trade();
                assertThat(made.feeAmount())
                        .as("fee of %d at %d ppm", amount, rate)
                        .isEqualTo(Fees.fee(amount, rate))
                        .isEqualTo(number("select fee_amount from trade where trade_no = ?", made.tradeNo()));
            }
        }
    }

    @Test
    void
            a_batch_of_payments_from_several_wallets_pays_those_covered_and_refuses_a_short_one_even_when_debited_at_commit() {
        Buyer rich = TestMerchants.buyer(buyers, 100_00);
        Buyer poor = TestMerchants.buyer(buyers, 5_00);
        while (ledger.rollUp(1000) > 0) {
            // fold the deposits in: these wallets' debits can be applied at commit
        }
        Buyer unfolded = TestMerchants.buyer(buyers, 7_00); // its deposit still waits for the roll-up
        String a = trades.create(order("commit-a", 30_00)).trade().tradeNo();
        String b = trades.create(order("commit-b", 20_00)).trade().tradeNo();
        String c = trades.create(order("commit-c", 6_00)).trade().tradeNo();
        String d = trades.create(order("commit-d", 7_00)).trade().tradeNo();
        String e = trades.create(order("commit-e", 10_00)).trade().tradeNo();

        // all covered by folded balances: one transaction, debits at commit
        long runAgainBefore = trades.batchesRunAgain();
        TradeService.PayOp payA = pay(a, rich);
        TradeService.PayOp payB = pay(b, rich);
        trades.runBatch(List.of(payA, payB));
        assertThat(trades.batchesRunAgain()).isEqualTo(runAgainBefore);
        assertThat(outcome(payA).status()).isEqualTo(TradeStatus.TRADE_SUCCESS);
        assertThat(outcome(payB).status()).isEqualTo(TradeStatus.TRADE_SUCCESS);
        assertThat(buyers.balance(rich.id()).minorUnits()).isEqualTo(50_00);

        // a short wallet and one covered only by credits not yet folded in, beside a covered one
        TradeService.PayOp payC = pay(c, poor);
        TradeService.PayOp payD = pay(d, unfolded);
        TradeService.PayOp payE = pay(e, rich);
        trades.runBatch(List.of(payC, payD, payE));

        // the short wallet fails the commit: the three run again one by one
        assertThat(trades.batchesRunAgain()).isEqualTo(runAgainBefore + 1);
        assertRefused(() -> outcome(payC), PaymentException.Reason.INSUFFICIENT_BALANCE);
        assertThat(outcome(payD).status()).isEqualTo(TradeStatus.TRADE_SUCCESS);
        assertThat(outcome(payE).status()).isEqualTo(TradeStatus.TRADE_SUCCESS);
        assertThat(trades.find(c).orElseThrow().status()).isEqualTo(TradeStatus.WAIT_BUYER_PAY);
        assertThat(buyers.balance(poor.id()).minorUnits()).isEqualTo(5_00);
        assertThat(buyers.balance(unfolded.id()).minorUnits()).isZero();
        assertThat(buyers.balance(rich.id()).minorUnits()).isEqualTo(40_00);
        assertThat(number(
                        "select count(*) from journal_entry where entry_type = 'PAYMENT' and reference in (?, ?, ?, ?, ?)",
                        a,
                        b,
                        c,
                        d,
                        e))
                .isEqualTo(4);
        assertThat(number("select count(*) from notification where trade_no in (?, ?, ?, ?, ?)", a, b, c, d, e))
                .isEqualTo(4);
        assertThat(number("select count(*) from ledger_account where customer and balance < 0"))
                .isZero();
    }

    @Test
    void trades_this_instance_knows_unpaid_but_that_changed_meanwhile_are_decided_by_what_the_database_holds() {
        Buyer buyer = TestMerchants.buyer(buyers, 100_00);
        String good = trades.create(order("known-good", 10_00)).trade().tradeNo();
        String goodToo = trades.create(order("known-good-too", 5_00)).trade().tradeNo();
        String closedElsewhere =
                trades.create(order("known-closed", 10_00)).trade().tradeNo();
        String repriced = trades.create(order("known-repriced", 10_00)).trade().tradeNo();
        // as another instance (or a change this one did not see) would leave them
        jdbc.sql(
                        "update trade set status = 'TRADE_CLOSED', closed_at = now(), close_reason = 'EXPIRED' where trade_no = ?")
                .param(closedElsewhere)
                .update();
        jdbc.sql("update trade set total_amount = 1200 where trade_no = ?")
                .param(repriced)
                .update();

        // each change in a batch of its own, beside a trade that pays
        TradeService.PayOp paysGood = pay(good, buyer);
        TradeService.PayOp paysClosed = pay(closedElsewhere, buyer);
        trades.runBatch(List.of(paysGood, paysClosed));
        TradeService.PayOp paysGoodToo = pay(goodToo, buyer);
        TradeService.PayOp paysRepriced = pay(repriced, buyer);
        trades.runBatch(List.of(paysGoodToo, paysRepriced));

        assertThat(outcome(paysGood)).isEqualTo(trades.find(good).orElseThrow());
        assertThat(outcome(paysGoodToo)).isEqualTo(trades.find(goodToo).orElseThrow());
        assertRefused(() -> outcome(paysClosed), PaymentException.Reason.TRADE_STATUS_ERROR);
        Trade paidRepriced = outcome(paysRepriced);
        assertThat(paidRepriced.totalAmount()).isEqualTo(12_00);
        assertThat(paidRepriced).isEqualTo(trades.find(repriced).orElseThrow());
        assertThat(trades.find(closedElsewhere).orElseThrow().status()).isEqualTo(TradeStatus.TRADE_CLOSED);
        // what the database holds moved: 10.00, 5.00 and 12.00, not the 10.00 this instance remembered
        assertThat(buyers.balance(buyer.id()).minorUnits()).isEqualTo(73_00);
        assertThat(number("select sum(amount) from posting where reference = ? and amount < 0", repriced))
                .isEqualTo(-12_00);
    }

    @Test
    void a_claim_finds_its_trades_by_trade_no_even_where_statistics_say_few_trades_wait_for_payment() {
        // many trades no longer waiting (closed unpaid: no money, nothing due), two waiting, and
        // statistics that know it: the partial index of the trades waiting for payment then looks like
        // the cheapest way to every trade a claim may change
        jdbc.sql("""
                        insert into trade (trade_no, merchant_id, out_trade_no, subject, total_amount, currency,
                            trade_type, status, notify_url, timeout_express, fee_rate_ppm, fee_amount, created_at,
                            expires_at, closed_at, close_reason)
                        select 'PLAN' || g, ?, 'plan-closed-' || g, 'Tea', 1000, 'CNY', 'INSTANT', 'TRADE_CLOSED',
                            'https://shop.example/notify', '30m', 6000, 6, now(), now() + interval '30 minutes',
                            now() + interval '30 minutes', 'TIMEOUT'
                        from generate_series(1, 5000) g""").param(merchant.merchant().id()).update();
        Trade first = trades.create(order("plan-1", 10_00)).trade();
        Trade second = trades.create(order("plan-2", 20_00)).trade();
        jdbc.sql("analyze trade").update();

        List<TradeStore.KnownClaim> claims = Stream.of(first, second)
                .map(t -> new TradeStore.KnownClaim(
                        new TradeStore.Claim(
                                t.tradeNo(),
                                TradeStatus.TRADE_SUCCESS,
                                TradeStatus.WAIT_SELLER_SEND,
                                1L,
                                "buyer",
                                "CONFIRM",
                                now(),
                                now().plus(90, ChronoUnit.DAYS)),
                        t))
                .toList();
        MultiRowInsert.Statement claim = TradeStore.claimAtCommitStatement(claims);
        String plan = String.join(
                "\n",
                jdbc.sql("explain " + claim.sql())
                        .params(Arrays.asList(claim.params()))
                        .query(String.class)
                        .list());

        assertThat(plan).contains("uk_trade_no").doesNotContain("ix_trade_pay_due");
    }

    private CreateTrade orderOf(TestMerchant of, String outTradeNo, long amount) {
        return request(of.merchant().id(), outTradeNo, "Tea", amount);
    }

    /** An instant trade's request, as a merchant's server sends it. */
    private static CreateTrade request(long merchantId, String outTradeNo, String subject, long amount) {
        return new CreateTrade(
                merchantId,
                outTradeNo,
                subject,
                null,
                amount,
                TradeType.INSTANT,
                "https://shop.example/notify",
                null,
                null);
    }
}
