package com.safepay.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import com.safepay.support.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * V8 (and on PostgreSQL its vendor parts) on a database in service: 交易明细 shows the same rows
 * through the view as it did from its copy, and no pending credit or daily delta is lost when the
 * queues lose their indexes and ids.
 */
class QueuesAndViewMigrationTest {

    private static final String ROWS = "select trade_id, merchant_id, trade_no, out_trade_no, created_at, trade_type,"
            + " status, refunded, amount, refund_total, fee, net, subject, counterparty from recon_trade order by trade_id";

    @Test
    void on_postgres_the_view_shows_what_the_copy_held_and_pending_credits_and_deltas_survive() {
        DataSource dataSource = new DriverManagerDataSource(EmbeddedPostgres.newDatabase(), "postgres", "");
        String[] locations = {"classpath:db/migration", "classpath:db/vendor/postgresql"};
        migrate(dataSource, locations, "7");
        JdbcClient jdbc = JdbcClient.create(dataSource);
        List<Map<String, Object>> copied = tradesWithTheirCopies(jdbc);
        long fee = feeAccount(jdbc);
        jdbc.sql("insert into pending_posting (account_id, amount) values (?, 90), (?, 30), (?, -30)")
                .params(fee, fee, fee)
                .update();
        jdbc.sql("""
                        insert into recon_daily_delta (merchant_id, trade_day, status, trade_type, refunded, trade_count,
                            amount, refund_total, fee, net)
                        values (1, date '2026-11-01', 'TRADE_SUCCESS', 'INSTANT', true, 1, 20000, 5000, 90, 14910),
                               (1, date '2026-11-01', 'WAIT_BUYER_PAY', 'INSTANT', false, 1, 10000, 0, 0, 0)""").update();

        migrate(dataSource, locations, null);

        assertThat(jdbc.sql(ROWS).query().listOfRows()).isEqualTo(copied);
        assertThat(copied.get(1)).containsEntry("fee", 90L).containsEntry("net", 14910L);
        assertThat(jdbc.sql("select table_type from information_schema.tables where table_name = 'recon_trade'")
                        .query(String.class)
                        .single())
                .isEqualTo("VIEW");
        assertThat(jdbc.sql("select account_id, sum(amount) from pending_posting group by account_id")
                        .query((rs, n) -> Map.entry(rs.getLong(1), rs.getLong(2)))
                        .list())
                .containsExactly(Map.entry(fee, 90L));
        assertThat(jdbc.sql("select count(*), sum(trade_count), sum(amount), sum(net) from recon_daily_delta")
                        .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)})
                        .single())
                .containsExactly(2, 2, 30000, 14910);
        assertThat(jdbc.sql("""
                        select count(*) from pg_indexes where tablename in ('pending_posting', 'recon_daily_delta')""").query(Long.class).single()).isZero();
    }

    @Test
    void on_h2_the_view_shows_what_the_copy_held_and_pending_credits_stay(@TempDir Path dir) {
        // A file database with the settings of SafePay's default URL (an in-memory H2 database
        // refuses the merchant insert with "Check constraint invalid", a file one does not).
        DataSource dataSource = new DriverManagerDataSource(
                "jdbc:h2:file:" + dir.resolve("safepay")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                "sa",
                "");
        String[] locations = {"classpath:db/migration"};
        migrate(dataSource, locations, "7");
        JdbcClient jdbc = JdbcClient.create(dataSource);
        List<Map<String, Object>> copied = tradesWithTheirCopies(jdbc);
        jdbc.sql("insert into pending_posting (account_id, amount) values (?, 90)")
                .param(feeAccount(jdbc))
                .update();

        migrate(dataSource, locations, null);

        assertThat(jdbc.sql(ROWS).query().listOfRows()).isEqualTo(copied);
        assertThat(jdbc.sql("select sum(amount) from pending_posting")
                        .query(Long.class)
                        .single())
                .isEqualTo(90);
    }

    private static void migrate(DataSource dataSource, String[] locations, String target) {
        var flyway = Flyway.configure().dataSource(dataSource).locations(locations);
        if (target != null) {
            flyway.target(target);
        }
        flyway.load().migrate();
    }

    private static long feeAccount(JdbcClient jdbc) {
        return jdbc.sql("select id from ledger_account where code = 'PLATFORM_FEE_INCOME'")
                .query(Long.class)
                .single();
    }

    /**
     * At V7: a merchant, an unpaid trade and a paid, partly refunded one, each with the row V5's
     * projection kept for it. @return the rows 交易明细 showed
     */
    private static List<Map<String, Object>> tradesWithTheirCopies(JdbcClient jdbc) {
        jdbc.sql("""
                        insert into merchant (id, merchant_no, name, seller_account, status, created_at)
                        values (1, '2088000000000001', 'M', 's@test', 'ACTIVE', timestamp with time zone '2026-11-01 00:00:00+00')""").update();
        jdbc.sql("""
                        insert into trade (id, trade_no, merchant_id, out_trade_no, subject, total_amount, currency,
                            trade_type, status, notify_url, timeout_express, fee_rate_ppm, fee_amount, refund_total,
                            fee_refunded, buyer_account, created_at, expires_at, paid_at)
                        values (1, '20261101000000000001', 1, 'o-1', 'Tea', 10000, 'CNY', 'INSTANT', 'WAIT_BUYER_PAY',
                                'https://shop.example/n', '30m', 6000, 60, 0, 0, null,
                                timestamp with time zone '2026-11-01 01:00:00+00',
                                timestamp with time zone '2026-11-01 01:30:00+00', null),
                               (2, '20261101000000000002', 1, 'o-2', 'Coffee', 20000, 'CNY', 'INSTANT', 'TRADE_SUCCESS',
                                'https://shop.example/n', '30m', 6000, 120, 5000, 30, '138****0001',
                                timestamp with time zone '2026-11-01 02:00:00+00',
                                timestamp with time zone '2026-11-01 02:30:00+00',
                                timestamp with time zone '2026-11-01 02:05:00+00')""").update();
        jdbc.sql("""
                        insert into recon_trade (trade_id, merchant_id, trade_no, out_trade_no, created_at, trade_type,
                            status, refunded, amount, refund_total, fee, net, subject, counterparty)
                        select id, merchant_id, trade_no, out_trade_no, created_at, trade_type, status, refund_total > 0,
                            total_amount, refund_total,
                            case when paid_at is null then 0 else fee_amount - fee_refunded end,
                            case when paid_at is null then 0 else total_amount - refund_total - (fee_amount - fee_refunded) end,
                            subject, buyer_account
                        from trade""").update();
        return jdbc.sql(ROWS).query().listOfRows();
    }
}
