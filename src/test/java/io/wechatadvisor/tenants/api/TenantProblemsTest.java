package io.wechatadvisor.tenants.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.jboss.resteasy.reactive.RestResponse;
import org.junit.jupiter.api.Test;

import io.wechatadvisor.problem.Problem;

class TenantProblemsTest {

    @Test
    void aTenantOverItsLimitIs429WithRetryAfterAndTheRateLimitHeaders() {
        RestResponse<Problem> answer = new TenantProblems().rateLimited(new RateLimitedException("acme", 600, 17));

        assertThat(answer.getStatus()).isEqualTo(429);
        assertThat(answer.getMediaType()).hasToString(Problem.MEDIA_TYPE);
        assertThat(answer.getHeaders().getFirst("Retry-After")).hasToString("17");
        assertThat(answer.getHeaders().getFirst("RateLimit-Policy")).hasToString("\"tenant\";q=600;w=60");
        assertThat(answer.getHeaders().getFirst("RateLimit")).hasToString("\"tenant\";r=0;t=17");
        assertThat(answer.getEntity().type()).endsWith("/rate-limited");
        assertThat(answer.getEntity().detail()).isEqualTo("The tenant acme may make 600 calls a minute; try again in 17 s.");
    }
}
