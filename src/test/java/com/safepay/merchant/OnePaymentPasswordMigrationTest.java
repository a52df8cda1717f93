package com.safepay.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import com.safepay.support.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** V7 gives each merchant one payment password: what refunds had on their own is not lost (PostgreSQL). */
class OnePaymentPasswordMigrationTest {

    @Test
    void a_refund_only_password_becomes_the_merchants_and_a_withdrawal_password_stays() {
        DriverManagerDataSource dataSource =
                new DriverManagerDataSource(EmbeddedPostgres.newDatabase(), "postgres", "");
        Flyway before = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration", "classpath:db/vendor/postgresql")
                .target("6.2")
                .load();
        before.migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        for (long id : new long[] {1, 2, 3}) {
            jdbc.sql("insert into merchant (id, merchant_no, name, seller_account, status, created_at) values (" + id
                            + ", '208800000000000" + id + "', 'M', 's@test', 'ACTIVE', timestamp with time zone"
                            + " '2026-11-26 00:00:00+00')")
                    .update();
        }
        // 1: refund password only; 2: both (different); 3: withdrawal password only
        jdbc.sql("update merchant set payment_password_hash = 'withdrawal-2' where id = 2")
                .update();
        jdbc.sql("update merchant set payment_password_hash = 'withdrawal-3' where id = 3")
                .update();
        for (long id : new long[] {1, 2}) {
            jdbc.sql("""
                            insert into merchant_payment_password (merchant_id, password_hash, failed_attempts, updated_at)
                            values (?, ?, 0, current_timestamp)""").params(id, "refund-" + id).update();
        }

        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration", "classpath:db/vendor/postgresql")
                .load()
                .migrate();

        assertThat(jdbc.sql("select payment_password_hash from merchant order by id")
                        .query(String.class)
                        .list())
                .containsExactly("refund-1", "withdrawal-2", "withdrawal-3");
        assertThat(jdbc.sql("""
                        select count(*) from information_schema.tables
                        where lower(table_name) = 'merchant_payment_password'""").query(Long.class).single()).isZero();
    }
}
