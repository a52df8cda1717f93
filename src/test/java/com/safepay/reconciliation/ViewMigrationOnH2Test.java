package com.safepay.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** V8 on an H2 database in service (the embedded default): 交易明细 shows through the view what its copy held. */
class ViewMigrationOnH2Test {

    @Test
    void the_view_shows_what_the_copy_held_and_pending_credits_stay(@TempDir Path dir) {
        // A file database with the settings of SafePay's default URL (an in-memory H2 database
        // refuses the merchant insert below with "Check constraint invalid", a file one does not).
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                "jdbc:h2:file:" + dir.resolve("safepay")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                "sa",
                "");
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .target("7")
                .load()
                .migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        jdbc.sql("""
                        insert into merchant (id, merchant_no, name, seller_account, status, created_at)
                        values (1, '2088000000000001', 'M', 's@test', 'ACTIVE', timestamp with time zone '2026-11-01 00:00:00+00')""").update();
        jdbc.sql("""
                        insert into trade (id, trade_no, merchant_id, out_trade_no, subject, total_amount, currency,
                            trade_type, status, notify_url, timeout_express, fee_rate_ppm, fee_amount, refund_total,
                            fee_refunded, buyer_account, created_at, expires_at, paid_at)
                        values (2, '20261101000000000002', 1, 'o-2', 'Coffee', 20000, 'CNY', 'INSTANT', 'TRADE_SUCCESS',
                                'https://shop.example/n', '30m', 6000, 120, 5000, 30, '138****0001',
                                timestamp with time zone '2026-11-01 02:00:00+00',
                                timestamp with time zone '2026-11-01 02:30:00+00',
                                timestamp with time zone '2026-11-01 02:05:00+00')""").update();
        jdbc.sql("""
                        insert into recon_trade (trade_id, merchant_id, trade_no, out_trade_no, created_at, trade_type,
                            status, refunded, amount, refund_total, fee, net, subject, counterparty)
                        values (2, 1, '20261101000000000002', 'o-2', timestamp with time zone '2026-11-01 02:00:00+00',
                                'INSTANT', 'TRADE_SUCCESS', true, 20000, 5000, 90, 14910, 'Coffee', '138****0001')""").update();
        String rows = "select trade_id, merchant_id, trade_no, out_trade_no, created_at, trade_type, status, refunded,"
                + " amount, refund_total, fee, net, subject, counterparty from recon_trade";
        var copied = jdbc.sql(rows).query().listOfRows();
        jdbc.sql("insert into pending_posting (account_id, amount) values (1, 90)")
                .update();

        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();

        assertThat(jdbc.sql(rows).query().listOfRows()).isEqualTo(copied);
        assertThat(jdbc.sql("select sum(amount) from pending_posting")
                        .query(Long.class)
                        .single())
                .isEqualTo(90);
    }
}
