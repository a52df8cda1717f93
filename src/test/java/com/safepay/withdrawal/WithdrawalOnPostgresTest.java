package com.safepay.withdrawal;

import static com.safepay.support.Concurrently.releaseTogether;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.safepay.ledger.AccountType;
import com.safepay.ledger.EntryType;
import com.safepay.ledger.LedgerService;
import com.safepay.merchant.MerchantKeys;
import com.safepay.merchant.MerchantService;
import com.safepay.payment.Buyer;
import com.safepay.payment.BuyerService;
import com.safepay.payment.TradeService;
import com.safepay.support.MutableClock;
import com.safepay.support.PostgresIntegrationTest;
import com.safepay.support.SystemUser;
import com.safepay.support.TestMerchants;
import com.safepay.support.TestMerchants.TestMerchant;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** Withdrawals on real PostgreSQL: concurrency, idempotency and every bank outcome, each settled once. */
@PostgresIntegrationTest
class WithdrawalOnPostgresTest {

    @Autowired
    WithdrawalService withdrawals;

    @Autowired
    WithdrawalProcessor processor;

    @Autowired
    BankAccountService bankAccounts;

    @Autowired
    MerchantService merchants;

    @Autowired
    MerchantKeys merchantKeys;

    @Autowired
    TradeService trades;

    @Autowired
    BuyerService buyers;

    @Autowired
    LedgerService ledger;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    MutableClock clock;

    /** A merchant whose available balance is exactly {@code fen}, with a verified bank account. */
    private record Funded(TestMerchant merchant, BankAccount account) {}

    private Funded merchantWithAvailable(long fen, String accountNumber) {
        TestMerchant merchant = TestMerchants.merchant(merchants, merchantKeys);
        // the fee is 0.6% rounded half-up: pay just enough that the net is exactly fen
        long gross = fen;
        while (gross - Math.round(gross * 0.006) < fen) {
            gross++;
        }
        Buyer buyer = TestMerchants.buyer(buyers, gross);
        TestMerchants.paidTrade(trades, merchant, buyer, gross);
        assertThat(available(merchant)).isEqualTo(fen);
        BankAccount account = SystemUser.asAdmin(
                () -> bankAccounts.addFor(merchant.merchant().id(), "测试公司", Bank.ICBC, "北京分行", accountNumber));
        return new Funded(merchant, account);
    }

    private long available(TestMerchant merchant) {
        return ledger.balance(ledger.account(
                        AccountType.MERCHANT_AVAILABLE, merchant.merchant().id())
                .orElseThrow());
    }

    private long withdrawing(TestMerchant merchant) {
        return ledger.balance(ledger.account(
                        AccountType.MERCHANT_WITHDRAWING, merchant.merchant().id())
                .orElseThrow());
    }

