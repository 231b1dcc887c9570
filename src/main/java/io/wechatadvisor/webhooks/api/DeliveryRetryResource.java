package io.wechatadvisor.webhooks.api;

import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.common.annotation.Blocking;
import io.wechatadvisor.problem.ProblemException;
import io.wechatadvisor.problem.ProblemType;
import io.wechatadvisor.webhooks.delivery.DeliveryWorker;
import io.wechatadvisor.webhooks.domain.Delivery;
import io.wechatadvisor.webhooks.domain.Endpoint;
import io.wechatadvisor.webhooks.store.DeliveryStore;
import io.wechatadvisor.webhooks.store.EndpointRegistry;

/** Sends one delivery again now: the admin token for any, a tenant key for its tenant's. */
@Path("/api/v1/deliveries")
@Blocking
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks")
public class DeliveryRetryResource {

    private final DeliveryStore deliveries;
    private final EndpointRegistry endpoints;
    private final DeliveryWorker worker;
    private final WebhookAccess access;

    public DeliveryRetryResource(DeliveryStore deliveries, EndpointRegistry endpoints, DeliveryWorker worker,
            WebhookAccess access) {
        this.deliveries = deliveries;
        this.endpoints = endpoints;
        this.worker = worker;
        this.access = access;
    }

    @POST
    @Path("/{deliveryId}/retry")
    @Operation(summary = "Send a delivery again now", description = "Whatever its status: the same body and "
            + "webhook-id, freshly signed. A failed delivery gets one more attempt.")
    @APIResponse(responseCode = "202", description = "Due now",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Delivery.class)))
    @APIResponse(responseCode = "404", description = "No such delivery (or not the key's tenant's)")
    @APIResponse(responseCode = "409", description = "Its endpoint is disabled (it answered 410 Gone)")
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

    private static ProblemException notFound(String id) {
        return new ProblemException(ProblemType.NOT_FOUND.problem("No delivery " + id + "."));
    }
}
