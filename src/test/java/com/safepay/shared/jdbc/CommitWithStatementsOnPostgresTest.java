package com.safepay.shared.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.safepay.shared.TransactionBuffer;
import com.safepay.support.PostgresIntegrationTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A transaction that commits in the round trip of its buffered statements (the trade writer's
 * batches): the COMMIT happens only if every statement made sure of its rows in the database first.
 */
@PostgresIntegrationTest
class CommitWithStatementsOnPostgresTest {

    private static final MultiRowInsert PROBE = new MultiRowInsert("pipeline_probe (id, v)", 2);
    private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000_000L * 100);

    @Autowired
    JdbcTemplate jdbcTemplate;

    @Autowired
    DataSource dataSource;

    @Autowired
    PlatformTransactionManager transactionManager;

    private TransactionBuffer<Object[]> probes;
    private TransactionBuffer<MultiRowInsert.Statement> statements;

    @BeforeEach
    void probeTable() {
        jdbcTemplate.execute("create table if not exists pipeline_probe (id bigint primary key, v integer not null)");
        probes = new TransactionBuffer<>("probes", (rows, pipeline) -> pipeline.insert(jdbcTemplate, PROBE, rows));
        statements = new TransactionBuffer<>(
                "statements", (rows, pipeline) -> rows.forEach(s -> pipeline.add(jdbcTemplate, s)));
    }

    /** Whether another connection sees the probe row: only once the transaction has committed. */
    private boolean committed(long id) {
        try (Connection other = dataSource.getConnection();
                PreparedStatement ps = other.prepareStatement("select count(*) from pipeline_probe where id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs the work in a transaction that asks to commit with its buffered statements and tells
     * whether the probe row was committed once they ran, before the transaction manager commits.
     */
    private boolean committedBeforeTheManagerCommits(long probe, Runnable work) {
        AtomicReference<Boolean> seen = new AtomicReference<>();
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCompletion() {
                    seen.set(committed(probe));
                }
            });
            TransactionBuffer.commitWithTheBufferedStatements();
            probes.add(new Object[] {probe, 1});
            work.run();
        });
        return seen.get();
    }

    /** Sets v = 2 on the probes and promises {@code promised} rows, checked in the database. */
    private MultiRowInsert.Statement updateCheckedInTheDatabase(List<Long> ids, int promised) {
        return new MultiRowInsert.Statement(
                "with u as (update pipeline_probe set v = 2 where id = any(?) returning 1) select "
                        + MultiRowInsert.expectRows("(select count(*) from u)", "probe updates"),
                new Object[] {ids.toArray(Long[]::new), promised},
                promised,
                MultiRowInsert.Check.IN_DATABASE);
    }

    @Test
    void inserts_and_statements_checked_in_the_database_commit_in_the_round_trip_that_runs_them() {
        long old = IDS.incrementAndGet();
        long probe = IDS.incrementAndGet();
        jdbcTemplate.update("insert into pipeline_probe (id, v) values (?, 1)", old);

        boolean early = committedBeforeTheManagerCommits(
                probe, () -> statements.add(updateCheckedInTheDatabase(List.of(old), 1)));

        assertThat(early).isTrue();
        assertThat(jdbcTemplate.queryForObject("select v from pipeline_probe where id = ?", Integer.class, old))
                .isEqualTo(2);
    }

    @Test
    void a_statement_checked_in_the_database_that_changes_fewer_rows_fails_before_the_commit_and_nothing_stays() {
        long old = IDS.incrementAndGet();
        long missing = IDS.incrementAndGet();
        long probe = IDS.incrementAndGet();
        jdbcTemplate.update("insert into pipeline_probe (id, v) values (?, 1)", old);

        assertThatThrownBy(() -> committedBeforeTheManagerCommits(
                        probe, () -> statements.add(updateCheckedInTheDatabase(List.of(old, missing), 2))))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("probe updates: 1 rows changed instead of 2");

        assertThat(committed(probe)).isFalse();
        assertThat(jdbcTemplate.queryForObject("select v from pipeline_probe where id = ?", Integer.class, old))
                .isEqualTo(1);
    }

    @Test
    void a_statement_only_its_caller_can_check_keeps_the_commit_to_the_transaction_manager() {
        long old = IDS.incrementAndGet();
        long probe = IDS.incrementAndGet();
        jdbcTemplate.update("insert into pipeline_probe (id, v) values (?, 1)", old);

        boolean early = committedBeforeTheManagerCommits(
                probe,
                () -> statements.add(new MultiRowInsert.Statement(
                        "update pipeline_probe set v = 3 where id = ?", new Object[] {old}, 1)));

        assertThat(early).isFalse();
        assertThat(committed(probe)).isTrue();
        assertThat(jdbcTemplate.queryForObject("select v from pipeline_probe where id = ?", Integer.class, old))
                .isEqualTo(3);
    }
}
