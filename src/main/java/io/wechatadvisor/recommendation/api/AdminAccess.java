package io.wechatadvisor.recommendation.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

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

    public AdminAccess(AdvisorConfig config) {
        this.token = config.adminToken().filter(t -> !t.isBlank()).map(t -> t.getBytes(StandardCharsets.UTF_8))
                .orElse(null);
        this.attempts = new AdminAttempts(config.adminAttempts().maxFailures(), config.adminAttempts().window(),
                Clock.systemUTC());
    }

    /**
     * Returns if the header carries the admin token; otherwise ends the request with 401, or with 429
     * if {@code client} (its address) sent too many wrong tokens of late.
     */
    void require(String authorization, String clientAddress) {
        String client = clientAddress == null ? "unknown" : clientAddress;
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

    private static ProblemException unauthorized(String detail) {
        return new ProblemException(ProblemType.UNAUTHORIZED.problem(detail));
    }
}
