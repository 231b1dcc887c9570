package io.wechatadvisor.recommendation.api;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.wechatadvisor.problem.Problem;
import io.wechatadvisor.problem.ProblemMappers;
import io.wechatadvisor.problem.ProblemType;

/** No rule set is live yet (the first one still loads, or it failed): 503 with a hint when to retry. */
public class RulesUnavailableMapper {

    @ServerExceptionMapper
    public RestResponse<Problem> rulesUnavailable(RulesUnavailableException e) {
        return ProblemMappers.answer(ProblemType.RULES_UNAVAILABLE.problem("No rule set is live: " + e.getMessage()
                + ". Try again shortly."), ProblemMappers.RETRY_SHORTLY_SECONDS).build();
    }
}
