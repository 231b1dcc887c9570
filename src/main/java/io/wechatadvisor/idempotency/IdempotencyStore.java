package io.wechatadvisor.idempotency;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.wechatadvisor.decisions.store.Database;
import io.wechatadvisor.tenants.store.TenantStore;

/** Plain JDBC over the {@code idempotent_request} table (see {@code db/decisions}). */
@ApplicationScoped
public class IdempotencyStore {

    /** A stored request: its body hash and, once answered, the answer ({@code response} null before). */
    public record Stored(String bodyHash, String decisionId, String contentLanguage, String response) {
    }

    private final Database database;

    public IdempotencyStore(Database database) {
        this.database = database;
    }

    /**
     * Claims a key for a tenant: null if this request is the first (within the window), else what
     * the earlier one stored. A claim older than {@code expiredBefore} is dropped first.
     */
    public Stored claim(String tenant, String key, String bodyHash, Instant now, Instant expiredBefore)
            throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            try (PreparedStatement expired = connection.prepareStatement("DELETE FROM idempotent_request "
                    + "WHERE tenant = ? AND idempotency_key = ? AND created_at < ?")) {
                expired.setString(1, tenant);
                expired.setString(2, key);
                expired.setObject(3, Database.utc(expiredBefore));
                expired.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO idempotent_request (tenant, "
                    + "idempotency_key, body_hash, created_at) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, tenant);
                insert.setString(2, key);
                insert.setString(3, bodyHash);
                insert.setObject(4, Database.utc(now));
                insert.executeUpdate();
                return null;
            } catch (SQLException e) {
                if (!TenantStore.isDuplicate(e)) {
                    throw e;
                }
            }
            try (PreparedStatement select = connection.prepareStatement("SELECT body_hash, decision_id, "
                    + "content_language, response FROM idempotent_request WHERE tenant = ? AND idempotency_key = ?")) {
                select.setString(1, tenant);
                select.setString(2, key);
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        throw new SQLException("The idempotency key vanished while it was claimed", "40001");
                    }
                    return new Stored(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4));
                }
            }
        }
    }

    /** Stores the answer of a claimed key. */
    public void complete(String tenant, String key, String decisionId, String contentLanguage, String response)
            throws SQLException {
        database.update("UPDATE idempotent_request SET decision_id = ?, content_language = ?, response = ? "
                + "WHERE tenant = ? AND idempotency_key = ?", decisionId, contentLanguage, response, tenant, key);
    }

    /** Gives up a claim whose request was not answered, so that a retry may try again. */
    public void release(String tenant, String key) throws SQLException {
        database.update("DELETE FROM idempotent_request WHERE tenant = ? AND idempotency_key = ? AND response IS NULL",
                tenant, key);
    }

    /** Deletes every key claimed before {@code cutoff}; answers how many went. */
    public int purge(Instant cutoff) throws SQLException {
        return database.update("DELETE FROM idempotent_request WHERE created_at < ?", Database.utc(cutoff));
    }


}
