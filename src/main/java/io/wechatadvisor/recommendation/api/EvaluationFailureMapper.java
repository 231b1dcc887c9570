package io.wechatadvisor.recommendation.api;

import java.util.UUID;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.wechatadvisor.problem.Problem;
import io.wechatadvisor.problem.ProblemType;
import io.wechatadvisor.recommendation.evaluation.EvaluationException;

/**
 * The rules failed for one profile (a rule threw, or the evaluation went over its bounds): a 500
 * problem with an instance id the log also holds, without the rule's error. In a batch, only that
 * item carries it.
 */
public class EvaluationFailureMapper {

    private static final Logger LOG = Logger.getLogger(EvaluationFailureMapper.class);

    /** The problem for a failed evaluation, logged with its cause under the instance id. */
    static Problem problem(EvaluationException e) {
        String id = "urn:uuid:" + UUID.randomUUID();
        LOG.errorf(e, "The rules failed for a profile (%s): %s", id, e.getMessage());
        return ProblemType.INTERNAL.instance("The rules could not evaluate this profile; the other rules and profiles "
                + "are not affected. Quote the instance id to support.", id);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> evaluationFailed(EvaluationException e) {
        return RestResponse.ResponseBuilder.create(RestResponse.Status.INTERNAL_SERVER_ERROR, problem(e))
                .type(Problem.MEDIA_TYPE).build();
    }
}
