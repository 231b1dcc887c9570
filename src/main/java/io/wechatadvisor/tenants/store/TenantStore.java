package io.wechatadvisor.tenants.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.wechatadvisor.decisions.store.Database;
import io.wechatadvisor.tenants.domain.Tenant;
import io.wechatadvisor.tenants.domain.TenantKey;

/** Plain JDBC over the {@code tenant} and {@code tenant_key} tables (see {@code db/decisions}). */
@ApplicationScoped
public class TenantStore {

    private static final HexFormat HEX = HexFormat.of();

    private final Database database;

    public TenantStore(Database database) {
        this.database = database;
    }

    public List<Tenant> tenants() throws SQLException {
        return database.query("SELECT tenant_id, name, allowed_origins, rate_limit_per_minute, created_at FROM tenant "
                + "ORDER BY tenant_id", rows -> {
                    String origins = rows.getString(3);
                    return new Tenant(rows.getString(1), rows.getString(2),
                            origins.isEmpty() ? List.of() : Arrays.asList(origins.split(" ")), rows.getInt(4),
                            Database.instant(rows, 5));
                });
    }

    public List<TenantKey> keys() throws SQLException {
        return database.query("SELECT key_id, tenant_id, key_hash, created_at, expires_at, revoked_at FROM tenant_key "
                + "ORDER BY created_at", rows -> new TenantKey(rows.getString(1), rows.getString(2),
                        HEX.parseHex(rows.getString(3)), Database.instant(rows, 4), Database.instant(rows, 5),
                        Database.instant(rows, 6)));
    }

    /** Stores a tenant with its first key; false if the id is taken. */
    public boolean create(Tenant tenant, TenantKey key) throws SQLException {
        try {
            return database.inTransaction(connection -> {
                Database.execute(connection, "INSERT INTO tenant (tenant_id, name, allowed_origins, "
                        + "rate_limit_per_minute, created_at) VALUES (?, ?, ?, ?, ?)", tenant.id(), tenant.name(),
                        String.join(" ", tenant.allowedOrigins()), tenant.rateLimitPerMinute(),
                        Database.utc(tenant.createdAt()));
                insertKey(connection, key);
                return true;
            });
        } catch (SQLException e) {
            if (isDuplicate(e)) {
                return false;
            }
            throw e;
        }
    }

    /** Adds a key and sets the end of the grace period of the tenant's other keys, in one transaction. */
    public void rotate(TenantKey key, Instant graceEnd) throws SQLException {
        database.inTransaction(connection -> {
            Database.execute(connection, "UPDATE tenant_key SET expires_at = ? WHERE tenant_id = ? AND revoked_at IS "
                    + "NULL AND (expires_at IS NULL OR expires_at > ?)", Database.utc(graceEnd), key.tenantId(),
                    Database.utc(graceEnd));
            insertKey(connection, key);
            return null;
        });
    }

    /** Revokes a key now; false if the tenant has no such key. */
    public boolean revoke(String tenantId, String keyId, Instant now) throws SQLException {
        return database.update("UPDATE tenant_key SET revoked_at = COALESCE(revoked_at, ?) WHERE tenant_id = ? "
                + "AND key_id = ?", Database.utc(now), tenantId, keyId) > 0;
    }

    /** Whether an SQL error is a unique key violation (SQLSTATE 23505 on H2 and PostgreSQL). */
    public static boolean isDuplicate(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    private static void insertKey(Connection connection, TenantKey key) throws SQLException {
        Database.execute(connection, "INSERT INTO tenant_key (key_id, tenant_id, key_hash, created_at) VALUES (?, ?, ?, ?)",
                key.keyId(), key.tenantId(), HEX.formatHex(key.hash()), Database.utc(key.createdAt()));
    }
}
