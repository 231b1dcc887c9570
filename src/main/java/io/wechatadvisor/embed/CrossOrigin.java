package io.wechatadvisor.embed;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.vertx.http.runtime.cors.CORSFilter;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.wechatadvisor.problem.ProblemType;
import io.wechatadvisor.problem.RouteProblems;
import io.wechatadvisor.tenants.api.TenantAccess;
import io.wechatadvisor.tenants.store.TenantRegistry;

/**
 * The one origin filter, in front of Quarkus' CORS filter; every answer carries {@code Vary: Origin},
 * so a cache never serves one origin's answer to another. In this order:
 * <ol>
 * <li>A tenant's origin (one of some tenant's {@code allowedOrigins}) calling the answering endpoints
 * ({@value #TENANT_PATH}…): answered here, whatever {@code quarkus.http.cors.*} says. A preflight is
 * answered at once; a call goes on with its origin in {@link #VERIFIED_ORIGIN} instead of
 * {@code Origin}, and {@link TenantAccess} checks that it is one of the origins of the tenant the call
 * belongs to (else 403).</li>
 * <li>A call from the service's own site (the Origin's host and port are the request's Host, or the
 * X-Forwarded-Host a proxy set) is never refused, whatever the scheme: behind a proxy that ends TLS
 * the service sees http while the page is https. Such a call is same-origin, so its Origin header is
 * dropped and CORS does not apply to it.</li>
 * <li>A foreign origin outside {@code quarkus.http.cors.origins} gets a 403 problem; an allowed one
 * goes on to Quarkus' filter, which answers preflights and adds the CORS headers.</li>
 * </ol>
 */
@ApplicationScoped
public class CrossOrigin {

    /** Before Quarkus' CORS filter (priority 300), after {@link RouteProblems}. */
    public static final int FILTER_PRIORITY = 400;

    /** Internal request header: the tenant origin this filter let through. Removed from every incoming request. */
    public static final String VERIFIED_ORIGIN = "Advisor-Verified-Origin";
    static final String TENANT_PATH = "/api/v1/recommendations";
    static final String TENANT_ALLOWED_HEADERS = "Content-Type, Accept, Accept-Language, Authorization, "
            + TenantAccess.TENANT_HEADER + ", Advisor-Channel, Idempotency-Key";
    static final String TENANT_EXPOSED_HEADERS = "Decision-Id, Content-Language, Retry-After, RateLimit, "
            + "RateLimit-Policy, Idempotent-Replayed";

    private static final String FORWARDED_HOST = "X-Forwarded-Host";

    private final TenantRegistry tenants;
    private final boolean enabled;
    private final List<String> origins;
    private final List<Pattern> patterns;
    private final byte[] refused;

    public CrossOrigin(@ConfigProperty(name = "quarkus.http.cors.enabled", defaultValue = "false") boolean enabled,
            @ConfigProperty(name = "quarkus.http.cors.origins") Optional<List<String>> origins, ObjectMapper mapper,
            TenantRegistry tenants) throws JsonProcessingException {
        this.tenants = tenants;
        this.enabled = enabled;
        this.origins = origins.orElse(List.of());
        this.patterns = CORSFilter.parseAllowedOriginsRegex(origins);
        this.refused = mapper.writeValueAsBytes(ProblemType.FORBIDDEN.problem("This origin may not call the API from "
                + "a browser; the service's operator can allow it in quarkus.http.cors.origins."));
    }

    void register(@Observes Filters filters) {
        filters.register(this::filter, FILTER_PRIORITY);
    }

    private void filter(RoutingContext context) {
        context.response().headers().add(HttpHeaders.VARY, "Origin");
        HttpServerRequest request = context.request();
        request.headers().remove(VERIFIED_ORIGIN);
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin != null && request.path().startsWith(TENANT_PATH) && tenants.isTenantOrigin(origin)) {
            fromTenant(context, origin);
        } else if (!enabled || origin == null) {
            context.next();
        } else if (isOwnSite(origin, request)) {
            request.headers().remove(HttpHeaders.ORIGIN);
            context.next();
        } else if (isAllowed(origin)) {
            context.next();
        } else {
            RouteProblems.send(context, ProblemType.FORBIDDEN.status(), refused);
        }
    }

    /** A call from one of a tenant's origins: its preflight answered, or the call passed on as verified. */
    private static void fromTenant(RoutingContext context, String origin) {
        MultiMap headers = context.request().headers();
        MultiMap response = context.response().headers();
        response.set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        if (context.request().method() == HttpMethod.OPTIONS
                && headers.contains(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD)) {
            response.set(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, "POST")
                    .set(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, TENANT_ALLOWED_HEADERS)
                    .set(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "3600");
            context.response().setStatusCode(200).end();
            return;
        }
        response.set(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, TENANT_EXPOSED_HEADERS);
        headers.remove(HttpHeaders.ORIGIN);
        headers.set(VERIFIED_ORIGIN, origin);
        context.next();
    }

    private boolean isAllowed(String origin) {
        return origins.contains("*") || origins.contains(origin) || CORSFilter.isOriginAllowedByRegex(patterns, origin);
    }

    /** Whether the origin names the host and port this request was sent to, at the client or at a proxy. */
    static boolean isOwnSite(String origin, HttpServerRequest request) {
        URI uri;
        try {
            uri = new URI(origin);
        } catch (Exception e) {
            return false;
        }
        String scheme = uri.getScheme();
        if (uri.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
            return false;
        }
        String forwarded = request.getHeader(FORWARDED_HOST);
        if (forwarded != null) {
            return sameAuthority(uri, forwarded.split(",")[0].trim());
        }
        String host = request.getHeader(HttpHeaders.HOST);
        return host != null && sameAuthority(uri, host);
    }

    /** Host names equal; ports equal, where a Host without a port stands for a default one (80 or 443). */
    private static boolean sameAuthority(URI origin, String authority) {
        int colon = authority.lastIndexOf(':');
        boolean hasPort = colon > authority.lastIndexOf(']');
        String host = hasPort ? authority.substring(0, colon) : authority;
        if (!host.equalsIgnoreCase(origin.getHost())) {
            return false;
        }
        int originPort = origin.getPort() >= 0 ? origin.getPort() : "https".equals(origin.getScheme()) ? 443 : 80;
        if (!hasPort) {
            return originPort == 80 || originPort == 443;
        }
        try {
            return Integer.parseInt(authority.substring(colon + 1)) == originPort;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
