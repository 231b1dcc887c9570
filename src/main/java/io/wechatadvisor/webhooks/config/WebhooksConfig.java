package io.wechatadvisor.webhooks.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Signed webhooks: delivery, retries and which destinations are allowed ({@code advisor.webhooks.*}). */
@ConfigMapping(prefix = "advisor.webhooks")
public interface WebhooksConfig {

    /**
     * The wait before each attempt, the first one included (Standard Webhooks' schedule by default):
     * after the last one fails the delivery is FAILED. Each wait gets up to 10 % of jitter.
     */
    @WithDefault("0s,5s,5m,30m,2h,5h,10h,10h")
    List<Duration> retrySchedule();

    /**
     * Hosts that may be called over plain http and may resolve to loopback or private addresses
     * (tests, private networks). Every other endpoint must be https and public.
     */
    Optional<List<String>> allowHttpHosts();

    /** How long one attempt may take (connect, send, answer). */
    @WithDefault("10s")
    Duration requestTimeout();

    /** How often each replica looks for due deliveries. */
    @WithDefault("500ms")
    Duration pollInterval();

    /** The most attempts in flight at once, per replica. */
    @WithDefault("64")
    int maxInFlight();

    /** The most attempts in flight to one endpoint, per replica: a slow endpoint holds only these. */
    @WithDefault("4")
    int maxInFlightPerEndpoint();

    /** How long a rotated secret keeps signing beside the new one. */
    @WithDefault("24h")
    Duration secretGrace();

    /** How often each replica re-reads the endpoints (changes made through it apply at once). */
    @WithDefault("10s")
    Duration refreshInterval();

    /** The most endpoints one tenant may have. */
    @WithDefault("20")
    int maxEndpointsPerTenant();

    /**
     * This service's public address (https://advisor.agency.example), for {@code wechat_decision_url};
     * unset, that field holds the path alone ({@code /api/v1/decisions/{id}}).
     */
    Optional<String> publicUrl();
}
