package io.wechatadvisor.problem;

import java.util.List;

/** The kinds of problem the service answers, each with its status, type URI and title. */
public enum ProblemType {
    INVALID_REQUEST(400, "invalid-request", "The request is not valid"),
    NOT_FOUND(404, "not-found", "No such resource"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    NOT_ACCEPTABLE(406, "not-acceptable", "Cannot answer in the requested media type"),
    BODY_TOO_LARGE(413, "body-too-large", "The request body is too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "The body must be JSON"),
    UNAUTHORIZED(401, "unauthorized", "Authentication required"),
    FORBIDDEN(403, "forbidden-origin", "The origin is not allowed"),
    OTHER_TENANT(403, "other-tenant", "Another tenant's records"),
    NOT_RELOADABLE(409, "not-reloadable", "There is no rules directory to reload"),
    RULES_REFUSED(422, "rules-refused", "The rules were refused"),
    TOO_MANY_REQUESTS(429, "too-many-requests", "Too many requests"),
    SIMULATION_BUSY(429, "simulation-busy", "A simulation is already running"),
    RULES_UNAVAILABLE(503, "rules-unavailable", "The rules are not loaded"),
    RECORDING_UNAVAILABLE(503, "recording-unavailable", "The decision could not be recorded"),
    SIMULATION_TIMEOUT(503, "simulation-timeout", "The simulation did not finish in time"),
    CONFLICT(409, "conflict", "The request conflicts with the current state"),
    REQUEST_LINE_TOO_LONG(414, "request-line-too-long", "The request line is too long"),
    HEADERS_TOO_LARGE(431, "headers-too-large", "The request headers are too large"),
    IDEMPOTENCY_KEY_REUSED(422, "idempotency-key-reused", "The Idempotency-Key was used for another request"),
    RATE_LIMITED(429, "rate-limited", "Too many requests"),
    WEBHOOK_URL_REFUSED(422, "webhook-url-refused", "The webhook URL is not allowed"),
    INTERNAL(500, "internal", "Internal error"),
    NOT_IMPLEMENTED(501, "not-implemented", "Unknown HTTP method");

    private static final String BASE = "https://wechat-advisor.io/problems/";

    private final int status;
    private final String type;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.type = BASE + slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public Problem problem(String detail) {
        return new Problem(type, title, status, detail, null, null, null);
    }

    public Problem problem(String detail, List<Problem.FieldError> errors) {
        return new Problem(type, title, status, detail, null, errors, null);
    }

    /** A problem carrying the failure it reports (a refused rule set). */
    public Problem failure(String detail, Object failure) {
        return new Problem(type, title, status, detail, null, null, failure);
    }

    /** A problem with an {@code instance} id that the service log also holds. */
    public Problem instance(String detail, String instance) {
        return new Problem(type, title, status, detail, instance, null, null);
    }

    /** The problem for another HTTP error status, or {@code null} if none fits. */
    public static ProblemType ofStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status == status) {
                return type;
            }
        }
        return null;
    }
}
