package io.wechatadvisor.tenants.api;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.wechatadvisor.tenants.config.TenancyConfig;
import io.wechatadvisor.tenants.domain.Tenant;
import io.wechatadvisor.tenants.store.TenantRegistry;

/**
 * Per-tenant rate limit: at most {@code rateLimitPerMinute} answering calls a tenant in each fixed
 * minute window, counted in memory on each replica (behind N replicas a tenant gets up to N times its
 * limit). A batch counts as one call. Over the limit: {@link RateLimitedException} (429).
 */
@ApplicationScoped
public class RateLimits {

    static final int WINDOW_SECONDS = 60;

    private final TenantRegistry registry;
    private final int defaultTenantLimit;
    private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

    public RateLimits(TenantRegistry registry, TenancyConfig config) {
        this.registry = registry;
        this.defaultTenantLimit = config.defaultTenantRateLimitPerMinute().orElse(0);
    }

    /** Counts one call of the tenant; throws {@link RateLimitedException} when it is over its limit. */
    public void acquire(String tenantId) {
        int limit = limit(tenantId);
        if (limit <= 0) {
            return;
        }
        long now = System.currentTimeMillis();
        long windowStart = now - now % (WINDOW_SECONDS * 1000L);
        Window window = windows.compute(tenantId, (id, current) -> current == null || current.start != windowStart
                ? new Window(windowStart, 1) : new Window(windowStart, current.count + 1));
        if (window.count > limit) {
            long reset = Math.max(1, (windowStart + WINDOW_SECONDS * 1000L - now + 999) / 1000);
            throw new RateLimitedException(tenantId, limit, reset);
        }
    }

    private int limit(String tenantId) {
        if (Tenant.DEFAULT.equals(tenantId)) {
            return defaultTenantLimit;
        }
        Tenant tenant = registry.tenant(tenantId);
        return tenant == null ? 0 : tenant.rateLimitPerMinute();
    }

    private record Window(long start, int count) {
    }
}
