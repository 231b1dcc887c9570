package io.wechatadvisor.webhooks.api;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.common.annotation.Blocking;
import io.wechatadvisor.problem.Problem;
import io.wechatadvisor.problem.ProblemException;
import io.wechatadvisor.problem.ProblemType;
import io.wechatadvisor.webhooks.delivery.DeliveryWorker;
import io.wechatadvisor.webhooks.domain.Delivery;
import io.wechatadvisor.webhooks.domain.DeliveryStatus;
import io.wechatadvisor.webhooks.domain.Endpoint;
import io.wechatadvisor.webhooks.store.DeliveryStore;
import io.wechatadvisor.webhooks.store.EndpointRegistry;

/** The delivery log (each attempt's time, status code, latency and error), and sending one again now. */
@Path("/api/v1")
@Blocking
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks")
public class DeliveryResource {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    private final DeliveryStore deliveries;
    private final EndpointRegistry endpoints;
    private final DeliveryWorker worker;
    private final WebhookAccess access;

    public DeliveryResource(DeliveryStore deliveries, EndpointRegistry endpoints, DeliveryWorker worker,
            WebhookAccess access) {
        this.deliveries = deliveries;
        this.endpoints = endpoints;
        this.worker = worker;
        this.access = access;
    }

    @GET
    @Path("/tenants/{id}/deliveries")
    @Operation(summary = "The tenant's deliveries, newest first, with every attempt")
    @APIResponse(responseCode = "400", description = "An unknown status or a limit out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such tenant (or not the key's)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<Delivery> list(@PathParam("id") String id,
            @Parameter(description = "PENDING, RETRYING, DELIVERED or FAILED") @QueryParam("status") String status,
            @Parameter(description = "1 to 500, default 50") @QueryParam("limit") String limit,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) throws SQLException {
        String tenant = access.tenant(authorization, id);
        return deliveries.list(tenant, status(status), limit(limit));
    }

    @POST
    @Path("/deliveries/{deliveryId}/retry")
    @Operation(summary = "Send a delivery again now", description = "Whatever its status: the same body and "
            + "webhook-id, freshly signed. A failed delivery gets one more attempt.")
    @APIResponse(responseCode = "202", description = "Due now",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Delivery.class)))
    @APIResponse(responseCode = "404", description = "No such delivery (or not the key's tenant's)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Its endpoint is disabled (it answered 410 Gone)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<Delivery> retry(@PathParam("deliveryId") String deliveryId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) throws SQLException {
        String tenant = access.reader(authorization);
        UUID id = uuid(deliveryId);
        Delivery delivery = deliveries.find(tenant, id).orElseThrow(() -> notFound(deliveryId));
        Endpoint endpoint = endpoints.endpoint(delivery.webhookId());
        if (endpoint == null || !endpoint.active()) {
            throw new ProblemException(ProblemType.CONFLICT.problem("The endpoint " + delivery.webhookId()
                    + " is disabled (it answered 410 Gone): register it again to receive events."));
        }
        if (!deliveries.retryNow(tenant, id, Instant.now())) {
            throw notFound(deliveryId);
        }
        worker.wake();
        return RestResponse.ResponseBuilder.create(RestResponse.Status.ACCEPTED,
                deliveries.find(tenant, id).orElseThrow(() -> notFound(deliveryId))).build();
    }

    private static DeliveryStatus status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return DeliveryStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw invalid("status", "must be one of " + Arrays.toString(DeliveryStatus.values()));
        }
    }

    private static int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw invalid("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }

    private static UUID uuid(String id) {
        try {
            if (id.length() == 36) {
                return UUID.fromString(id);
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw notFound(id);
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(ProblemType.INVALID_REQUEST.problem("The " + field + " " + message + ".",
                List.of(new Problem.FieldError(field, message))));
    }

    private static ProblemException notFound(String id) {
        return new ProblemException(ProblemType.NOT_FOUND.problem("No delivery " + id + "."));
    }
}
