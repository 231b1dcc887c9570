package io.wechatadvisor.decisions.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.jboss.resteasy.reactive.RestResponse;
import org.junit.jupiter.api.Test;

import io.wechatadvisor.decisions.store.RecordingFailedException;
import io.wechatadvisor.problem.Problem;

class DecisionProblemsTest {

    private final DecisionProblems mappers = new DecisionProblems();

    @Test
    void aRecordNotStoredIs503WithRetryAfterAndNoAnswer() {
        RestResponse<Problem> answer = mappers.recordingFailed(new RecordingFailedException("the journal is full"));

        assertThat(answer.getStatus()).isEqualTo(503);
        assertThat(answer.getMediaType()).hasToString(Problem.MEDIA_TYPE);
        assertThat(answer.getHeaders().getFirst("Retry-After")).hasToString("5");
        assertThat(answer.getEntity().type()).endsWith("/recording-unavailable");
        assertThat(answer.getEntity().detail()).contains("the journal is full").endsWith("Try again shortly.");
    }

    @Test
    void aDatabaseErrorIs503WithRetryAfterAndAnInstanceButNoSqlText() {
        RestResponse<Problem> answer = mappers.database(new SQLException("relation \"decision\" does not exist"));

        assertThat(answer.getStatus()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst("Retry-After")).hasToString("5");
        assertThat(answer.getEntity().instance()).isNotBlank();
        assertThat(answer.getEntity().detail()).doesNotContain("relation");
    }
}
