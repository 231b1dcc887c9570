package io.wechatadvisor.recommendation.ruleset;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready once a rule set is live: a replica takes traffic only when it can answer. */
@Readiness
@ApplicationScoped
public class RulesReadiness implements HealthCheck {

    private final LiveRules liveRules;

    public RulesReadiness(LiveRules liveRules) {
        this.liveRules = liveRules;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("rules");
        RuleSet ruleSet = liveRules.live().orElse(null);
        if (ruleSet == null) {
            return response.down().build();
        }
        return response.up().withData("version", ruleSet.version()).withData("rules", ruleSet.rules().size()).build();
    }
}
