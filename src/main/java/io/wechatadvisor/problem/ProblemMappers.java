package io.wechatadvisor.problem;

import java.io.IOException;
import java.util.UUID;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error the REST layer meets becomes one {@link Problem}; nothing internal leaks into it. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    /** The Retry-After of a 503 that ends soon (the rules still load, the database is back shortly). */
    public static final long RETRY_SHORTLY_SECONDS = 5;

    @ServerExceptionMapper
    public RestResponse<Problem> unreadableJson(JsonProcessingException e) {
        return respond(InputProblems.of(e));
    }

    /** Replaces Quarkus' own mapper for this type, which answers 400 with an empty body. */
    @ServerExceptionMapper
    public RestResponse<Problem> mismatchedJson(MismatchedInputException e) {
        return respond(InputProblems.of(e));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> problem(ProblemException e) {
        return answer(e.problem(), e.retryAfterSeconds()).build();
    }

    @ServerExceptionMapper
    public RestResponse<Problem> invalid(ConstraintViolationException e) {
        return respond(InputProblems.of(e.getConstraintViolations()));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> http(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json);
        }
        int status = e.getResponse().getStatus();
        ProblemType type = ProblemType.ofStatus(status);
        if (type == null) {
            type = status >= 500 ? ProblemType.INTERNAL : ProblemType.INVALID_REQUEST;
        }
        return respond(type.problem(detail(type)));
    }

    /**
     * A body that fails while it is read. A chunked body over the size limit ends here after Quarkus
     * has already answered 413 (without a body); the client sees that answer.
     */
    @ServerExceptionMapper
    public RestResponse<Problem> unreadableBody(IOException e) {
        if ("Request too large".equals(e.getMessage())) {
            return respond(ProblemType.BODY_TOO_LARGE.problem("The body is larger than the service accepts."));
        }
        return respond(ProblemType.INVALID_REQUEST.problem("The body could not be read."));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unexpected(Throwable e) {
        return respond(internal(e));
    }

    /** Logs an unexpected failure under a fresh id and answers the 500 problem that quotes that id. */
    static Problem internal(Throwable e) {
        String id = "urn:uuid:" + UUID.randomUUID();
        LOG.errorf(e, "Unexpected error %s", id);
        return ProblemType.INTERNAL.instance(
                "The service failed to answer this request; quote the instance id to support.", id);
    }

    static String detail(ProblemType type) {
        return switch (type) {
            case NOT_FOUND -> "There is nothing at this path; see /q/swagger-ui for the API.";
            case METHOD_NOT_ALLOWED -> "This path does not take this HTTP method; see /q/swagger-ui for the API.";
            case NOT_ACCEPTABLE -> "The service answers application/json.";
            case UNSUPPORTED_MEDIA_TYPE -> "Send the body as application/json.";
            case BODY_TOO_LARGE -> "The body is larger than the service accepts.";
            default -> null;
        };
    }

    static RestResponse<Problem> respond(Problem problem) {
        return answer(problem, 0).build();
    }

    /**
     * The answer of a problem: its status, the problem+json body, and a Retry-After header of that many
     * seconds (none if 0). A mapper may add headers of its own before it builds it.
     */
    public static RestResponse.ResponseBuilder<Problem> answer(Problem problem, long retryAfterSeconds) {
        RestResponse.ResponseBuilder<Problem> answer = RestResponse.ResponseBuilder.<Problem>create(problem.status())
                .entity(problem).type(Problem.MEDIA_TYPE);
        return retryAfterSeconds > 0 ? answer.header("Retry-After", retryAfterSeconds) : answer;
    }
}
