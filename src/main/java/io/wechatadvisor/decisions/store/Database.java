package io.wechatadvisor.decisions.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.Startup;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.runtime.AgroalDataSourceUtil;
import io.wechatadvisor.decisions.config.DatabaseSelection;
import io.wechatadvisor.decisions.config.DecisionsConfig;

/**
 * The database decisions are kept in: PostgreSQL when {@code advisor.db.url} is set, else the
 * embedded one (see {@link DatabaseSelection}). Checked at start: a wrong URL stops the service.
 * Its schema is brought up to date ({@link Schema}) before any other bean can use it.
 */
@Startup
@ApplicationScoped
public class Database {

    private final AgroalDataSource dataSource;
    private final String name;

    public Database(DecisionsConfig config, Schema schema) throws SQLException {
        String url = config.db().url().filter(u -> !u.isBlank()).orElse(null);
        if (url != null && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalStateException("advisor.db.url must be a jdbc:postgresql: URL (or unset, for the "
                    + "embedded database); it starts with \"" + url.substring(0, Math.min(url.length(), 16)) + "\".");
        }
        this.name = url == null ? DatabaseSelection.EMBEDDED : DatabaseSelection.POSTGRESQL;
        this.dataSource = AgroalDataSourceUtil.dataSourceIfActive(name)
                .orElseThrow(() -> new IllegalStateException("The " + name + " datasource is not active."));
        schema.migrate(name, dataSource);
    }

    public AgroalDataSource dataSource() {
        return dataSource;
    }

    /** {@code embedded} or {@code postgresql}. */
    public String name() {
        return name;
    }

    /** Reads one result row into a value. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** Work on one connection, in one transaction. */
    @FunctionalInterface
    public interface Transaction<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in a transaction of its own: committed if it returns, rolled back if it throws. */
    public <T> T inTransaction(Transaction<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** Runs one statement with its parameters in a transaction of its own; answers how many rows it changed. */
    public int update(String sql, Object... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return execute(connection, sql, parameters);
        }
    }

    /** Runs one statement with its parameters on the caller's connection; answers how many rows it changed. */
    public static int execute(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        }
    }

    /** Runs one query with its parameters; answers its rows, in order, each read by {@code reader}. */
    public <T> List<T> query(String sql, RowReader<T> reader, Object... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return query(connection, sql, reader, parameters);
        }
    }

    /** Runs one query with its parameters on the caller's connection; answers its rows, in order. */
    public static <T> List<T> query(Connection connection, String sql, RowReader<T> reader, Object... parameters)
            throws SQLException {
        List<T> found = new ArrayList<>();
        try (PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                found.add(reader.read(rows));
            }
        }
        return found;
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
        return statement;
    }

    /** A time as the database columns hold it ({@code TIMESTAMP WITH TIME ZONE}, in UTC), or null. */
    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** A time column of a result row ({@code TIMESTAMP WITH TIME ZONE}) as an instant, or null. */
    public static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }
}
