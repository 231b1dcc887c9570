package io.wechatadvisor.decisions.store;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One decision as stored: the filter columns, the whole record as JSON, and the facets the insight
 * dashboard groups by (written, not read back: rows read from the store carry {@link Facets#NONE}).
 */
public record DecisionRow(UUID decisionId, String tenant, Instant decidedAt, String channel, String externalId,
        String primary, String rulesVersion, String json, Facets facets) {

    /** A row without facets (as read back, or written by a caller that has none). */
    public DecisionRow(UUID decisionId, String tenant, Instant decidedAt, String channel, String externalId,
            String primary, String rulesVersion, String json) {
        this(decisionId, tenant, decidedAt, channel, externalId, primary, rulesVersion, json, Facets.NONE);
    }

    /** This row without its record (the record is kept elsewhere). */
    public DecisionRow withoutJson() {
        return new DecisionRow(decisionId, tenant, decidedAt, channel, externalId, primary, rulesVersion, null, facets);
    }

    /** Copies of record fields, kept in columns so that the analytics are one GROUP BY each. */
    public record Facets(String entityType, String utmSource, List<String> unmetNeeds) {
        public static final Facets NONE = new Facets(null, null, List.of());
    }
}
