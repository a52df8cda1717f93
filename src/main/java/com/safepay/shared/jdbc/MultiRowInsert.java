package com.safepay.shared.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * {@code insert into t (a, b) values (?, ?), (?, ?), …}: many rows in one statement and one round
 * trip, in the caller's transaction. Works the same on PostgreSQL and H2.
 */
public final class MultiRowInsert {

    /** Rows per statement; keeps the bind parameters well below PostgreSQL's 32,767. */
    private static final int CHUNK = 200;

    private final String table;
    private final String head;
    private final String row;
    private final int columns;
    private final String tail;

    /**
     * @param table the table and its columns, e.g. {@code "posting (entry_id, amount)"}
     * @param columns how many columns
     */
    public MultiRowInsert(String table, int columns) {
        this(table, columns, "(" + "?, ".repeat(columns - 1) + "?)");
    }

    /**
     * @param row the values of one row with one {@code ?} per bound value, e.g. {@code "(?, nextval('s'), ?)"}
     * @param values how many {@code ?} a row has
     */
    public MultiRowInsert(String table, int values, String row) {
        this(table, values, row, "");
    }

    private MultiRowInsert(String table, int values, String row, String tail) {
        if (row.chars().filter(c -> c == '?').count() != values) {
            throw new IllegalArgumentException("The row " + row + " does not have " + values + " values");
        }
        this.table = table;
        this.head = "insert into " + table + " values ";
        this.columns = values;
        this.row = row;
        this.tail = tail;
    }

    /** The same insert with a clause after the rows, e.g. {@code "on conflict (a) do nothing"} (no {@code ?}). */
    public MultiRowInsert then(String clause) {
        if (clause.indexOf('?') >= 0) {
            throw new IllegalArgumentException("The clause after the rows takes no values: " + clause);
        }
        return new MultiRowInsert(table, columns, row, tail + " " + clause);
    }

    /** Inserts the rows (each an array of the column values, Instants allowed). */
    public void insert(JdbcTemplate jdbc, List<Object[]> rows) {
        for (Statement statement : statements(rows)) {
            jdbc.update(statement.sql(), statement.params());
        }
    }

    /**
     * One statement: its SQL, its bind values and how many rows it must change (an insert's rows, or
     * what a guarded statement queued on a {@link StatementPipeline} promises to change).
     */
    public record Statement(String sql, Object[] params, int rows) {}

    /** The statements that insert the rows, without running them (see {@link StatementPipeline}). */
    public List<Statement> statements(List<Object[]> rows) {
        List<Statement> statements = new ArrayList<>(1 + rows.size() / CHUNK);
        for (int from = 0; from < rows.size(); from += CHUNK) {
            List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK));
            statements.add(new Statement(sql(chunk.size()), flatten(chunk), chunk.size()));
        }
        return statements;
    }

    /**
     * Inserts the rows and returns the generated {@code keyColumns} of each inserted row, mapped by
     * {@code keys}, in no promised order (match them by a key column).
     */
    public <K> List<K> insertReturning(JdbcTemplate jdbc, List<Object[]> rows, String[] keyColumns, RowMapper<K> keys) {
        List<K> result = new ArrayList<>(rows.size());
        for (int from = 0; from < rows.size(); from += CHUNK) {
            List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK));
            String sql = sql(chunk.size());
            Object[] values = flatten(chunk);
            result.addAll(jdbc.execute((ConnectionCallback<List<K>>) connection -> {
                try (PreparedStatement statement = connection.prepareStatement(sql, keyColumns)) {
                    for (int i = 0; i < values.length; i++) {
                        statement.setObject(i + 1, values[i]);
                    }
                    statement.executeUpdate();
                    List<K> generated = new ArrayList<>(chunk.size());
                    try (ResultSet rs = statement.getGeneratedKeys()) {
                        int n = 0;
                        while (rs.next()) {
                            generated.add(keys.mapRow(rs, n++));
                        }
                    }
                    return generated;
                }
            }));
        }
        return result;
    }

    private String sql(int rowCount) {
        StringBuilder sql = new StringBuilder(head.length() + rowCount * (row.length() + 2));
        sql.append(head);
        for (int i = 0; i < rowCount; i++) {
            if (i > 0) {
                sql.append(", ");
            }
            sql.append(row);
        }
        return sql.append(tail).toString();
    }

    private Object[] flatten(List<Object[]> chunk) {
        Object[] values = new Object[chunk.size() * columns];
        int i = 0;
        for (Object[] r : chunk) {
            if (r.length != columns) {
                throw new IllegalArgumentException("Expected " + columns + " values, got " + r.length);
            }
            for (Object value : r) {
                values[i++] = value instanceof Instant instant ? Timestamp.from(instant) : value;
            }
        }
        return values;
    }

    /** {@code ?, ?, ?} for an IN list of {@code n} values. */
    public static String placeholders(int n) {
        return "?, ".repeat(Math.max(0, n - 1)) + "?";
    }
}
