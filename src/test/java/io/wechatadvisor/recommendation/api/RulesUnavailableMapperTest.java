package io.wechatadvisor.recommendation.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.jboss.resteasy.reactive.RestResponse;
import org.junit.jupiter.api.Test;

import io.wechatadvisor.problem.Problem;

class RulesUnavailableMapperTest {

    @Test
    void noLiveRulesIs503WithRetryAfter() {
        RestResponse<Problem> answer = new RulesUnavailableMapper()
                .rulesUnavailable(new RulesUnavailableException("the first rule set is still loading"));

        assertThat(answer.getStatus()).isEqualTo(503);
        assertThat(answer.getMediaType()).hasToString(Problem.MEDIA_TYPE);
        assertThat(answer.getHeaders().getFirst("Retry-After")).hasToString("5");
        assertThat(answer.getEntity().type()).endsWith("/rules-unavailable");
        assertThat(answer.getEntity().detail())
                .isEqualTo("No rule set is live: the first rule set is still loading. Try again shortly.");
    }
}
