package com.safepay.shared.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Statements collected from several writers of one transaction (a payment batch's trade claims and
 * ledger statement with its guarded debits, the outbox, the audit log, the daily sums), run together
 * in the caller's transaction. On PostgreSQL they go as one multi-statement prepared statement: the
 * driver sends all of them and waits for the answers once, so the transaction pays one round trip
 * instead of one per table. On H2 (no multi-statement prepared statements) they run one after the
 * other. Either way each statement must change exactly the rows it promises, and a failure of any (a
 * constraint, a guard that held back a row, a lost connection) fails the whole, rolling the
 * transaction back.
 */
public final class StatementPipeline {

    private record Queued(JdbcTemplate jdbc, MultiRowInsert.Statement statement) {}

    private final List<Queued> queued = new ArrayList<>();

    /** Queues the insert of {@code rows}; nothing runs before {@link #run}. */
    public void insert(JdbcTemplate jdbc, MultiRowInsert insert, List<Object[]> rows) {
        for (MultiRowInsert.Statement statement : insert.statements(rows)) {
            queued.add(new Queued(jdbc, statement));
        }
    }

    /** Queues a statement that must report {@code statement.rows()} rows changed. */
    public void add(JdbcTemplate jdbc, MultiRowInsert.Statement statement) {
        queued.add(new Queued(jdbc, statement));
    }

    /** Runs what was queued, in order, in the current transaction's connection. */
    public void run() {
        if (queued.isEmpty()) {
            return;
        }
        JdbcTemplate jdbc = queued.get(0).jdbc();
        for (Queued q : queued) {
            if (q.jdbc().getDataSource() != jdbc.getDataSource()) {
                throw new IllegalStateException("One pipeline writes through one data source");
            }
        }
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            if (queued.size() > 1 && Dialect.of(connection) == Dialect.POSTGRESQL) {
                runTogether(connection);
            } else {
                for (Queued q : queued) {
                    runAlone(connection, q.statement());
                }
            }
            return null;
        });
        queued.clear();
    }

    private void runTogether(Connection connection) throws SQLException {
        StringBuilder sql = new StringBuilder();
        for (Queued q : queued) {
            if (!sql.isEmpty()) {
                sql.append(";\n");
            }
            sql.append(q.statement().sql());
        }
        try (PreparedStatement ps = connection.prepareStatement(sql.toString())) {
            int index = 1;
            for (Queued q : queued) {
                index = bind(ps, index, q.statement().params());
            }
            boolean resultSet = ps.execute();
            for (Queued q : queued) {
                if (resultSet) {
                    throw new IllegalStateException(
                            "A queued statement returned rows: " + q.statement().sql());
                }
                check(q.statement(), ps.getUpdateCount());
                resultSet = ps.getMoreResults();
            }
        }
    }

    private static void runAlone(Connection connection, MultiRowInsert.Statement statement) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(statement.sql())) {
            bind(ps, 1, statement.params());
            check(statement, ps.executeUpdate());
        }
    }

    private static int bind(PreparedStatement ps, int first, Object[] params) throws SQLException {
        int index = first;
        for (Object value : params) {
            if (value == null) {
                ps.setNull(index++, Types.NULL);
            } else {
                ps.setObject(index++, value);
            }
        }
        return index;
    }

    private static void check(MultiRowInsert.Statement statement, int count) {
        if (count != statement.rows()) {
            throw new IncorrectResultSizeDataAccessException(
                    "Changed " + count + " rows instead of " + statement.rows() + ": " + statement.sql(),
                    statement.rows(),
                    count);
        }
    }
}
