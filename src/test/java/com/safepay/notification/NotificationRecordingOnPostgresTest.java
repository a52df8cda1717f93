package com.safepay.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.safepay.merchant.MerchantKeys;
import com.safepay.merchant.MerchantService;
import com.safepay.merchant.PlatformKeys;
import com.safepay.payment.Buyer;
import com.safepay.payment.BuyerService;
import com.safepay.payment.CreateTrade;
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
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Sends that complete together are recorded together (group commit): every outcome of one batch —
 * success, retry at its own time, failure after the last send — lands on its own notification, with
 * one attempt row per send, exactly as when each send was recorded alone.
 */
@PostgresIntegrationTest
class NotificationRecordingOnPostgresTest {

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
    NotificationProperties properties;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    TestReceiver receiver;
    TestMerchant merchant;
    Buyer buyer;

    record Row(String tradeNo, String status, int attempts, Instant next, Instant last, Instant succeeded) {}

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

    private List<String> paidTrades(String path, int count) {
        List<String> tradeNos = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Trade trade = trades.create(new CreateTrade(
                            merchant.merchant().id(),
                            "r-" + System.nanoTime(),
                            "记录测试",
                            null,
                            1_00,
                            TradeType.INSTANT,
                            receiver.url(path),
                            null,
                            null))
                    .trade();
            tradeNos.add(trades.pay(trade.tradeNo(), buyer.id(), "CONFIRM").tradeNo());
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
