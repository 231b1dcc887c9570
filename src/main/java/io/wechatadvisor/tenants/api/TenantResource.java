package io.wechatadvisor.tenants.api;

import java.net.URI;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

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
import io.wechatadvisor.problem.Problem;
import io.wechatadvisor.problem.ProblemException;
import io.wechatadvisor.problem.ProblemType;
import io.wechatadvisor.recommendation.api.AdminAccess;
import io.wechatadvisor.tenants.config.TenancyConfig;
import io.wechatadvisor.tenants.domain.ApiKeys;
import io.wechatadvisor.tenants.domain.Tenant;
import io.wechatadvisor.tenants.domain.TenantKey;
import io.wechatadvisor.tenants.store.TenantRegistry;
import io.wechatadvisor.tenants.store.TenantStore;

/**
 * Tenants (agencies) and their API keys; every call needs the admin token. A key is shown once,
 * when it is made; only its SHA-256 hash is stored. Rotating keeps the previous keys valid for
 * {@code advisor.tenancy.key-grace} (24 h by default); revoking ends a key at once.
 */
@Path("/api/v1/tenants")
@Blocking
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tenants", description = "Agencies sharing the deployment, and their API keys (admin token)")
public class TenantResource {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    static final int MAX_ORIGINS = 50;
    static final int MAX_RATE_LIMIT = 1_000_000;

    private final TenantStore store;
    private final TenantRegistry registry;
    private final AdminAccess admin;
    private final TenancyConfig config;

    public TenantResource(TenantStore store, TenantRegistry registry, AdminAccess admin, TenancyConfig config) {
        this.store = store;
        this.registry = registry;
        this.admin = admin;
        this.config = config;
    }

    /** What a tenant is created with. */
    @Schema(name = "TenantRequest")
    public record TenantRequest(
            @Schema(description = "Lower-case letters, digits and '-', at most 64; public (the embed page names it)",
                    example = "acme", required = true) String id,
            @Schema(description = "Display name, at most 200 characters", example = "ACME Digital") String name,
            @Schema(description = "Exact origins that may frame the embed page and call the API from a browser",
                    example = "[\"https://www.acme.example\"]") List<String> allowedOrigins,
            @Schema(description = "Answering calls a minute, per replica (default advisor.tenancy.default-rate-limit-per-minute, 600)",
                    example = "600") Integer rateLimitPerMinute) {
    }

    /** A tenant, without secrets. */
    @Schema(name = "Tenant")
    public record TenantView(String id, String name, List<String> allowedOrigins, int rateLimitPerMinute,
            Instant createdAt, List<KeyView> keys) {
    }

    /** A key, without its secret. */
    @Schema(name = "TenantKey")
    public record KeyView(String keyId, Instant createdAt,
            @Schema(description = "Set once the key was rotated: it stops working then") Instant expiresAt,
            Instant revokedAt, boolean valid) {
    }

