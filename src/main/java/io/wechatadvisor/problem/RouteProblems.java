package io.wechatadvisor.problem;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.config.MeterFilter;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.wechatadvisor.config.AdvisorConfig;

/**
 * Problems met before a request reaches a resource: a made-up HTTP method is refused with 501 (and
 * never becomes a metrics series of its own); a request line over {@code advisor.http.max-request-line}
 * (4 KB) with 414 and headers over {@code advisor.http.max-headers} (20 KB) with 431; a request that
 * fails in routing (no Host header, a path without a leading slash) gets a problem body instead of
 * Quarkus' error page.
 * <p>
 * Vert.x refuses an over-long request line or header section while decoding, before any handler, and
 * answers it with an empty body: Quarkus gives no hook to its {@code invalidRequestHandler}
 * (quarkusio/quarkus#55082). So Vert.x' own limits ({@code quarkus.http.limits.max-initial-line-length},
 * {@code max-header-size}) are set above the service's, and this filter refuses what lies between;
 * what is larger than Vert.x' limits still gets Vert.x' empty 414 or 431.
 * <p>
 * A request whose URI {@link java.net.URI} refuses (a malformed %-encoding such as {@code /%zz}, a
 * character like {@code |} or {@code {}) is answered 400 with an empty body by Quarkus' own root
 * handler, before the router, any filter or error handler. The only switch is the JVM property
 * {@code vertx.disableURIValidation}, read when Quarkus' HTTP recorder class loads (so no setting of
 * the application reaches it) and meant by Quarkus for benchmarks, not production (quarkusio/quarkus#25092).
 */
@ApplicationScoped
public class RouteProblems {

    /** Runs before every other filter, Quarkus' CORS filter (priority 300) included. */
    public static final int FILTER_PRIORITY = 1000;

    static final Set<String> KNOWN_METHODS = HttpMethod.values().stream().map(HttpMethod::name)
            .collect(Collectors.toUnmodifiableSet());

    /** The value of the {@code method} tag of every request whose method is not a standard one. */
    static final String OTHER_METHOD = "OTHER";

    /** The length of {@code HTTP/1.1} at the end of a request line. */
    private static final int VERSION_LENGTH = 8;

    private final ObjectMapper mapper;
    private final long maxRequestLine;
    private final long maxHeaders;
    private final byte[] unknownMethod;
    private final byte[] requestLineTooLong;
    private final byte[] headersTooLarge;

    public RouteProblems(ObjectMapper mapper, AdvisorConfig config) throws JsonProcessingException {
        this.mapper = mapper;
        this.maxRequestLine = config.http().maxRequestLine().asLongValue();
        this.maxHeaders = config.http().maxHeaders().asLongValue();
        this.unknownMethod = mapper.writeValueAsBytes(ProblemType.NOT_IMPLEMENTED.problem(
                "The service does not know this HTTP method; it takes GET, POST and OPTIONS."));
        this.requestLineTooLong = mapper.writeValueAsBytes(ProblemType.REQUEST_LINE_TOO_LONG.problem(
                "The request line (method, path with query, version) is longer than the limit of "
                        + maxRequestLine + " bytes."));
        this.headersTooLarge = mapper.writeValueAsBytes(ProblemType.HEADERS_TOO_LARGE.problem(
                "The headers are larger than the limit of " + maxHeaders + " bytes, all together."));
    }

    void register(@Observes Filters filters) {
        filters.register(this::screen, FILTER_PRIORITY);
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

    private void screen(RoutingContext context) {
        HttpServerRequest request = context.request();
        String method = request.method().name();
        if (!KNOWN_METHODS.contains(method)) {
            send(context, ProblemType.NOT_IMPLEMENTED.status(), unknownMethod);
        } else if (requestLineLength(method, request.uri()) > maxRequestLine) {
            send(context, ProblemType.REQUEST_LINE_TOO_LONG.status(), requestLineTooLong);
        } else if (headersLength(request.headers()) > maxHeaders) {
            send(context, ProblemType.HEADERS_TOO_LARGE.status(), headersTooLarge);
        } else {
            context.next();
        }
    }

    /** The request line as Vert.x counts it against its own limit: without the closing CRLF. */
    static long requestLineLength(String method, String uri) {
        return method.length() + 1 + uri.length() + 1 + VERSION_LENGTH;
    }

    /** The header lines as Vert.x counts them against its own limit: {@code name: value}, without CRLFs. */
    static long headersLength(MultiMap headers) {
        long length = 0;
        for (Map.Entry<String, String> header : headers) {
            length += header.getKey().length() + 2 + header.getValue().length();
        }
        return length;
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
            problem = ProblemMappers.internal(context.failure());
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
