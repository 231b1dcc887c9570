package io.wechatadvisor.tenants.domain;

import java.time.Instant;
import java.util.List;

/**
 * An agency sharing the deployment: its id (public, named by its embed page), a display name, the
 * origins that may frame its embed page and call the API from a browser, and its rate limit.
 */
public record Tenant(String id, String name, List<String> allowedOrigins, int rateLimitPerMinute, Instant createdAt) {

    /** The tenant of calls without a key. It is not stored: it always exists. */
    public static final String DEFAULT = "default";
}
