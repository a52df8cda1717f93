package com.safepay.shared.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
 *
 * <p>{@link #runAndCommit} also sends the COMMIT in that round trip, on PostgreSQL and only when every
 * statement makes sure of its rows before the COMMIT runs ({@link MultiRowInsert.Check#EXACT} or
 * {@link MultiRowInsert.Check#IN_DATABASE}): PostgreSQL skips everything after a failed statement, the
 * COMMIT included, and the transaction rolls back.
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
        run(false);
    }

    /**
     * Runs what was queued, in order, in the current transaction's connection and, where it can,
     * commits that transaction in the same round trip (see the class comment); the transaction
     * manager's own commit then finds nothing left to do. Call it only as the transaction's last
     * work, with nothing of the transaction left to write after it.
     *
     * @return whether the transaction was committed; if not, it is still open
     */
    public boolean runAndCommit() {
        return run(true);
    }

    private boolean run(boolean commit) {
        if (queued.isEmpty()) {
            return false;
        }
        JdbcTemplate jdbc = queued.get(0).jdbc();
        for (Queued q : queued) {
            if (q.jdbc().getDataSource() != jdbc.getDataSource()) {
                throw new IllegalStateException("One pipeline writes through one data source");
            }
        }
        boolean committed = Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) connection -> {
            boolean together = Dialect.of(connection) == Dialect.POSTGRESQL;
            boolean withCommit = commit
                    && together
                    && queued.stream().allMatch(q -> q.statement().check() != MultiRowInsert.Check.BY_CALLER);
            if (together && (queued.size() > 1 || withCommit)) {
                runTogether(connection, withCommit);
                return withCommit;
            }
            for (Queued q : queued) {
                runAlone(connection, q.statement());
            }
            return false;
        }));
        queued.clear();
        return committed;
    }

    private void runTogether(Connection connection, boolean withCommit) throws SQLException {
        StringBuilder sql = new StringBuilder();
        for (Queued q : queued) {
            if (!sql.isEmpty()) {
                sql.append(";\n");
            }
            sql.append(q.statement().sql());
        }
        if (withCommit) {
            sql.append(";\ncommit");
        }
        try (PreparedStatement ps = connection.prepareStatement(sql.toString())) {
            int index = 1;
            for (Queued q : queued) {
                index = bind(ps, index, q.statement().params());
            }
            boolean resultSet = ps.execute();
            for (Queued q : queued) {
                if (q.statement().check() == MultiRowInsert.Check.IN_DATABASE) {
                    if (!resultSet) {
                        throw new IllegalStateException("A statement that checks its rows reported none: "
                                + q.statement().sql());
                    }
                    check(q.statement(), reported(ps.getResultSet()), withCommit);
                } else {
                    if (resultSet) {
                        throw new IllegalStateException("A queued statement returned rows: "
                                + q.statement().sql());
                    }
                    check(q.statement(), ps.getUpdateCount(), withCommit);
                }
                resultSet = ps.getMoreResults();
            }
        }
    }

    private static void runAlone(Connection connection, MultiRowInsert.Statement statement) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(statement.sql())) {
            bind(ps, 1, statement.params());
            if (statement.check() == MultiRowInsert.Check.IN_DATABASE) {
                try (ResultSet rs = ps.executeQuery()) {
                    check(statement, reported(rs), false);
                }
            } else {
                check(statement, ps.executeUpdate(), false);
            }
        }
    }

    /** The single value of a statement that reports its changed rows. */
    private static long reported(ResultSet rs) throws SQLException {
        if (!rs.next()) {
            throw new IllegalStateException("A statement that checks its rows reported none");
        }
        return rs.getLong(1);
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

    private static void check(MultiRowInsert.Statement statement, long count, boolean committed) {
        if (count != statement.rows()) {
            // After a COMMIT in the same round trip this cannot happen: an exact insert inserts all
            // its rows or fails, and a statement that checks its rows fails in the database.
            throw new IncorrectResultSizeDataAccessException(
                    (committed ? "Committed, yet changed " : "Changed ") + count + " rows instead of "
                            + statement.rows() + ": " + statement.sql(),
                    statement.rows(),
                    (int) count);
        }
    }
}