    /** A new key: the only time it is shown. */
    @Schema(name = "NewTenantKey")
    public record NewKey(String tenant, String keyId,
            @Schema(description = "Send as Authorization: Bearer <apiKey>. Shown only now; only its hash is kept.")
            String apiKey, TenantView tenantDetails) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a tenant", description = "Answers its first API key, shown only this once.")
    @APIResponse(responseCode = "201", description = "Created, with the key",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NewKey.class)))
    @APIResponse(responseCode = "400", description = "An invalid field")
    @APIResponse(responseCode = "401", description = "No or a wrong admin token")
    @APIResponse(responseCode = "409", description = "The id is taken")
    public RestResponse<NewKey> create(TenantRequest request,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) throws SQLException {
        admin.require(authorization);
        Tenant tenant = validated(request);
        String keyId = ApiKeys.newKeyId();
        String key = ApiKeys.newKey(keyId);
        if (!store.create(tenant, new TenantKey(keyId, tenant.id(), ApiKeys.hash(key), tenant.createdAt(), null, null))) {
            throw new ProblemException(ProblemType.CONFLICT.problem("The tenant " + tenant.id() + " exists."));
        }
        registry.reload();
        return RestResponse.ResponseBuilder.create(RestResponse.Status.CREATED, new NewKey(tenant.id(), keyId, key,
                view(registry.tenant(tenant.id())))).location(URI.create("/api/v1/tenants/" + tenant.id())).build();
    }

    @GET
    @Operation(summary = "Every tenant, without secrets")
    @APIResponse(responseCode = "401", description = "No or a wrong admin token")
    public List<TenantView> list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        admin.require(authorization);
        return registry.tenants().stream().map(this::view).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One tenant, without secrets")
    @APIResponse(responseCode = "404", description = "No such tenant")
    public TenantView get(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        admin.require(authorization);
        return view(existing(id));
    }

    @POST
    @Path("/{id}/keys")
    @Operation(summary = "Rotate: a new key",
            description = "The tenant's earlier keys keep working for advisor.tenancy.key-grace (24 h by default), "
                    + "then stop; revoke one to end it at once.")
    @APIResponse(responseCode = "201", description = "The new key, shown only this once",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NewKey.class)))
    @APIResponse(responseCode = "404", description = "No such tenant")
    public RestResponse<NewKey> rotate(@PathParam("id") String id,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) throws SQLException {
        admin.require(authorization);
        Tenant tenant = existing(id);
        Instant now = Instant.now();
        String keyId = ApiKeys.newKeyId();
        String key = ApiKeys.newKey(keyId);
        store.rotate(new TenantKey(keyId, tenant.id(), ApiKeys.hash(key), now, null, null), now.plus(config.keyGrace()));
        registry.reload();
        return RestResponse.ResponseBuilder.create(RestResponse.Status.CREATED,
                new NewKey(tenant.id(), keyId, key, view(tenant))).build();
    }

    @DELETE
    @Path("/{id}/keys/{keyId}")
    @Operation(summary = "Revoke a key at once")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "404", description = "No such tenant or key")
    public RestResponse<Void> revoke(@PathParam("id") String id, @PathParam("keyId") String keyId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) throws SQLException {
        admin.require(authorization);
        Tenant tenant = existing(id);
        if (!store.revoke(tenant.id(), keyId, Instant.now())) {
            throw notFound("The tenant " + tenant.id() + " has no key " + keyId + ".");
        }
        registry.reload();
        return RestResponse.noContent();
    }

    private Tenant existing(String id) {
        Tenant tenant = registry.tenant(id);
        if (tenant == null) {
            throw TenantAccess.unknownTenant(id);
        }
        return tenant;
    }

    private TenantView view(Tenant tenant) {
        Instant now = Instant.now();
        List<KeyView> keys = registry.keys(tenant.id()).stream()
                .map(k -> new KeyView(k.keyId(), k.createdAt(), k.expiresAt(), k.revokedAt(), k.validAt(now))).toList();
        return new TenantView(tenant.id(), tenant.name(), tenant.allowedOrigins(), tenant.rateLimitPerMinute(),
                tenant.createdAt(), keys);
    }

    private Tenant validated(TenantRequest request) {
        if (request == null) {
            throw new ProblemException(ProblemType.INVALID_REQUEST.problem("The body must be a tenant."));
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        if (request.id() == null || !ID.matcher(request.id()).matches() || request.id().equals(Tenant.DEFAULT)) {
            errors.add(new Problem.FieldError("id", "must be 1 to 64 lower-case letters, digits or '-', and not "
                    + Tenant.DEFAULT));
        }
        String name = request.name() == null || request.name().isBlank() ? request.id() : request.name().trim();
        if (name != null && name.length() > 200) {
            errors.add(new Problem.FieldError("name", "must be at most 200 characters"));
        }
        List<String> origins = request.allowedOrigins() == null ? List.of() : request.allowedOrigins();
        if (origins.size() > MAX_ORIGINS) {
            errors.add(new Problem.FieldError("allowedOrigins", "must hold at most " + MAX_ORIGINS + " origins"));
        }
        for (int i = 0; i < origins.size() && i < MAX_ORIGINS; i++) {
            if (!isOrigin(origins.get(i))) {
                errors.add(new Problem.FieldError("allowedOrigins[" + i + "]",
                        "must be an origin: https://host or http://host:port, nothing after it"));
            }
        }
        int limit = request.rateLimitPerMinute() == null ? config.defaultRateLimitPerMinute()
                : request.rateLimitPerMinute();
        if (limit < 1 || limit > MAX_RATE_LIMIT) {
            errors.add(new Problem.FieldError("rateLimitPerMinute", "must be from 1 to " + MAX_RATE_LIMIT));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST.problem("The tenant is not valid.", errors));
        }
        return new Tenant(request.id(), name, List.copyOf(origins), limit, Instant.now());
    }

    static boolean isOrigin(String origin) {
        if (origin == null || origin.length() > 253) {
            return false;
        }
        try {
            URI uri = URI.create(origin);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getRawPath().isEmpty() && uri.getRawQuery() == null && uri.getRawFragment() == null
                    && uri.getRawUserInfo() == null && origin.equals(uri.getScheme() + "://" + uri.getRawAuthority());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static ProblemException notFound(String detail) {
        return new ProblemException(ProblemType.NOT_FOUND.problem(detail));
    }
}
