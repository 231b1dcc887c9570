package io.wechatadvisor.insight.store;

import java.time.Instant;

import io.wechatadvisor.insight.domain.Analytics;

/**
 * The decisions to count: those decided in [from, to), of the scope's tenant, or of every tenant
 * (the admin's scope, {@link #tenant()} null).
 */
public record AnalyticsQuery(Analytics.Scope scope, Instant from, Instant to) {

    /** The one tenant counted, or null for every tenant. */
    public String tenant() {
        return scope.allTenants() ? null : scope.tenant();
    }
}
