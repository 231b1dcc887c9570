package io.wechatadvisor.recommendation.api;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.wechatadvisor.problem.Problem;
import io.wechatadvisor.problem.ProblemType;

/** No rule set is live yet (the first one still loads, or it failed): 503 with a hint when to retry. */
public class RulesUnavailableMapper {

    static final String RETRY_AFTER_SECONDS = "5";

    @ServerExceptionMapper
    public RestResponse<Problem> rulesUnavailable(RulesUnavailableException e) {
        return RestResponse.ResponseBuilder.create(RestResponse.Status.SERVICE_UNAVAILABLE,
                        ProblemType.RULES_UNAVAILABLE.problem("No rule set is live: " + e.getMessage() + ". Try again shortly."))
                .type(Problem.MEDIA_TYPE).header("Retry-After", RETRY_AFTER_SECONDS).build();
    }
}
