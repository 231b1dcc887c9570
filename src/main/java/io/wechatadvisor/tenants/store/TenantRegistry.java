package io.wechatadvisor.tenants.store;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.wechatadvisor.decisions.store.StoredSnapshot;
import io.wechatadvisor.tenants.domain.Tenant;
import io.wechatadvisor.tenants.domain.TenantKey;

/**
 * Tenants and keys in memory, so that a request never waits for the database to learn its tenant
 * (and never touches it on an event loop). Read at start, after every change made through this
 * replica, and every {@code advisor.tenancy.refresh-interval} for changes made through others.
 */
@Startup
@ApplicationScoped
public class TenantRegistry {

    private record Snapshot(Map<String, Tenant> tenants, Map<String, TenantKey> keys, Set<String> origins) {
    }

    private final StoredSnapshot<Snapshot> snapshot;

    public TenantRegistry(TenantStore store) throws SQLException {
        this.snapshot = new StoredSnapshot<>(() -> read(store),
                "Re-reading tenants failed; the known tenants and keys keep serving");
    }

    private static Snapshot read(TenantStore store) throws SQLException {
        List<Tenant> tenants = store.tenants();
        List<TenantKey> keys = store.keys();
        return new Snapshot(tenants.stream().collect(Collectors.toUnmodifiableMap(Tenant::id, Function.identity())),
                keys.stream().collect(Collectors.toUnmodifiableMap(TenantKey::keyId, Function.identity())),
                tenants.stream().flatMap(t -> t.allowedOrigins().stream()).collect(Collectors.toUnmodifiableSet()));
    }

    /** Re-reads tenants and keys. */
    public void reload() throws SQLException {
        snapshot.reload();
    }

    @Scheduled(every = "${advisor.tenancy.refresh-interval:10s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        snapshot.refresh();
    }

    /** A stored tenant, or null. */
    public Tenant tenant(String id) {
        return id == null ? null : snapshot.get().tenants().get(id);
    }

    /** Whether a tenant exists: a stored one, or {@code default}, which every deployment has (never stored). */
    public boolean exists(String id) {
        return Tenant.DEFAULT.equals(id) || tenant(id) != null;
    }

    /** Every stored tenant, by id. */
    public List<Tenant> tenants() {
        return snapshot.get().tenants().values().stream().sorted((a, b) -> a.id().compareTo(b.id())).toList();
    }

    /** Whether an origin is one of some tenant's allowedOrigins. */
    public boolean isTenantOrigin(String origin) {
        return snapshot.get().origins().contains(origin);
    }

    /** A stored key, or null. */
    public TenantKey key(String keyId) {
        return keyId == null ? null : snapshot.get().keys().get(keyId);
    }

    /** The keys of a tenant, oldest first. */
    public List<TenantKey> keys(String tenantId) {
        return snapshot.get().keys().values().stream().filter(k -> k.tenantId().equals(tenantId))
                .sorted((a, b) -> a.createdAt().compareTo(b.createdAt())).toList();
    }
}
