package io.wechatadvisor.problem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers a body whose {@code Content-Length} is over {@code quarkus.http.limits.max-body-size} with a
 * 413 problem, before Quarkus would answer an empty 413. A chunked body (no length) that overflows
 * is still refused by Quarkus while it is read: 413, without a body.
 */
@ApplicationScoped
public class BodyLimit {

    /** Just before Quarkus' own upload limit (RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT = -2). */
    static final int ROUTE_ORDER = -3;

    private final long limit;
    private final byte[] body;

    public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit, ObjectMapper mapper)
            throws JsonProcessingException {
        this.limit = limit.asLongValue();
        this.body = mapper.writeValueAsBytes(ProblemType.BODY_TOO_LARGE.problem(
                "The body is larger than the limit of " + this.limit + " bytes."));
    }

    void register(@Observes Router router) {
        router.route().order(ROUTE_ORDER).handler(this::checkLength);
    }

    private void checkLength(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > limit) {
                    tooLarge(context);
                    return;
                }
            } catch (NumberFormatException e) {
                // not ours to judge: Vert.x refuses a malformed Content-Length itself
            }
        }
        context.next();
    }

    private void tooLarge(RoutingContext context) {
        RouteProblems.send(context, ProblemType.BODY_TOO_LARGE.status(), body);
    }
}
