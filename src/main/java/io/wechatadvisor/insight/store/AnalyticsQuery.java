package io.wechatadvisor.insight.store;

import java.time.Instant;

/**
 * The decisions to count: those decided in [from, to), of one tenant, or of every tenant when
 * {@code tenant} is null (the admin).
 */
public record AnalyticsQuery(String tenant, Instant from, Instant to) {
}
