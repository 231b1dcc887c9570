package io.wechatadvisor.webhooks.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.wechatadvisor.decisions.domain.DecisionIds;
import io.wechatadvisor.decisions.store.DecisionOutbox;
import io.wechatadvisor.decisions.store.DecisionRow;
import io.wechatadvisor.webhooks.domain.Endpoint;
import io.wechatadvisor.webhooks.store.DeliveryStore;
import io.wechatadvisor.webhooks.store.EndpointRegistry;

/**
 * Writes one outbox row per decision and active endpoint of its tenant and channel, in the
 * decision's own transaction. Which endpoints there are is known from memory: a decision whose
 * tenant has none costs one map lookup.
 */
@ApplicationScoped
public class WebhookOutbox implements DecisionOutbox {

    private final EndpointRegistry endpoints;
    private final Events events;

    public WebhookOutbox(EndpointRegistry endpoints, Events events) {
        this.endpoints = endpoints;
        this.events = events;
    }

    @Override
    public boolean wants(DecisionRow row) {
        return endpoints.any() && !endpoints.active(row.tenant(), row.channel()).isEmpty();
    }

    @Override
    public void enqueue(Connection connection, List<DecisionRow> rows) throws SQLException {
        if (!endpoints.any()) {
            return;
        }
        List<DeliveryStore.NewDelivery> deliveries = new ArrayList<>();
        Instant now = Instant.now();
        for (DecisionRow row : rows) {
            List<Endpoint> targets = endpoints.active(row.tenant(), row.channel());
            if (targets.isEmpty() || row.json() == null) {
                // No endpoint wants it, or none did when it was answered (its record is not at hand).
                continue;
            }
            String payload = events.of(row.json());
            for (Endpoint endpoint : targets) {
                deliveries.add(new DeliveryStore.NewDelivery(DecisionIds.next(now.toEpochMilli()), endpoint.id(),
                        row.tenant(), row.decisionId(), payload, now));
            }
        }
        if (!deliveries.isEmpty()) {
            DeliveryStore.insert(connection, deliveries);
        }
    }
}
