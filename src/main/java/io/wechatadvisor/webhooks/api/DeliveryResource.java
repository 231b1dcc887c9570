package io.wechatadvisor.webhooks.api;

import java.sql.SQLException;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.common.annotation.Blocking;
import io.wechatadvisor.problem.QueryParameters;
import io.wechatadvisor.webhooks.domain.Delivery;
import io.wechatadvisor.webhooks.domain.DeliveryStatus;
import io.wechatadvisor.webhooks.store.DeliveryStore;

/** A tenant's delivery log: each attempt's time, status code, latency and error. */
@Path("/api/v1/tenants/{id}/deliveries")
@Blocking
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks")
public class DeliveryResource {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    private final DeliveryStore deliveries;
    private final WebhookAccess access;

    public DeliveryResource(DeliveryStore deliveries, WebhookAccess access) {
        this.deliveries = deliveries;
        this.access = access;
    }

    @GET
    @Operation(summary = "The tenant's deliveries, newest first, with every attempt")
    @APIResponse(responseCode = "400", description = "An unknown status or a limit out of range")
    @APIResponse(responseCode = "404", description = "No such tenant (or not the key's)")
    public List<Delivery> list(@PathParam("id") String id,
            @Parameter(description = "PENDING, RETRYING, DELIVERED or FAILED") @QueryParam("status") String status,
            @Parameter(description = "1 to 500, default 50") @QueryParam("limit") String limit,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) throws SQLException {
        String tenant = access.tenant(authorization, id);
        return deliveries.list(tenant, QueryParameters.oneOf("status", status, DeliveryStatus.class),
                QueryParameters.limit(limit, DEFAULT_LIMIT, MAX_LIMIT));
    }
}
