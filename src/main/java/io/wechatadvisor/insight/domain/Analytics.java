package io.wechatadvisor.insight.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What the decisions of a period add up to: every number is an aggregate computed by the database.
 * Maps keyed by an enumeration (products, channels, entity types) list every value, zeros too, in
 * the enumeration's order, so that charts keep their colours and order from one period to the next.
 */
@Schema(name = "Analytics")
public record Analytics(
        @Schema(description = "Whose decisions are counted: every tenant's (the admin token without tenant), or "
                + "one tenant's (a tenant key: always its own).") Scope scope,
        @Schema(description = "The period counted: from inclusive, to exclusive (UTC).") Period period,
        @Schema(description = "How many decisions were made in the period.") long total,
        @Schema(description = "Decisions per primary product of the plan; adds up to total.",
                examples = "{\"SERVICE_ACCOUNT\": 12, \"MINI_PROGRAM_ENTERPRISE\": 3}") Map<String, Long> byPrimary,
        @Schema(description = "Every UTC day of the period, oldest first, days without decisions too.") List<Day> perDay,
        @Schema(description = "Decisions per entity type of the profile; NOT_RECORDED counts records made before "
                + "the type was kept in its own column.") Map<String, Long> entityTypes,
        @Schema(description = "The needs no recommended product covered, most frequent first: what an agency "
                + "could sell next.") List<NeedCount> unmetNeeds,
        @Schema(description = "Decisions per channel (API, BATCH, EMBED); adds up to total.") Map<String, Long> channels,
        @Schema(description = "Where leads came from: the context's utm_source.") UtmSources utmSources,
        @Schema(description = "Each rules version that answered in the period, oldest first.") List<RulesVersionSpan> rulesVersions,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "Webhook delivery health; absent while no webhook endpoints exist.") Deliveries deliveries) {

    /**
     * Whose decisions are counted: {@code allTenants} true (tenant and name null), or one tenant with its
     * display name (the id again for {@code default}, which has no stored name).
     */
    @Schema(name = "AnalyticsScope")
    public record Scope(boolean allTenants, String tenant, String name) {

        public static Scope everyTenant() {
            return new Scope(true, null, null);
        }

        public static Scope of(String tenant, String name) {
            return new Scope(false, tenant, name);
        }
    }

    public record Period(Instant from, Instant to) {
    }

    /** One UTC day: its decisions per primary product and per rules version (non-zero entries only). */
    public record Day(LocalDate day, long total, Map<String, Long> byPrimary, Map<String, Long> byRulesVersion) {
    }

    public record NeedCount(String need, long count) {
    }

    /**
     * The most frequent sources ({@code top}, at most ten), how many decisions came from any other source
     * ({@code others}) and how many carried none ({@code none}); together they add up to total.
     */
    public record UtmSources(List<SourceCount> top, long others, long none) {
    }

    public record SourceCount(String source, long count) {
    }

    /** A rules version: how many decisions it made in the period, its first and last of them. */
    public record RulesVersionSpan(String rulesVersion, long count, Instant first, Instant last) {
    }

    /**
     * Webhook deliveries of the period, for when tenants have endpoints: events delivered, waiting for a
     * retry, given up; latency of successful attempts.
     */
    public record Deliveries(long delivered, long retrying, long failed, Long latencyP50Millis,
            Long latencyP95Millis) {
    }
}