    @Test
    void fifty_parallel_withdrawals_of_30_from_100_succeed_exactly_three_times_in_each_of_twenty_rounds()
            throws Exception {
        for (int round = 0; round < 20; round++) {
            Funded funded = merchantWithAvailable(100_00, "62220200000000" + (1000 + round));
            long merchantId = funded.merchant().merchant().id();
            AtomicInteger n = new AtomicInteger();
            List<Boolean> held = releaseTogether(50, () -> {
                try {
                    withdrawals.submit(
                            merchantId,
                            "round-req-" + n.incrementAndGet(),
                            30_00,
                            funded.account().id(),
                            "test");
                    return true;
                } catch (WithdrawalException e) {
                    assertThat(e.messageKey()).isEqualTo("withdrawal.error.insufficient");
                    return false;
                }
            });
            assertThat(held.stream().filter(h -> h).count())
                    .as("round " + round)
                    .isEqualTo(3);
            assertThat(available(funded.merchant())).isEqualTo(10_00);
            assertThat(withdrawing(funded.merchant())).isEqualTo(90_00);
        }
        assertThat(jdbc.sql("select count(*) from ledger_account where customer and balance < 0")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql(
                                "select count(*) from (select entry_id from posting group by entry_id having sum(amount) <> 0) x")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void concurrent_duplicate_submits_make_one_withdrawal() throws Exception {
        Funded funded = merchantWithAvailable(100_00, "6222020000009001");
        long merchantId = funded.merchant().merchant().id();
        List<String> numbers = releaseTogether(
                20,
                () -> withdrawals
                        .submit(
                                merchantId,
                                "double-click",
                                40_00,
                                funded.account().id(),
                                "test")
                        .withdrawalNo());
        assertThat(Set.copyOf(numbers)).hasSize(1);
        assertThat(available(funded.merchant())).isEqualTo(60_00);
        assertThatThrownBy(() -> withdrawals.submit(
                        merchantId, "double-click", 41_00, funded.account().id(), "test"))
                .isInstanceOf(WithdrawalException.class)
                .hasMessage("withdrawal.error.requestConflict");
    }

    @Test
    void a_paid_out_withdrawal_leaves_for_the_bank_once() {
        Funded funded = merchantWithAvailable(50_00, "6222020000008001");
        Withdrawal w = withdrawals.submit(
                funded.merchant().merchant().id(),
                "paid-1",
                20_00,
                funded.account().id(),
                "test");
        processor.processDue();
        clock.advance(Duration.ofSeconds(30));
        processor.processDue();
        processor.processDue();
        assertThat(withdrawals.byNo(w.withdrawalNo()).status()).isIn(WithdrawalStatus.SUCCEEDED);
        assertThat(available(funded.merchant())).isEqualTo(30_00);
        assertThat(withdrawing(funded.merchant())).isZero();
        assertThat(ledger.entryPostings(EntryType.WITHDRAWAL_PAYOUT, w.withdrawalNo()))
                .hasSize(2);
    }

    @Test
    void a_declined_withdrawal_returns_the_money_exactly_once() {
        Funded funded = merchantWithAvailable(50_00, "6222020000000000");
        Withdrawal w = withdrawals.submit(
                funded.merchant().merchant().id(),
                "declined-1",
                20_00,
                funded.account().id(),
                "test");
        assertThat(available(funded.merchant())).isEqualTo(30_00);
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofMinutes(2));
            processor.processDue();
        }
        Withdrawal after = withdrawals.byNo(w.withdrawalNo());
        assertThat(after.status()).isEqualTo(WithdrawalStatus.FAILED);
        assertThat(after.failureReason()).contains("frozen");
        assertThat(available(funded.merchant())).isEqualTo(50_00);
        assertThat(withdrawing(funded.merchant())).isZero();
        assertThat(ledger.entryPostings(EntryType.WITHDRAWAL_RETURN, w.withdrawalNo()))
                .hasSize(2);
    }

    @Test
    void an_outcome_lost_in_transit_is_resolved_by_asking_the_bank_and_settles_once() {
        Funded funded = merchantWithAvailable(50_00, "6222020000007001");
        Withdrawal w = withdrawals.submit(
                funded.merchant().merchant().id(),
                "unknown-1",
                25_00,
                funded.account().id(),
                "test");
        AtomicInteger queries = new AtomicInteger();
        BankPayoutAdapter flaky = new BankPayoutAdapter() {
            @Override
            public Answer submit(Payout payout) {
                throw new BankUnavailableException("connection reset");
            }

            @Override
            public Answer query(Payout payout) {
                return queries.incrementAndGet() < 2
                        ? new Answer(Outcome.PENDING, null)
                        : new Answer(Outcome.PAID, null);
            }
        };
        WithdrawalProcessor withFlakyBank = new WithdrawalProcessor(
                jdbc, transactionManager, flaky, ledger, event -> {}, clock, Duration.ofSeconds(5));
        withFlakyBank.processDue();
        assertThat(withdrawals.byNo(w.withdrawalNo()).status()).isEqualTo(WithdrawalStatus.UNKNOWN);
        assertThat(withdrawing(funded.merchant())).isEqualTo(25_00);
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(15));
            withFlakyBank.processDue();
        }
        assertThat(withdrawals.byNo(w.withdrawalNo()).status()).isEqualTo(WithdrawalStatus.SUCCEEDED);
        assertThat(withdrawing(funded.merchant())).isZero();
        assertThat(available(funded.merchant())).isEqualTo(25_00);
        assertThat(ledger.entryPostings(EntryType.WITHDRAWAL_PAYOUT, w.withdrawalNo()))
                .hasSize(2);
    }
}
