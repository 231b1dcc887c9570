package io.wechatadvisor.insight.api;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.common.annotation.Blocking;
import io.wechatadvisor.insight.domain.Analytics;
import io.wechatadvisor.insight.store.AnalyticsQuery;
import io.wechatadvisor.insight.store.AnalyticsStore;
import io.wechatadvisor.problem.QueryParameters;
import io.wechatadvisor.tenants.api.TenantAccess;

/**
 * {@code GET /api/v1/analytics}: what the decision records of a period add up to, for the insight
 * dashboard ({@code /dashboard}). The admin token counts every tenant's decisions, or one tenant's with
 * {@code ?tenant=}; a tenant key counts its own tenant's only, always (naming another tenant is 403).
 * Aggregated by the database on a worker thread; the caller and the period are checked before any
 * work starts.
 */
@Path("/api/v1/analytics")
@Blocking
@Tag(name = "Insight", description = "What the advisor told leads, in aggregate (admin token or tenant key)")
public class AnalyticsResource {

    static final Duration DEFAULT_PERIOD = Duration.ofDays(30);
    static final Duration MAX_PERIOD = Duration.ofDays(366);

    private final AnalyticsStore store;
    private final TenantAccess access;
    private final Clock clock;

    @Inject
    public AnalyticsResource(AnalyticsStore store, TenantAccess access) {
        this(store, access, Clock.systemUTC());
    }

    AnalyticsResource(AnalyticsStore store, TenantAccess access, Clock clock) {
        this.store = store;
        this.access = access;
        this.clock = clock;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Aggregates of the decisions of a period",
            description = "Totals per primary product, per day (stacked by primary product and by rules version), "
                    + "per entity type, per channel and per utm_source, the most frequent unmet needs, and the rules "
                    + "versions that answered. Computed by the database. Without from and to: the last 30 days. A "
                    + "period is at most 366 days. The admin token counts every tenant, or the one named by tenant; "
                    + "a tenant key counts its own tenant only (scope says which).")
    @APIResponse(responseCode = "200", description = "The aggregates",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Analytics.class)))
    @APIResponse(responseCode = "400", description = "A from or to that cannot be read, from not before to, or a "
            + "period over 366 days")
    @APIResponse(responseCode = "401", description = "No or a wrong admin token or tenant key")
    @APIResponse(responseCode = "403", description = "A tenant key naming another tenant")
    @APIResponse(responseCode = "404", description = "The admin token naming a tenant that does not exist")
    public Analytics analytics(
            @Parameter(description = "From this time, inclusive: 2027-01-01 or 2027-01-01T08:00:00Z (default: 30 "
                    + "days before to)") @QueryParam("from") String from,
            @Parameter(description = "Up to this time, exclusive: 2027-02-01 or 2027-02-01T00:00:00Z (default: now)")
            @QueryParam("to") String to,
            @Parameter(description = "Admin token only: count this tenant's decisions only (default: every "
                    + "tenant). A tenant key always counts its own; naming another tenant is 403.")
            @QueryParam("tenant") String tenant,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) throws SQLException {
        return store.analytics(query(scope(authorization, tenant), from, to));
    }

    /** The period asked for, checked: both ends readable, from before to, at most {@link #MAX_PERIOD}. */
    AnalyticsQuery query(Analytics.Scope scope, String from, String to) {
        Instant end = QueryParameters.instant("to", to);
        Instant start = QueryParameters.instant("from", from);
        if (end == null) {
            end = start == null ? clock.instant() : min(start.plus(DEFAULT_PERIOD), clock.instant());
        }
        if (start == null) {
            start = end.minus(DEFAULT_PERIOD);
        }
        if (!start.isBefore(end)) {
            throw QueryParameters.invalid("from", "must be before to");
        }
        if (Duration.between(start, end).compareTo(MAX_PERIOD) > 0) {
            throw QueryParameters.invalid("to", "must be at most " + MAX_PERIOD.toDays() + " days after from");
        }
        return new AnalyticsQuery(scope, start, end);
    }

    /** Whose decisions the caller may count (401, 403 or 404 if it may not count what it asked). */
    private Analytics.Scope scope(String authorization, String named) {
        String tenant = access.reader(authorization, named);
        return tenant == null ? Analytics.Scope.everyTenant() : Analytics.Scope.of(tenant, access.name(tenant));
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
