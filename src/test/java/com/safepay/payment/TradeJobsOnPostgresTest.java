package com.safepay.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.safepay.ledger.AccountType;
import com.safepay.ledger.LedgerService;
import com.safepay.merchant.MerchantKeys;
import com.safepay.merchant.MerchantService;
import com.safepay.support.MutableClock;
import com.safepay.support.PostgresIntegrationTest;
import com.safepay.support.TestMerchants;
import com.safepay.support.TestMerchants.TestMerchant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Time-driven transitions, and two instances running them at once. */
@PostgresIntegrationTest
class TradeJobsOnPostgresTest {

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
    MutableClock clock;

    private Trade create(TestMerchant merchant, String outTradeNo, TradeType type, long amount) {
        return trades.create(new CreateTrade(
                        merchant.merchant().id(),
                        outTradeNo,
                        "Item",
                        null,
                        amount,
                        type,
                        "https://shop.example/n",
                        null,
                        "30m"))
                .trade();
    }

    private int drain(java.util.function.IntSupplier job) {
        int total = 0;
        int n;
        while ((n = job.getAsInt()) > 0) {
            total += n;
        }
        return total;
    }

    @Test
    void unpaid_trades_close_at_their_timeout_and_can_no_longer_be_paid() {
        TestMerchant merchant = TestMerchants.merchant(merchants, merchantKeys);
        Buyer buyer = TestMerchants.buyer(buyers, 10_00);
        Trade trade = create(merchant, "timeout-1", TradeType.INSTANT, 1_00);
        clock.advance(Duration.ofMinutes(31));
        drain(() -> trades.closeExpired(100));
        assertThat(trades.find(trade.tradeNo()).orElseThrow().status()).isEqualTo(TradeStatus.TRADE_CLOSED);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> trades.pay(trade.tradeNo(), buyer.id(), "CONFIRM"))
                .isInstanceOf(PaymentException.class);
        assertThat(buyers.balance(buyer.id()).minorUnits()).isEqualTo(10_00);
    }

    @Test
    void shipped_escrow_trades_confirm_themselves_after_ten_days_and_finish_after_ninety() {
        TestMerchant merchant = TestMerchants.merchant(merchants, merchantKeys);
        Buyer buyer = TestMerchants.buyer(buyers, 100_00);
        Trade trade = create(merchant, "escrow-auto", TradeType.ESCROW, 50_00);
        trades.pay(trade.tradeNo(), buyer.id(), "CONFIRM");
        trades.ship(merchant.merchant().id(), trade.tradeNo());
        clock.advance(Duration.ofDays(9));
        drain(() -> trades.autoConfirm(100));
        assertThat(trades.find(trade.tradeNo()).orElseThrow().status()).isEqualTo(TradeStatus.WAIT_BUYER_CONFIRM);
        clock.advance(Duration.ofDays(1).plusMinutes(1));
        drain(() -> trades.autoConfirm(100));
        assertThat(trades.find(trade.tradeNo()).orElseThrow().status()).isEqualTo(TradeStatus.TRADE_SUCCESS);
        assertThat(ledger.balance(ledger.account(
                                AccountType.MERCHANT_AVAILABLE,
                                merchant.merchant().id())
                        .orElseThrow()))
                .isEqualTo(50_00 - 30);
        clock.advance(Duration.ofDays(81));
        drain(() -> trades.finishDue(100));
        Trade finished = trades.find(trade.tradeNo()).orElseThrow();
        assertThat(finished.status()).isEqualTo(TradeStatus.TRADE_FINISHED);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> trades.refund(merchant.merchant().id(), trade.tradeNo(), "late", 1_00, null))
                .isInstanceOf(PaymentException.class)
                .extracting(e -> ((PaymentException) e).reason())
                .isEqualTo(PaymentException.Reason.TRADE_STATUS_ERROR);
    }

    @Test
    void two_instances_running_the_jobs_at_once_process_every_due_trade_exactly_once() throws Exception {
        TestMerchant merchant = TestMerchants.merchant(merchants, merchantKeys);
        Buyer buyer = TestMerchants.buyer(buyers, 1_000_00);
        List<String> shipped = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Trade trade = create(merchant, "twin-" + i, TradeType.ESCROW, 10_00);
            trades.pay(trade.tradeNo(), buyer.id(), "CONFIRM");
            trades.ship(merchant.merchant().id(), trade.tradeNo());
            shipped.add(trade.tradeNo());
        }
        clock.advance(Duration.ofDays(11));
        CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> drain(() -> trades.autoConfirm(7)));
        CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> drain(() -> trades.autoConfirm(7)));
        assertThat(a.get() + b.get()).isGreaterThanOrEqualTo(60);
        for (String tradeNo : shipped) {
            assertThat(trades.find(tradeNo).orElseThrow().status()).isEqualTo(TradeStatus.TRADE_SUCCESS);
        }
        assertThat(ledger.balance(ledger.account(
                                AccountType.MERCHANT_ESCROW, merchant.merchant().id())
                        .orElseThrow()))
                .isZero();
        assertThat(ledger.balance(ledger.account(
                                AccountType.MERCHANT_AVAILABLE,
                                merchant.merchant().id())
                        .orElseThrow()))
                .isEqualTo(60 * (10_00 - 6));
    }
}
