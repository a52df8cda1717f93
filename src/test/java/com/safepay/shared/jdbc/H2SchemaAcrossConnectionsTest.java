package com.safepay.shared.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The embedded database must keep working after the connection that created the schema is gone: a
 * connection pool retires every connection after its lifetime, the one that ran the migrations
 * included. H2 2.4.240 evaluated {@code CHECK (col IN (...))} with the session of the creating
 * connection, so every write failed once that connection was closed (h2database #4302, #4308).
 */
class H2SchemaAcrossConnectionsTest {

    /** A check that rejected a value; 2.4.240 answered 23514 ("check constraint invalid") instead. */
    private static final String CHECK_VIOLATION = "23513";

    private static String fileUrl() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "h2-connections"));
        return "jdbc:h2:file:" + dir.toAbsolutePath().resolve(UUID.randomUUID().toString())
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }

    @Test
    void a_check_constraint_created_on_a_closed_connection_still_checks_writes_of_another() throws Exception {
        String url = fileUrl();
        // the second connection keeps the database open while the first one closes
        try (Connection keeper = DriverManager.getConnection(url, "sa", "")) {
            try (Connection creator = DriverManager.getConnection(url, "sa", "");
                    Statement create = creator.createStatement()) {
                create.execute("create table kinds (id int primary key, kind varchar(8) check (kind in ('A', 'B')))");
            }
            try (Statement insert = keeper.createStatement()) {
                assertThat(insert.executeUpdate("insert into kinds values (1, 'A')"))
                        .isOne();
                assertThatCode(() -> insert.executeUpdate("insert into kinds values (2, 'C')"))
                        .isInstanceOfSatisfying(
                                SQLException.class,
                                e -> assertThat(e.getSQLState()).isEqualTo(CHECK_VIOLATION));
            }
        }
    }

    @Test
    void safepays_schema_migrated_on_one_connection_takes_sign_in_audits_and_trades_on_another() throws Exception {
        String url = fileUrl();
        try (Connection keeper = DriverManager.getConnection(url, "sa", "")) {
            // Flyway opens, uses and closes its own connections, as the pool's first one does at start-up
            Flyway.configure()
                    .dataSource(url, "sa", "")
                    .locations("classpath:db/migration", "classpath:db/vendor/h2")
                    .load()
                    .migrate();
            try (Statement write = keeper.createStatement()) {
                assertThat(write.executeUpdate("""
                                insert into audit_log (occurred_at, actor, action, target, outcome)
                                values (current_timestamp, 'merchant', 'LOGIN', 'merchant', 'SUCCESS')""")).isOne();
                write.executeUpdate("""
                        insert into merchant (merchant_no, name, seller_account, status, created_at)
                        values ('2088100000000001', 'M', 's@test', 'ACTIVE', current_timestamp)""");
                assertThat(write.executeUpdate("""
                                insert into trade (trade_no, merchant_id, out_trade_no, subject, total_amount,
                                    currency, trade_type, status, notify_url, timeout_express, fee_rate_ppm,
                                    fee_amount, created_at, expires_at)
                                select '2026120300000001', id, 'order-1', 'Latte', 100, 'CNY', 'INSTANT',
                                    'WAIT_BUYER_PAY', 'http://localhost/notify', '30m', 6000, 1,
                                    current_timestamp, current_timestamp from merchant""")).isOne();
                assertThatCode(() -> write.executeUpdate("""
                                insert into audit_log (occurred_at, actor, action, target, outcome)
                                values (current_timestamp, 'merchant', 'LOGIN', 'merchant', 'MAYBE')"""))
                        .isInstanceOfSatisfying(
                                SQLException.class,
                                e -> assertThat(e.getSQLState()).isEqualTo(CHECK_VIOLATION))
                        .hasMessageContaining("ck_audit_outcome");
            }
        }
    }
}
