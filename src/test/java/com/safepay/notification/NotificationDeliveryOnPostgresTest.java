package com.safepay.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.safepay.merchant.MerchantKeys;
import com.safepay.merchant.MerchantService;
import com.safepay.merchant.PlatformKeys;
import com.safepay.payment.Buyer;
import com.safepay.payment.BuyerService;
import com.safepay.payment.CreateTrade;
import com.safepay.payment.PaymentException;
import com.safepay.payment.Trade;
import com.safepay.payment.TradeService;
import com.safepay.payment.TradeType;
import com.safepay.support.MutableClock;
import com.safepay.support.PostgresIntegrationTest;
import com.safepay.support.TestMerchants;
import com.safepay.support.TestMerchants.TestMerchant;
import com.safepay.support.TestReceiver;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Outbox, signed delivery, the retry schedule, restarts, two dispatchers and the group-committed
 * recording of results, on PostgreSQL.
 */
@PostgresIntegrationTest
class NotificationDeliveryOnPostgresTest {

    @Autowired
    TradeService trades;

    @Autowired
    BuyerService buyers;

    @Autowired
    MerchantService merchants;

    @Autowired
    MerchantKeys merchantKeys;

    @Autowired
    PlatformKeys platformKeys;

    @Autowired
    NotificationDispatcher dispatcher;

    @Autowired
    NotificationSender sender;

    @Autowired
    NotificationProperties properties;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    TestReceiver receiver;
    TestMerchant merchant;
    Buyer buyer;

