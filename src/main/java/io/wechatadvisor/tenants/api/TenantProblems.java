package io.wechatadvisor.tenants.api;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.wechatadvisor.problem.Problem;
import io.wechatadvisor.problem.ProblemMappers;
import io.wechatadvisor.problem.ProblemType;

/**
 * 429 for a tenant over its rate limit, with the headers of the IETF httpapi draft "RateLimit header
 * fields for HTTP" (draft-ietf-httpapi-ratelimit-headers-11): the policy (quota q per window w
 * seconds) and the current state (r remaining, t seconds until the window resets), plus Retry-After.
 */
public class TenantProblems {

    /** The name of the policy in the RateLimit headers. */
    static final String POLICY = "\"tenant\"";

    @ServerExceptionMapper
    public RestResponse<Problem> rateLimited(RateLimitedException e) {
        return ProblemMappers.answer(ProblemType.RATE_LIMITED.problem("The tenant " + e.tenant() + " may make "
                        + e.limit() + " calls a minute; try again in " + e.resetSeconds() + " s."), e.resetSeconds())
                .header("RateLimit-Policy", POLICY + ";q=" + e.limit() + ";w=" + RateLimits.WINDOW_SECONDS)
                .header("RateLimit", POLICY + ";r=0;t=" + e.resetSeconds())
                .build();
    }
}
