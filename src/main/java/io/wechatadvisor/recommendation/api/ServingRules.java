package io.wechatadvisor.recommendation.api;

import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.Context;
import io.wechatadvisor.config.AdvisorConfig;
import io.wechatadvisor.recommendation.ruleset.LiveRules;
import io.wechatadvisor.recommendation.ruleset.RuleSet;

/**
 * The rule set that answers a request, and what a request gets while none is live yet (the first
 * rules still load, or they failed): on an event loop, a 503 at once, since it must not block; on a
 * worker thread, a wait of up to {@code advisor.rules.startup-wait}, then a 503.
 */
@ApplicationScoped
public class ServingRules {

    private static final String FAILED = "the rules failed to load; see GET /api/v1/rules and the service log";

    private final LiveRules liveRules;
    private final AdvisorConfig config;

    public ServingRules(LiveRules liveRules, AdvisorConfig config) {
        this.liveRules = liveRules;
        this.config = config;
    }

    /** The live rule set, read once per request. */
    public RuleSet current() {
        Optional<RuleSet> live = liveRules.live();
        if (live.isPresent()) {
            return live.get();
        }
        Future<RuleSet> first = liveRules.firstLoad();
        if (Context.isOnEventLoopThread()) {
            throw new RulesUnavailableException(first.isDone() ? FAILED : "the rules are still loading");
        }
        try {
            return first.get(config.rules().startupWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RulesUnavailableException("interrupted while the rules compile");
        } catch (ExecutionException e) {
            throw new RulesUnavailableException(FAILED);
        } catch (TimeoutException e) {
            throw new RulesUnavailableException("the rules are still compiling");
        }
    }
}
