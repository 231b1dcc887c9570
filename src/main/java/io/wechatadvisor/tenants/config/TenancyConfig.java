package io.wechatadvisor.tenants.config;

import java.time.Duration;
import java.util.OptionalInt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Tenants (agencies), their keys and limits ({@code advisor.tenancy.*}). */
@ConfigMapping(prefix = "advisor.tenancy")
public interface TenancyConfig {

    /**
     * Whether every answering call must name its tenant (a tenant key, or the embed page's public
     * tenant). Off (the default), a call without a key belongs to the tenant {@code default}.
     */
    @WithDefault("false")
    boolean required();

    /** How long a key stays valid after it was rotated, so that callers can switch without downtime. */
    @WithDefault("24h")
    Duration keyGrace();

    /**
     * How often each replica re-reads tenants and keys from the database (keys are checked in memory,
     * never against the database on a request). A change made on this replica applies at once.
     */
    @WithDefault("10s")
    Duration refreshInterval();

    /** The rate limit of a tenant created without one, answers per minute per replica. */
    @WithDefault("600")
    int defaultRateLimitPerMinute();

    /** The rate limit of the tenant {@code default}, answers per minute per replica; unset, none. */
    OptionalInt defaultTenantRateLimitPerMinute();

    /** How long an Idempotency-Key's answer is kept for replays. */
    @WithDefault("24h")
    Duration idempotencyWindow();
}
