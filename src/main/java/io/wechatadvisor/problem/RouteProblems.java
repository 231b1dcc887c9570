package io.wechatadvisor.problem;

import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.config.MeterFilter;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Problems met before a request reaches a resource: a made-up HTTP method is refused with 501 (and
 * never becomes a metrics series of its own), and a request that fails in routing (no Host header,
 * a path without a leading slash) gets a problem body instead of Quarkus' error page. What Vert.x and
 * Quarkus refuse before routing (a request line over 4 KB: 414, headers over 20 KB: 431, a malformed
 * %-encoding: 400) keeps their empty body: no hook reaches it (quarkusio/quarkus#55082).
 */
@ApplicationScoped
public class RouteProblems {

    private static final Logger LOG = Logger.getLogger(RouteProblems.class);

    /** Runs before every other filter, Quarkus' CORS filter (priority 300) included. */
    public static final int FILTER_PRIORITY = 1000;

    static final Set<String> KNOWN_METHODS = HttpMethod.values().stream().map(HttpMethod::name)
            .collect(Collectors.toUnmodifiableSet());

    /** The value of the {@code method} tag of every request whose method is not a standard one. */
    static final String OTHER_METHOD = "OTHER";

    private final ObjectMapper mapper;
    private final byte[] unknownMethod;

    public RouteProblems(ObjectMapper mapper) throws JsonProcessingException {
        this.mapper = mapper;
        this.unknownMethod = mapper.writeValueAsBytes(ProblemType.NOT_IMPLEMENTED.problem(
                "The service does not know this HTTP method; it takes GET, POST and OPTIONS."));
    }

    void register(@Observes Filters filters) {
        filters.register(this::knownMethodsOnly, FILTER_PRIORITY);
    }

    void register(@Observes Router router) {
        router.route().order(-FILTER_PRIORITY).failureHandler(this::failed);
    }

    /** One {@code method} tag for every made-up method, whatever the meter. */
    @Produces
    @Singleton
    MeterFilter oneTagForUnknownMethods() {
        return MeterFilter.replaceTagValues("method", method -> KNOWN_METHODS.contains(method) ? method : OTHER_METHOD);
    }

    private void knownMethodsOnly(RoutingContext context) {
        if (KNOWN_METHODS.contains(context.request().method().name())) {
            context.next();
        } else {
            send(context, ProblemType.NOT_IMPLEMENTED.status(), unknownMethod);
        }
    }

    private void failed(RoutingContext context) {
        if (context.response().headWritten()) {
            context.next();
            return;
        }
        int status = context.statusCode();
        ProblemType type = status < 400 ? null : ProblemType.ofStatus(status);
        Problem problem;
        if (status >= 500 || status < 400) {
            String id = "urn:uuid:" + UUID.randomUUID();
            LOG.errorf(context.failure(), "Unexpected error %s", id);
            problem = ProblemType.INTERNAL.instance(
                    "The service failed to answer this request; quote the instance id to support.", id);
        } else if (type == null || type == ProblemType.INVALID_REQUEST) {
            problem = ProblemType.INVALID_REQUEST.problem(
                    "The request is not valid HTTP: check its Host header and the %-encoding of its path.");
        } else {
            problem = type.problem(ProblemMappers.detail(type));
        }
        try {
            send(context, problem.status(), mapper.writeValueAsBytes(problem));
        } catch (JsonProcessingException e) {
            context.next();
        }
    }

    /** Ends the request with a problem body; the connection closes, as the request may be unread. */
    public static void send(RoutingContext context, int status, byte[] problem) {
        context.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(Buffer.buffer(problem));
    }
}
