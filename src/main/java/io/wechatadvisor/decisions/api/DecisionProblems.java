package io.wechatadvisor.decisions.api;

import java.sql.SQLException;
import java.util.UUID;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.wechatadvisor.decisions.store.RecordingFailedException;
import io.wechatadvisor.problem.Problem;
import io.wechatadvisor.problem.ProblemMappers;
import io.wechatadvisor.problem.ProblemType;

/** A record that could not be stored, or a database that cannot be read: 503, never half an answer. */
public class DecisionProblems {

    private static final Logger LOG = Logger.getLogger(DecisionProblems.class);

    @ServerExceptionMapper
    public RestResponse<Problem> recordingFailed(RecordingFailedException e) {
        return unavailable(ProblemType.RECORDING_UNAVAILABLE.problem("The answer was not sent because its decision "
                + "record could not be stored (" + e.getMessage() + "). Try again shortly."));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> database(SQLException e) {
        String instance = UUID.randomUUID().toString();
        LOG.errorf(e, "Decision database error [%s]", instance);
        return unavailable(ProblemType.RECORDING_UNAVAILABLE.instance(
                "The decision database cannot be reached. Try again shortly.", instance));
    }

    private static RestResponse<Problem> unavailable(Problem problem) {
        return ProblemMappers.answer(problem, ProblemMappers.RETRY_SHORTLY_SECONDS).build();
    }
}
