package io.wechatadvisor.decisions.store;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.wechatadvisor.decisions.domain.DecisionIds;

/**
 * Plain JDBC over the {@code decision} table (see {@code db/decisions}). Every statement filters on
 * the tenant unless the caller reads for every tenant (the admin). On the embedded database a row's
 * record is in the decision journal, at the position in {@code record_at} ({@link DecisionWriter}).
 */
@ApplicationScoped
public class DecisionStore {

    private static final String INSERT = "INSERT INTO decision (decision_id, tenant, decided_at, channel, external_id, "
            + "primary_product, rules_version, record, decided_day, entity_type, utm_source, record_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_UNMET = "INSERT INTO decision_unmet_need (decision_id, need) VALUES (?, ?)";
    private static final String COLUMNS = "SELECT decision_id, tenant, decided_at, channel, external_id, "
            + "primary_product, rules_version, record, record_at FROM decision";

    /** Reads rows one at a time; may throw to stop. */
    public interface RowConsumer {
        void accept(DecisionRow row) throws Exception;
    }

    private final Database database;
    private final DecisionWriter writer;

    public DecisionStore(Database database, DecisionWriter writer) {
        this.database = database;
        this.writer = writer;
    }

    /**
     * Inserts rows in one batch; the caller commits. With {@code positions} (the embedded database) each
     * row's record stays in the journal at its position; without, it goes into the row.
     */
    static void insert(Connection connection, List<DecisionRow> rows, long[] positions) throws SQLException {
        boolean unmet = false;
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (int i = 0; i < rows.size(); i++) {
                DecisionRow row = rows.get(i);
                OffsetDateTime decidedAt = OffsetDateTime.ofInstant(row.decidedAt(), ZoneOffset.UTC);
                insert.setObject(1, row.decisionId());
                insert.setString(2, row.tenant());
                insert.setObject(3, decidedAt);
                insert.setString(4, row.channel());
                setNullable(insert, 5, row.externalId());
                insert.setString(6, row.primary());
                insert.setString(7, row.rulesVersion());
                setNullable(insert, 8, positions == null ? row.json() : null);
                insert.setObject(9, decidedAt.toLocalDate());
                setNullable(insert, 10, row.facets().entityType());
                setNullable(insert, 11, row.facets().utmSource());
                if (positions == null) {
                    insert.setNull(12, Types.BIGINT);
                } else {
                    insert.setLong(12, positions[i]);
                }
                insert.addBatch();
                unmet |= !row.facets().unmetNeeds().isEmpty();
            }
            insert.executeBatch();
        }
        if (unmet) {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_UNMET)) {
                for (DecisionRow row : rows) {
                    for (String need : row.facets().unmetNeeds()) {
                        insert.setObject(1, row.decisionId());
                        insert.setString(2, need);
                        insert.addBatch();
                    }
                }
                insert.executeBatch();
            }
        }
    }

    /** How far the journal is stored: every frame at or before this position is in the database (or was removed). */
    static long storedTo(Connection connection) throws SQLException {
        List<Long> mark = Database.query(connection, "SELECT stored_to FROM decision_journal WHERE id = 1", row -> row.getLong(1));
        return mark.isEmpty() ? 0 : mark.get(0);
    }

    /** Marks the journal stored up to {@code position}, in the caller's transaction. */
    static void markStored(Connection connection, long position) throws SQLException {
        Database.execute(connection, "UPDATE decision_journal SET stored_to = ? WHERE id = 1", position);
    }

    /** The journal position of the oldest record kept there, or null if there is none. */
    static Long oldestRecordAt(Connection connection) throws SQLException {
        return Database.query(connection, "SELECT MIN(record_at) FROM decision", row -> (Long) row.getObject(1, Long.class))
                .get(0);
    }

    /** Which of these ids the database holds. */
    static Set<UUID> stored(Connection connection, List<UUID> ids) throws SQLException {
        Set<UUID> stored = new HashSet<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM decision WHERE decision_id = ?")) {
            for (UUID id : ids) {
                select.setObject(1, id);
                try (ResultSet rows = select.executeQuery()) {
                    if (rows.next()) {
                        stored.add(id);
                    }
                }
            }
        }
        return stored;
    }

    private static void setNullable(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    /** A record by id, also one answered a moment ago that is still on its way to the database. */
    public Optional<DecisionRow> find(String tenant, UUID id) throws SQLException {
        // First the records on their way: one leaves them only once the database holds it.
        Optional<DecisionRow> unstored;
        try {
            unstored = writer.unstored(id).filter(row -> tenant == null || tenant.equals(row.tenant()));
        } catch (IOException e) {
            throw unreadable(e);
        }
        if (unstored.isPresent()) {
            return unstored;
        }
        String sql = COLUMNS + " WHERE decision_id = ?" + (tenant == null ? "" : " AND tenant = ?");
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, id);
            if (tenant != null) {
                select.setString(2, tenant);
            }
            try (ResultSet rows = select.executeQuery(); DecisionJournal.Reader journal = writer.reader()) {
                return rows.next() ? Optional.ofNullable(row(rows, journal)) : Optional.empty();
            } catch (IOException e) {
                throw unreadable(e);
            }
        }
    }

    /** The rows of a query, newest first, at most {@code query.limit()}. */
    public List<DecisionRow> list(DecisionQuery query) throws SQLException {
        List<DecisionRow> found = new ArrayList<>(Math.min(query.limit(), 64));
        stream(query, found::add);
        return found;
    }

    /**
     * Hands the rows of a query to {@code consumer}, newest first, fetched a few hundred at a time so
     * that an export of any size never sits in memory. Every record answered before the call is among them.
     */
    public void stream(DecisionQuery query, RowConsumer consumer) throws SQLException {
        writer.awaitStored();
        List<Object> parameters = new ArrayList<>();
        StringBuilder sql = new StringBuilder(COLUMNS).append(" WHERE 1 = 1");
        condition(sql, parameters, "tenant = ?", query.tenant());
        condition(sql, parameters, "external_id = ?", query.externalId());
        condition(sql, parameters, "decided_at >= ?", Database.utc(query.from()));
        condition(sql, parameters, "decided_at < ?", Database.utc(query.to()));
        // The same period as ids (each carries its time), for the indexes: no index holds decided_at.
        condition(sql, parameters, "decision_id >= ?", query.from() == null ? null : DecisionIds.floor(query.from()));
        condition(sql, parameters, "decision_id < ?", query.to() == null ? null : DecisionIds.above(query.to()));
        condition(sql, parameters, "primary_product = ?", query.primary());
        condition(sql, parameters, "channel = ?", query.channel());
        condition(sql, parameters, "decision_id < ?", query.before());
        sql.append(" ORDER BY decision_id DESC");
        if (query.limit() > 0) {
            sql.append(" LIMIT ").append(query.limit());
        }
        try (Connection connection = database.dataSource().getConnection()) {
            // PostgreSQL fetches in pages only inside a transaction.
            connection.setAutoCommit(false);
            try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
                select.setFetchSize(500);
                for (int i = 0; i < parameters.size(); i++) {
                    select.setObject(i + 1, parameters.get(i));
                }
                try (ResultSet rows = select.executeQuery(); DecisionJournal.Reader journal = writer.reader()) {
                    while (rows.next()) {
                        DecisionRow row = row(rows, journal);
                        if (row != null) {
                            consumer.accept(row);
                        }
                    }
                }
            } catch (IOException e) {
                throw unreadable(e);
            } catch (SQLException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                // The consumer's own failure, such as a client that went away during an export.
                throw new SQLException("Reading decisions stopped: " + e.getMessage(), e);
            } finally {
                connection.commit();
            }
        }
    }

    /**
     * Erases every record of a lead; answers how many went. The journal's copies are overwritten (and
     * forced to the disk) before the rows go: a failure in between leaves rows whose records read as
     * gone, which the next erasure removes.
     */
    public int erase(String tenant, String externalId) throws SQLException {
        writer.awaitStored();
        String where = " WHERE external_id = ?" + (tenant == null ? "" : " AND tenant = ?");
        Object[] parameters = tenant == null ? new Object[] { externalId } : new Object[] { externalId, tenant };
        try {
            writer.erase(database.query("SELECT record_at FROM decision" + where + " AND record_at IS NOT NULL",
                    row -> row.getLong(1), parameters));
        } catch (IOException e) {
            throw new SQLException("The journal's copies of the records could not be erased: " + e.getMessage(), e);
        }
        return database.update("DELETE FROM decision" + where, parameters);
    }

    /** Erases every record decided before {@code cutoff}, and the journal segments left without a record; answers how many went. */
    public int purge(Instant cutoff) throws SQLException {
        writer.awaitStored();
        int purged = database.update("DELETE FROM decision WHERE decided_at < ? AND decision_id < ?", Database.utc(cutoff),
                DecisionIds.above(cutoff));
        try {
            writer.dropUnreferenced();
        } catch (IOException e) {
            throw new SQLException("Journal segments without records could not be deleted: " + e.getMessage(), e);
        }
        return purged;
    }

    /** How many records there are (every tenant). */
    public long count() throws SQLException {
        writer.awaitStored();
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM decision");
                ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }


    private static void condition(StringBuilder sql, List<Object> parameters, String condition, Object value) {
        if (value != null) {
            sql.append(" AND ").append(condition);
            parameters.add(value);
        }
    }


    /** A row read, its record from the journal if it is kept there; null if that record was erased meanwhile. */
    private static DecisionRow row(ResultSet rows, DecisionJournal.Reader journal) throws SQLException, IOException {
        String json = rows.getString(8);
        if (json == null) {
            long at = rows.getLong(9);
            if (rows.wasNull() || journal == null) {
                return null;
            }
            Optional<DecisionRow> journaled = journal.at(at);
            if (journaled.isEmpty()) {
                return null;
            }
            json = journaled.get().json();
        }
        return new DecisionRow(rows.getObject(1, UUID.class), rows.getString(2),
                rows.getObject(3, OffsetDateTime.class).toInstant(), rows.getString(4), rows.getString(5),
                rows.getString(6), rows.getString(7), json);
    }

    private static SQLException unreadable(IOException e) {
        return new SQLException("The decision journal could not be read: " + e.getMessage(), e);
    }
}
