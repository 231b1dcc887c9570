package io.wechatadvisor.decisions.store;

import java.time.Instant;
import java.util.UUID;

/** One decision as stored: the filter columns and the whole record as JSON. */
public record DecisionRow(UUID decisionId, String tenant, Instant decidedAt, String channel, String externalId,
        String primary, String rulesVersion, String json) {
}
