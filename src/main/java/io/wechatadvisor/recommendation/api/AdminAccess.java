package io.wechatadvisor.recommendation.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

import io.wechatadvisor.problem.ProblemException;
import io.wechatadvisor.problem.ProblemType;
import io.wechatadvisor.config.AdvisorConfig;

/**
 * Guards the admin endpoints with {@code advisor.admin-token}, sent as {@code Authorization: Bearer …}.
 * Without the setting they stay off. The comparison takes the same time whatever the token. An
 * address that sends {@code advisor.admin-attempts.max-failures} wrong tokens within
 * {@code advisor.admin-attempts.window} gets 429 with Retry-After, whatever it sends, until the
 * window ends.
 */
@ApplicationScoped
public class AdminAccess {

    private static final String BEARER = "Bearer ";

    private final byte[] token;
    private final AdminAttempts attempts;
    private final CurrentVertxRequest request;

    public AdminAccess(AdvisorConfig config, CurrentVertxRequest request) {
        this.request = request;
        this.token = config.adminToken().filter(t -> !t.isBlank()).map(t -> t.getBytes(StandardCharsets.UTF_8))
                .orElse(null);
        this.attempts = new AdminAttempts(config.adminAttempts().maxFailures(), config.adminAttempts().window(),
                Clock.systemUTC());
    }

    /**
     * Returns if the header carries the admin token; otherwise ends the request with 401, or with 429
     * if the client's address sent too many wrong tokens of late.
     */
    public void require(String authorization) {
        String client = clientAddress();
        if (token == null) {
            throw unauthorized("This endpoint is off: the service has no admin token (advisor.admin-token).");
        }
        long blocked = attempts.blockedSeconds(client);
        if (blocked > 0) {
            throw new ProblemException(ProblemType.TOO_MANY_REQUESTS.problem("Too many wrong admin tokens from this "
                    + "address; try again in " + blocked + " s."), blocked);
        }
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            attempts.failed(client);
            throw unauthorized("Send the admin token as Authorization: Bearer <token>.");
        }
        byte[] sent = authorization.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(sent, token)) {
            attempts.failed(client);
            throw unauthorized("The admin token is wrong.");
        }
    }

    private String clientAddress() {
        RoutingContext current = request.getCurrent();
        SocketAddress address = current == null ? null : current.request().remoteAddress();
        return address == null ? "unknown" : address.hostAddress();
    }

    /** Whether the header carries the admin token (false when the service has none). */
    public boolean isAdmin(String authorization) {
        return token != null && MessageDigest.isEqual(bearer(authorization).getBytes(StandardCharsets.UTF_8), token);
    }

    /** The token of an {@code Authorization: Bearer …} header, or an empty string. */
    public static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return "";
        }
        return authorization.substring(BEARER.length()).trim();
    }

    private static ProblemException unauthorized(String detail) {
        return new ProblemException(ProblemType.UNAUTHORIZED.problem(detail));
    }
}
