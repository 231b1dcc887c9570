package io.wechatadvisor.decisions.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import org.flywaydb.core.Flyway;

import io.quarkus.flyway.FlywayDataSource;

/**
 * The decisions schema, brought up to date at start. On a database whose schema history is
 * current (every migration succeeded, the newest is {@link #NEWEST}) one query decides it and
 * Flyway does not run (no scan, validation or lock); otherwise (a new database, an upgrade, a
 * replica starting before another finished) Flyway migrates, under its own lock. Quarkus' own
 * start actions are off ({@code quarkus.flyway."<ds>".active=false}): they would run Flyway at
 * every start. Quarkus still builds the active datasource's {@code Flyway} object at start.
 */
@ApplicationScoped
public class Schema {

    /** The newest migration under {@code db/decisions} (a test checks it against the files). */
    public static final String NEWEST = "5";

    private static final String HISTORY = "SELECT \"version\", \"success\" FROM \"flyway_schema_history\" "
            + "ORDER BY \"installed_rank\" DESC";

    private final Instance<Flyway> flyways;

    public Schema(@Any Instance<Flyway> flyways) {
        this.flyways = flyways;
    }

    /** Migrates the database of the datasource {@code name} unless its schema is current already. */
    void migrate(String name, DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (isCurrent(connection)) {
                return;
            }
        }
        flyways.select(FlywayDataSource.FlywayDataSourceLiteral.of(name)).get().migrate();
    }

    /**
     * Whether the schema history says every migration succeeded and the newest applied is
     * {@link #NEWEST}; false too when there is no history yet.
     */
    static boolean isCurrent(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(HISTORY)) {
            String newest = null;
            while (rows.next()) {
                if (!rows.getBoolean(2)) {
                    return false;
                }
                if (newest == null) {
                    newest = rows.getString(1);
                }
            }
            return NEWEST.equals(newest);
        } catch (SQLException noHistory) {
            if (!autoCommit) {
                connection.rollback();   // PostgreSQL refuses the transaction's next statement otherwise
            }
            return false;
        }
    }
}
