package io.wechatadvisor.webhooks.store;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.wechatadvisor.decisions.store.StoredSnapshot;
import io.wechatadvisor.webhooks.domain.Endpoint;

/**
 * The endpoints in memory, so that recording a decision learns from a map lookup whether it makes
 * events (a tenant without endpoints costs nothing more). Read at start, after every change made
 * through this replica, and every {@code advisor.webhooks.refresh-interval} for changes made through
 * others.
 */
@Startup
@ApplicationScoped
public class EndpointRegistry {

    /** Every endpoint by id; the active ones by tenant and channel. */
    private record Snapshot(Map<String, Endpoint> byId, Map<String, List<Endpoint>> active) {
    }

    private final StoredSnapshot<Snapshot> snapshot;

    public EndpointRegistry(WebhookStore store) throws SQLException {
        this.snapshot = new StoredSnapshot<>(() -> read(store),
                "Re-reading webhook endpoints failed; the known ones keep serving");
    }

    private static Snapshot read(WebhookStore store) throws SQLException {
        List<Endpoint> endpoints = store.endpoints();
        Map<String, List<Endpoint>> active = new HashMap<>();
        for (Endpoint endpoint : endpoints) {
            if (endpoint.active()) {
                endpoint.channels().forEach(channel -> active
                        .computeIfAbsent(key(endpoint.tenant(), channel.name()), k -> new ArrayList<>()).add(endpoint));
            }
        }
        active.replaceAll((k, list) -> List.copyOf(list));
        return new Snapshot(endpoints.stream().collect(Collectors.toUnmodifiableMap(Endpoint::id,
                Function.identity())), Map.copyOf(active));
    }

    /** Re-reads the endpoints. */
    public void reload() throws SQLException {
        snapshot.reload();
    }

    @Scheduled(every = "${advisor.webhooks.refresh-interval:10s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        snapshot.refresh();
    }

    /** Whether any tenant has an active endpoint. */
    public boolean any() {
        return !snapshot.get().active().isEmpty();
    }

    /** The active endpoints a decision of this tenant and channel goes to (often none). */
    public List<Endpoint> active(String tenant, String channel) {
        return snapshot.get().active().getOrDefault(key(tenant, channel), List.of());
    }

    /** An endpoint, disabled ones too, or null. */
    public Endpoint endpoint(String webhookId) {
        return webhookId == null ? null : snapshot.get().byId().get(webhookId);
    }

    /** A tenant's endpoints, oldest first. */
    public List<Endpoint> endpoints(String tenant) {
        return snapshot.get().byId().values().stream().filter(e -> e.tenant().equals(tenant))
                .sorted((a, b) -> a.createdAt().compareTo(b.createdAt())).toList();
    }

    private static String key(String tenant, String channel) {
        return tenant + "\n" + channel;
    }
}
