package io.wechatadvisor.recommendation.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.enterprise.context.ApplicationScoped;

import io.wechatadvisor.problem.ProblemException;
import io.wechatadvisor.problem.ProblemType;
import io.wechatadvisor.config.AdvisorConfig;

/**
 * Guards the admin endpoints with {@code advisor.admin-token}, sent as {@code Authorization: Bearer …}.
 * Without the setting they stay off. The comparison takes the same time whatever the token.
 */
@ApplicationScoped
public class AdminAccess {

    private static final String BEARER = "Bearer ";

    private final byte[] token;

    public AdminAccess(AdvisorConfig config) {
        this.token = config.adminToken().filter(t -> !t.isBlank()).map(t -> t.getBytes(StandardCharsets.UTF_8))
                .orElse(null);
    }

    /** Returns if the header carries the admin token; otherwise ends the request with 401. */
    public void require(String authorization) {
        if (token == null) {
            throw unauthorized("This endpoint is off: the service has no admin token (advisor.admin-token).");
        }
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw unauthorized("Send the admin token as Authorization: Bearer <token>.");
        }
        byte[] sent = authorization.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(sent, token)) {
            throw unauthorized("The admin token is wrong.");
        }
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
