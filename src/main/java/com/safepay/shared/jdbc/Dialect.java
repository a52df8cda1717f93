package com.safepay.shared.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/** The few places where PostgreSQL (production) and H2 (embedded default) need different SQL. */
public enum Dialect {
    POSTGRESQL,
    H2;

    public static Dialect of(DataSource dataSource) {
        try (var connection = dataSource.getConnection()) {
            return of(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot tell which database this is", e);
        }
    }

    /** The database of an open connection. */
    public static Dialect of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        return product.contains("postgres") ? POSTGRESQL : H2;
    }
}
