package io.wechatadvisor.decisions.store;

import java.time.Instant;
import java.util.UUID;

/**
 * What to find: every field but {@code limit} may be null (no filter). {@code tenant} null means
 * every tenant (the admin). {@code before} is the keyset cursor: only ids smaller than it.
 */
public record DecisionQuery(String tenant, String externalId, Instant from, Instant to, String primary, String channel,
        UUID before, int limit) {
}
