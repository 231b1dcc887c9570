package io.wechatadvisor.tenants.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.wechatadvisor.embed.CrossOrigin;
import io.wechatadvisor.tenants.store.TenantRegistry;

/**
 * CORS for tenants' origins: a host page on one of a tenant's {@code allowedOrigins} may call the
 * answering endpoints from the browser. Runs before {@link CrossOrigin} and Quarkus' own CORS filter
 * and only takes requests from such an origin; every other request goes on to them unchanged (the
 * global {@code quarkus.http.cors.origins}). A taken request continues with its origin in
 * {@link #VERIFIED_ORIGIN} instead of {@code Origin}, and {@link TenantAccess} checks that it is one of
 * the origins of the tenant the call belongs to (else 403).
 */
@ApplicationScoped
public class TenantCors {

    /** Internal request header: the origin this filter let through. Removed from every incoming request. */
    public static final String VERIFIED_ORIGIN = "Advisor-Verified-Origin";
    static final String PATH = "/api/v1/recommendations";
    static final String ALLOWED_HEADERS = "Content-Type, Accept, Accept-Language, Authorization, "
            + TenantAccess.TENANT_HEADER + ", Advisor-Channel, Idempotency-Key";
    static final String EXPOSED_HEADERS = "Decision-Id, Content-Language, Retry-After, RateLimit, RateLimit-Policy, "
            + "Idempotent-Replayed";

    private final TenantRegistry registry;

    public TenantCors(TenantRegistry registry) {
        this.registry = registry;
    }

    void register(@Observes Filters filters) {
        filters.register(this::filter, CrossOrigin.FILTER_PRIORITY + 1);
    }

    void filter(RoutingContext context) {
        HttpServerRequest request = context.request();
        MultiMap headers = request.headers();
        headers.remove(VERIFIED_ORIGIN);
        String origin = headers.get(HttpHeaders.ORIGIN);
        if (origin == null || !request.path().startsWith(PATH) || !registry.isTenantOrigin(origin)) {
            context.next();
            return;
        }
        MultiMap response = context.response().headers();
        response.set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        if (request.method() == HttpMethod.OPTIONS && headers.contains(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD)) {
            response.add(HttpHeaders.VARY, HttpHeaders.ORIGIN).set(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, "POST")
                    .set(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS)
                    .set(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "3600");
            context.response().setStatusCode(200).end();
            return;
        }
        response.set(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
        headers.remove(HttpHeaders.ORIGIN);
        headers.set(VERIFIED_ORIGIN, origin);
        context.next();
    }
}
