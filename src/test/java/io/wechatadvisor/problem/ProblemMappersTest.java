package io.wechatadvisor.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.jboss.resteasy.reactive.RestResponse;
import org.junit.jupiter.api.Test;

class ProblemMappersTest {

    private final ProblemMappers mappers = new ProblemMappers();

    @Test
    void aProblemIsAnsweredWithItsStatusAsProblemJsonAndRetryAfterOnlyWhenItHasOne() {
        Problem busy = ProblemType.TOO_MANY_REQUESTS.problem("Wait.");

        RestResponse<Problem> waiting = mappers.problem(new ProblemException(busy, 7));
        assertThat(waiting.getStatus()).isEqualTo(429);
        assertThat(waiting.getMediaType()).hasToString(Problem.MEDIA_TYPE);
        assertThat(waiting.getEntity()).isEqualTo(busy);
        assertThat(waiting.getHeaders().getFirst("Retry-After")).hasToString("7");

        RestResponse<Problem> plain = mappers.problem(new ProblemException(ProblemType.NOT_FOUND.problem("None.")));
        assertThat(plain.getStatus()).isEqualTo(404);
        assertThat(plain.getHeaders()).doesNotContainKey("Retry-After");
    }

    @Test
    void anUnexpectedFailureIs500WithAnInstanceIdAndNothingOfTheFailure() {
        RestResponse<Problem> answer = mappers.unexpected(new IllegalStateException("secret at /srv/app/Foo.java"));

        assertThat(answer.getStatus()).isEqualTo(500);
        assertThat(answer.getEntity().type()).endsWith("/internal");
        assertThat(answer.getEntity().instance()).matches("urn:uuid:[0-9a-f-]{36}");
        assertThat(answer.getEntity().detail()).doesNotContain("secret", "IllegalStateException", "/srv");
    }
}
