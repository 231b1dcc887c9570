package io.wechatadvisor.webhooks.api;

import java.net.URI;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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
import io.wechatadvisor.decisions.domain.Channel;
import io.wechatadvisor.problem.Problem;
import io.wechatadvisor.problem.ProblemException;
import io.wechatadvisor.problem.ProblemType;
import io.wechatadvisor.webhooks.config.WebhooksConfig;
import io.wechatadvisor.webhooks.delivery.Destinations;
import io.wechatadvisor.webhooks.domain.Endpoint;
import io.wechatadvisor.webhooks.domain.WebhookSecret;
import io.wechatadvisor.webhooks.store.EndpointRegistry;
import io.wechatadvisor.webhooks.store.WebhookStore;

/**
 * A tenant's webhook endpoints: register (the secret is shown once), list, delete, rotate the
 * secret. The admin token for any tenant, a tenant key for its own.
 */
@Path("/api/v1/tenants/{id}/webhooks")
@Blocking
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks", description = "Signed events (Standard Webhooks) for every decision of a tenant")
public class WebhookResource {

    private final WebhookStore store;
    private final EndpointRegistry registry;
    private final Destinations destinations;
    private final WebhookAccess access;
    private final WebhooksConfig config;

    public WebhookResource(WebhookStore store, EndpointRegistry registry, Destinations destinations,
            WebhookAccess access, WebhooksConfig config) {
        this.store = store;
        this.registry = registry;
        this.destinations = destinations;
        this.access = access;
        this.config = config;
    }

    @Schema(name = "WebhookRequest")
    public record WebhookRequest(
            @Schema(description = "https URL of at most 2048 characters, resolving to public addresses",
                    example = "https://crm.agency.example/hooks/advisor", required = true) String url,
            @Schema(description = "Which decisions make events; default all three",
                    example = "[\"EMBED\",\"API\",\"BATCH\"]") List<String> channels) {
    }

    @Schema(name = "Webhook")
    public record WebhookView(String id, String url, Set<Channel> channels, Instant createdAt,
            @Schema(description = "Set once the endpoint answered 410 Gone: it gets no more events") Instant disabledAt,
            String disabledReason,
            @Schema(description = "Until then the previous secret signs too (after a rotation)")
            Instant previousSecretUntil) {
    }