    @BeforeEach
    void receiverMerchantBuyer() {
        receiver = new TestReceiver(platformKeys.publicKey());
        merchant = TestMerchants.merchant(merchants, merchantKeys);
        buyer = TestMerchants.buyer(buyers, 10_000_00);
        dispatcher.dispatchAllDueAndWait(); // leftovers of other tests in this database
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    private Trade paidTrade(String path, TradeType type) {
        Trade trade = trades.create(new CreateTrade(
                        merchant.merchant().id(),
                        "n-" + System.nanoTime(),
                        "通知测试",
                        null,
                        12_34,
                        type,
                        receiver.url(path),
                        null,
                        null))
                .trade();
        return trades.pay(trade.tradeNo(), buyer.id(), "CONFIRM");
    }

    private String status(String tradeNo) {
        return jdbc.sql("select status from notification where trade_no = ?")
                .param(tradeNo)
                .query(String.class)
                .single();
    }

    @Test
    void a_paid_trade_is_notified_once_signed_with_every_documented_field() {
        Trade trade = paidTrade("/ok", TradeType.INSTANT);
        dispatcher.dispatchAllDueAndWait();

        List<TestReceiver.Received> got = receiver.at("/ok");
        assertThat(got).hasSize(1);
        TestReceiver.Received notification = got.getFirst();
        assertThat(notification.signatureValid()).isTrue();
        assertThat(notification.fields())
                .containsEntry("notify_type", "trade_status_sync")
                .containsEntry("merchant_no", merchant.merchantNo())
                .containsEntry("seller_account", merchant.merchant().sellerAccount())
                .containsEntry("trade_no", trade.tradeNo())
                .containsEntry("out_trade_no", trade.outTradeNo())
                .containsEntry("trade_status", "TRADE_SUCCESS")
                .containsEntry("total_amount", "12.34")
                .containsEntry("subject", "通知测试")
                .containsEntry("sign_type", "RSA2")
                .containsKeys("notify_id", "notify_time", "sign");
        assertThat(notification.fields().get("notify_time")).endsWith("+08:00");
        assertThat(status(trade.tradeNo())).isEqualTo("SUCCEEDED");
    }

    @Test
    void refunds_escrow_confirmation_and_finishing_are_notified_with_their_fields() {
        Trade trade = paidTrade("/ok", TradeType.ESCROW);
        trades.ship(merchant.merchant().id(), trade.tradeNo());
        trades.confirmReceipt(buyer.id(), trade.tradeNo());
        trades.refund(merchant.merchant().id(), trade.tradeNo(), "rq-7", 2_34, "damaged");
        dispatcher.dispatchAllDueAndWait();
        List<String> statuses = receiver.at("/ok").stream()
                .filter(r -> r.fields().get("trade_no").equals(trade.tradeNo()))
                .map(r -> r.fields().get("notify_type") + ":" + r.fields().get("trade_status"))
                .toList();
        assertThat(statuses)
                .containsExactlyInAnyOrder(
                        "trade_status_sync:WAIT_SELLER_SEND",
                        "trade_status_sync:TRADE_SUCCESS",
                        "refund_sync:TRADE_SUCCESS");
        TestReceiver.Received refund = receiver.at("/ok").stream()
                .filter(r -> "refund_sync".equals(r.fields().get("notify_type")))
                .findFirst()
                .orElseThrow();
        assertThat(refund.fields())
                .containsEntry("out_request_no", "rq-7")
                .containsEntry("refund_amount", "2.34")
                .containsEntry("refund_total", "2.34");
    }

    @Test
    void a_change_that_rolls_back_leaves_no_notification() {
        Buyer poor = TestMerchants.buyer(buyers, 1_00);
        Trade trade = trades.create(new CreateTrade(
                        merchant.merchant().id(),
                        "rollback-" + System.nanoTime(),
                        "x",
                        null,
                        5_00,
                        TradeType.INSTANT,
                        receiver.url("/ok"),
                        null,
                        null))
                .trade();
        assertThatThrownBy(() -> trades.pay(trade.tradeNo(), poor.id(), "CONFIRM"))
                .isInstanceOf(PaymentException.class);
        assertThat(jdbc.sql("select count(*) from notification where trade_no = ?")
                        .param(trade.tradeNo())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void failures_are_retried_on_the_schedule_with_the_same_notify_id_until_success() {
        Trade trade = paidTrade("/fail/3", TradeType.INSTANT);
        dispatcher.dispatchAllDueAndWait();
        assertThat(receiver.at("/fail/3")).hasSize(1);

        clock.advance(Duration.ofSeconds(59));
        dispatcher.dispatchAllDueAndWait();
        assertThat(receiver.at("/fail/3")).as("not before one minute").hasSize(1);
        clock.advance(Duration.ofSeconds(2));
        dispatcher.dispatchAllDueAndWait();
        assertThat(receiver.at("/fail/3")).hasSize(2);

        clock.advance(Duration.ofMinutes(4));
        dispatcher.dispatchAllDueAndWait();
        assertThat(receiver.at("/fail/3")).as("not before five minutes").hasSize(2);
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        dispatcher.dispatchAllDueAndWait();
        assertThat(receiver.at("/fail/3")).hasSize(3);

        clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        dispatcher.dispatchAllDueAndWait();
        assertThat(receiver.at("/fail/3")).hasSize(4);
        assertThat(status(trade.tradeNo())).isEqualTo("SUCCEEDED");

        Set<String> notifyIds = receiver.at("/fail/3").stream()
                .map(r -> r.fields().get("notify_id"))
                .collect(Collectors.toSet());
        assertThat(notifyIds).hasSize(1);
        assertThat(receiver.at("/fail/3")).allMatch(TestReceiver.Received::signatureValid);
        assertThat(jdbc.sql(
                                "select count(*) from notification_attempt a join notification n on n.id = a.notification_id where n.trade_no = ?")
                        .param(trade.tradeNo())
                        .query(Long.class)
                        .single())
                .isEqualTo(4);
    }

    @Test
    void after_the_seventh_failure_the_notification_is_failed_and_no_eighth_send_happens() {
        Trade trade = paidTrade("/down", TradeType.INSTANT);
        for (Duration delay : properties.schedule()) {
            clock.advance(delay.plusSeconds(1));
            dispatcher.dispatchAllDueAndWait();
        }
        assertThat(receiver.at("/down")).hasSize(7);
        assertThat(status(trade.tradeNo())).isEqualTo("FAILED");
        clock.advance(Duration.ofDays(2));
        dispatcher.dispatchAllDueAndWait();
        assertThat(receiver.at("/down")).hasSize(7);
    }

    @Test
    void timeouts_wrong_bodies_and_redirects_count_as_failures() {
        Trade slow = paidTrade("/slow", TradeType.INSTANT);
        Trade wrong = paidTrade("/wrong-body", TradeType.INSTANT);
        Trade redirect = paidTrade("/redirect", TradeType.INSTANT);
        dispatcher.dispatchAllDueAndWait();
        for (Trade trade : List.of(slow, wrong, redirect)) {
            assertThat(status(trade.tradeNo())).isEqualTo("PENDING");
        }
        assertThat(receiver.at("/ok")).as("redirect not followed").isEmpty();
        String error = jdbc.sql("""
                        select a.error from notification_attempt a join notification n on n.id = a.notification_id
                        where n.trade_no = ?""").param(slow.tradeNo()).query(String.class).single();
        assertThat(error).contains("timeout");
        Integer redirectStatus =
                jdbc.sql("""
                        select a.http_status from notification_attempt a join notification n on n.id = a.notification_id
                        where n.trade_no = ?""").param(redirect.tradeNo()).query(Integer.class).single();
        assertThat(redirectStatus).isEqualTo(302);
    }

    @Test
    void a_new_dispatcher_after_a_stop_delivers_every_due_notification_once() {
        for (int i = 0; i < 20; i++) {
            paidTrade("/ok", TradeType.INSTANT);
        }
        NotificationDispatcher stopped = newDispatcher();
        stopped.close();
        assertThat(stopped.dispatchDue()).isEmpty();

        try (NotificationDispatcher restarted = newDispatcher()) {
            restarted.dispatchAllDueAndWait();
        }
        assertThat(receiver.at("/ok")).hasSize(20);
        assertThat(receiver.perNotifyId.values()).allMatch(count -> count.get() == 1);
    }

    @Test
    void stopping_waits_for_sends_under_way_and_records_their_outcome() {
        // The server answers after 3 s, past the 2 s timeout of the tests: the send ends as a timeout.
        Trade trade = paidTrade("/slow", TradeType.INSTANT);
        NotificationDispatcher stopping = newDispatcher();
        List<CompletableFuture<Void>> sends = stopping.dispatchDue();
        assertThat(sends).hasSize(1);

        stopping.close(); // while the send is under way

        // close() returned only after the send had ended and its attempt was recorded
        assertThat(sends.getFirst()).isDone();
        assertThat(jdbc.sql("""
                        select count(*) from notification_attempt a join notification n on n.id = a.notification_id
                        where n.trade_no = ? and not a.succeeded""").param(trade.tradeNo()).query(Long.class).single())
                .isEqualTo(1);
        assertThat(status(trade.tradeNo())).isEqualTo("PENDING"); // retried on the schedule
    }

    @Test
    void two_dispatchers_on_one_database_never_send_the_same_notification_twice() throws Exception {
        for (int i = 0; i < 120; i++) {
            paidTrade("/ok", TradeType.INSTANT);
        }
        try (NotificationDispatcher a = newDispatcher();
                NotificationDispatcher b = newDispatcher()) {
            CompletableFuture<Integer> first = CompletableFuture.supplyAsync(a::dispatchAllDueAndWait);
            CompletableFuture<Integer> second = CompletableFuture.supplyAsync(b::dispatchAllDueAndWait);
            assertThat(first.get() + second.get()).isEqualTo(120);
        }
        assertThat(receiver.at("/ok")).hasSize(120);
        assertThat(receiver.perNotifyId.values()).allMatch(count -> count.get() == 1);
    }

    @Test
    void the_pump_delivers_a_burst_to_one_host_without_any_scheduled_dispatch() throws Exception {
        // Scheduled dispatch is off in tests: whatever is sent here, the pump sent. The old dispatcher
        // sent at most max-in-flight-per-host (16) per tick; 300 to one host need the pump to claim
        // again as sends complete.
        int burst = 300;
        String path = "/burst";
        for (int i = 0; i < burst; i++) {
            paidTrade(path, TradeType.INSTANT);
        }
        assertThat(burst).isGreaterThan(properties.maxInFlightPerHost());
        try (NotificationDispatcher pumped = newDispatcher()) {
            pumped.start();
            assertThat(pumped.isPumping()).isTrue();
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos(); // generous: completeness, not speed
            while (pending(path) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(pending(path)).as("still pending after the bound").isZero();
            pumped.close();
            assertThat(pumped.isPumping()).isFalse();
        }
        List<TestReceiver.Received> got = receiver.at(path);
        assertThat(got).hasSize(burst).allMatch(TestReceiver.Received::signatureValid);
        assertThat(got.stream().map(r -> r.fields().get("notify_id")).collect(Collectors.toSet()))
                .hasSize(burst);
        assertThat(receiver.perNotifyId.values()).allMatch(count -> count.get() == 1);
    }

    private long pending(String path) {
        return jdbc.sql("select count(*) from notification where notify_url = ? and status <> 'SUCCEEDED'")
                .param(receiver.url(path))
                .query(Long.class)
                .single();
    }

    private NotificationDispatcher newDispatcher() {
        return new NotificationDispatcher(jdbc, transactionManager, sender, properties, json, clock);
    }

    // Group commit: sends that complete together are recorded together, each with its own outcome.

    record Row(String tradeNo, String status, int attempts, Instant next, Instant last, Instant succeeded) {}

    private List<String> paidTrades(String path, int count) {
        List<String> tradeNos = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tradeNos.add(paidTrade(path, TradeType.INSTANT).tradeNo());
        }
        return tradeNos;
    }

    private List<Row> rows(List<String> tradeNos) {
        return jdbc.sql("""
                        select trade_no, status, attempts, next_attempt_at, last_attempt_at, succeeded_at
                        from notification where trade_no in (:tradeNos) order by id""")
                .param("tradeNos", tradeNos)
                .query((rs, n) -> new Row(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getInt(3),
                        instant(rs.getTimestamp(4)),
                        instant(rs.getTimestamp(5)),
                        instant(rs.getTimestamp(6))))
                .list();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** attempt_no of every attempt row of these trades' notifications, per trade, in order. */
    private Map<String, List<Integer>> attemptNos(List<String> tradeNos) {
        return jdbc
                .sql("""
                        select n.trade_no, a.attempt_no from notification_attempt a
                        join notification n on n.id = a.notification_id
                        where n.trade_no in (:tradeNos) order by a.attempt_no""")
                .param("tradeNos", tradeNos)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getInt(2)))
                .list()
                .stream()
                .collect(Collectors.groupingBy(
                        Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

    @Test
    void sends_completing_together_are_each_recorded_with_their_own_outcome() {
        List<String> ok = paidTrades("/ok", 8);
        List<String> flaky = paidTrades("/fail/6", 12); // the first 6 sends to this path get HTTP 500
        List<String> down = paidTrades("/down", 4);
        List<String> all = new ArrayList<>(ok);
        all.addAll(flaky);
        all.addAll(down);

        Instant first = clock.instant();
        assertThat(dispatcher.dispatchAllDueAndWait()).isEqualTo(24);

        assertThat(rows(ok))
                .allSatisfy(
                        row -> assertThat(row).isEqualTo(new Row(row.tradeNo(), "SUCCEEDED", 1, null, first, first)));
        List<Row> flakyRows = rows(flaky);
        assertThat(flakyRows.stream().filter(row -> row.status().equals("SUCCEEDED")))
                .hasSize(6)
                .allSatisfy(
                        row -> assertThat(row).isEqualTo(new Row(row.tradeNo(), "SUCCEEDED", 1, null, first, first)));
        assertThat(flakyRows.stream().filter(row -> row.status().equals("PENDING")))
                .hasSize(6)
                .allSatisfy(row -> assertThat(row)
                        .isEqualTo(new Row(
                                row.tradeNo(), "PENDING", 1, first.plus(properties.delayBefore(2)), first, null)));
        assertThat(rows(down))
                .allSatisfy(row -> assertThat(row)
                        .isEqualTo(new Row(
                                row.tradeNo(), "PENDING", 1, first.plus(properties.delayBefore(2)), first, null)));
        assertThat(jdbc.sql("""
                        select count(*) from notification_attempt a join notification n on n.id = a.notification_id
                        where n.trade_no in (:tradeNos) and a.succeeded = (a.http_status = 200)""").param("tradeNos", all).query(Long.class).single())
                .as("one attempt row per send, success exactly for HTTP 200")
                .isEqualTo(24);

        // the rest of the schedule: the flaky ones succeed at their second send, the dead ones fail for good
        for (int send = 2; send <= properties.maxSends(); send++) {
            clock.advance(properties.delayBefore(send));
            dispatcher.dispatchAllDueAndWait();
        }
        clock.advance(Duration.ofDays(1));
        assertThat(dispatcher.dispatchAllDueAndWait()).isZero();

        Instant last = clock.instant().minus(Duration.ofDays(1));
        assertThat(rows(flaky)).allSatisfy(row -> assertThat(row.status()).isEqualTo("SUCCEEDED"));
        assertThat(rows(flaky).stream().filter(row -> row.attempts() == 2)).hasSize(6);
        assertThat(rows(down))
                .allSatisfy(row -> assertThat(row)
                        .isEqualTo(new Row(row.tradeNo(), "FAILED", properties.maxSends(), null, last, null)));
        Map<String, List<Integer>> attempts = attemptNos(all);
        for (String tradeNo : down) {
            assertThat(attempts.get(tradeNo)).containsExactly(1, 2, 3, 4, 5, 6, 7);
        }
        for (String tradeNo : ok) {
            assertThat(attempts.get(tradeNo)).containsExactly(1);
        }
        assertThat(flaky.stream().map(attempts::get).filter(nos -> nos.equals(List.of(1, 2))))
                .hasSize(6);

        assertThat(receiver.received).hasSize(8 + 12 + 6 + 4 * 7).allMatch(TestReceiver.Received::signatureValid);
        assertThat(receiver.perNotifyId).hasSize(24);
    }
}