    @Schema(name = "NewWebhookSecret")
    public record WithSecret(String id, String url, Set<Channel> channels,
            @Schema(description = "whsec_ and the base64 of 32 random bytes: the HMAC key is those bytes. Shown "
                    + "only now.") String secret,
            @Schema(description = "After a rotation: until then events carry a signature by the previous secret too")
            Instant previousSecretUntil) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register an endpoint", description = "Every decision of the tenant on a listed channel then "
            + "makes one recommendation.created event, signed with the secret answered here (shown only once).")
    @APIResponse(responseCode = "201", description = "Registered, with its secret",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WithSecret.class)))
    @APIResponse(responseCode = "400", description = "Not an https URL, or an unknown channel")
    @APIResponse(responseCode = "404", description = "No such tenant (or not the key's)")
    @APIResponse(responseCode = "422", description = "The host does not resolve, or resolves to a loopback, private "
            + "or link-local address")
    public RestResponse<WithSecret> create(@PathParam("id") String id, WebhookRequest request,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) throws SQLException {
        String tenant = access.tenant(authorization, id);
        if (request == null) {
            throw new ProblemException(ProblemType.INVALID_REQUEST.problem("The body must be a webhook: {\"url\": …}."));
        }
        Set<Channel> channels = channels(request.channels());
        checked(request.url());
        if (registry.endpoints(tenant).size() >= config.maxEndpointsPerTenant()) {
            throw new ProblemException(ProblemType.CONFLICT.problem("The tenant " + tenant + " has "
                    + config.maxEndpointsPerTenant() + " endpoints, the most it may have; delete one first."));
        }
        Endpoint endpoint = new Endpoint("wh_" + java.util.UUID.randomUUID().toString().replace("-", ""), tenant,
                request.url(), channels, WebhookSecret.generate(), null, null, Instant.now(), null, null);
        store.create(endpoint);
        registry.reload();
        return RestResponse.ResponseBuilder.create(RestResponse.Status.CREATED, new WithSecret(endpoint.id(),
                endpoint.url(), endpoint.channels(), endpoint.secret(), null))
                .location(URI.create("/api/v1/tenants/" + tenant + "/webhooks/" + endpoint.id())).build();
    }

    @GET
    @Operation(summary = "The tenant's endpoints, without secrets")
    public List<WebhookView> list(@PathParam("id") String id,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return registry.endpoints(access.tenant(authorization, id)).stream().map(WebhookResource::view).toList();
    }

    @GET
    @Path("/{webhookId}")
    @Operation(summary = "One endpoint, without its secret")
    @APIResponse(responseCode = "404", description = "No such tenant or endpoint")
    public WebhookView get(@PathParam("id") String id, @PathParam("webhookId") String webhookId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return view(existing(access.tenant(authorization, id), webhookId));
    }

    @DELETE
    @Path("/{webhookId}")
    @Operation(summary = "Delete an endpoint", description = "Its undelivered events and its delivery log go with it.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such tenant or endpoint")
    public RestResponse<Void> delete(@PathParam("id") String id, @PathParam("webhookId") String webhookId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) throws SQLException {
        String tenant = access.tenant(authorization, id);
        if (!store.delete(tenant, webhookId)) {
            throw notFound(tenant, webhookId);
        }
        registry.reload();
        return RestResponse.noContent();
    }

    @POST
    @Path("/{webhookId}/rotate-secret")
    @Operation(summary = "Rotate the secret", description = "Answers the new secret, shown only now. For "
            + "advisor.webhooks.secret-grace (24 h by default) every event carries two signatures, by the new and "
            + "the previous secret, space-separated, so the receiver can switch without losing an event.")
    @APIResponse(responseCode = "200", description = "The new secret",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WithSecret.class)))
    @APIResponse(responseCode = "404", description = "No such tenant or endpoint")
    public WithSecret rotate(@PathParam("id") String id, @PathParam("webhookId") String webhookId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) throws SQLException {
        String tenant = access.tenant(authorization, id);
        Endpoint endpoint = existing(tenant, webhookId);
        String secret = WebhookSecret.generate();
        Instant until = Instant.now().plus(config.secretGrace());
        if (!store.rotate(tenant, webhookId, secret, until)) {
            throw notFound(tenant, webhookId);
        }
        registry.reload();
        return new WithSecret(endpoint.id(), endpoint.url(), endpoint.channels(), secret, until);
    }

    private Endpoint existing(String tenant, String webhookId) {
        Endpoint endpoint = registry.endpoint(webhookId);
        if (endpoint == null || !endpoint.tenant().equals(tenant)) {
            throw notFound(tenant, webhookId);
        }
        return endpoint;
    }

    private void checked(String url) {
        try {
            destinations.check(url);
        } catch (Destinations.Refused refused) {
            ProblemType type = refused.malformed() ? ProblemType.INVALID_REQUEST : ProblemType.WEBHOOK_URL_REFUSED;
            throw new ProblemException(type.problem(refused.getMessage(),
                    List.of(new Problem.FieldError("url", refused.getMessage()))));
        }
    }

    private static Set<Channel> channels(List<String> names) {
        if (names == null) {
            return EnumSet.allOf(Channel.class);
        }
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < names.size() && i < 10; i++) {
            try {
                channels.add(Channel.valueOf(names.get(i)));
            } catch (IllegalArgumentException | NullPointerException e) {
                errors.add(new Problem.FieldError("channels[" + i + "]", "must be one of API, BATCH, EMBED"));
            }
        }
        if (names.isEmpty() || names.size() > 10) {
            errors.add(new Problem.FieldError("channels", "must list 1 to 3 of API, BATCH, EMBED"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST.problem("The webhook is not valid.", errors));
        }
        return channels;
    }

    private static WebhookView view(Endpoint e) {
        Instant previous = e.previousUntil() != null && e.previousUntil().isAfter(Instant.now()) ? e.previousUntil()
                : null;
        return new WebhookView(e.id(), e.url(), e.channels(), e.createdAt(), e.disabledAt(), e.disabledReason(),
                previous);
    }

    private static ProblemException notFound(String tenant, String webhookId) {
        return new ProblemException(ProblemType.NOT_FOUND.problem("The tenant " + tenant + " has no webhook "
                + webhookId + "."));
    }
}
