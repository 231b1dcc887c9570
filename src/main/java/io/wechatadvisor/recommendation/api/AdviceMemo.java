package io.wechatadvisor.recommendation.api;

import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.wechatadvisor.config.AdvisorConfig;
import io.wechatadvisor.recommendation.domain.Advice;
import io.wechatadvisor.recommendation.domain.Profile;
import io.wechatadvisor.recommendation.ruleset.RuleSet;

/**
 * The advice of the live rule set for the profiles asked lately: the rules conclude from the profile
 * alone (their conditions are pure and their consequences only fill the verdict), so a profile asked
 * again gets the advice it got before. At most {@code advisor.rules.advice-memo} profiles are kept;
 * when full, all are forgotten at once, and so they are when another rule set answers. 0 keeps none.
 * {@code advisor_advice_memo_total{result=hit|miss}} counts the look-ups.
 */
@ApplicationScoped
public class AdviceMemo {

    private final int size;
    private final Counter hits;
    private final Counter misses;
    private volatile Kept kept;

    /** The advice kept for one rule set. */
    private record Kept(RuleSet rules, ConcurrentHashMap<Profile, Advice> advice) {
    }

    @Inject
    public AdviceMemo(AdvisorConfig config, MeterRegistry registry) {
        this(config.rules().adviceMemo(), registry);
    }

    AdviceMemo(int size, MeterRegistry registry) {
        this.size = size;
        this.hits = counter(registry, "hit");
        this.misses = counter(registry, "miss");
    }

    private static Counter counter(MeterRegistry registry, String result) {
        return Counter.builder("advisor.advice.memo").description("Advice looked up for a profile, by whether it was kept")
                .tag("result", result).register(registry);
    }

    /** The advice of {@code rules} for {@code profile}: as kept, or evaluated (and kept). */
    public Advice advise(RuleSet rules, Profile profile) {
        if (size <= 0) {
            return rules.advise(profile);
        }
        Kept current = kept;
        if (current == null || current.rules() != rules) {
            current = new Kept(rules, new ConcurrentHashMap<>());
            kept = current;
        }
        Advice advice = current.advice().get(profile);
        if (advice != null) {
            hits.increment();
            return advice;
        }
        misses.increment();
        advice = rules.advise(profile);
        if (current.advice().size() >= size) {
            current.advice().clear();
        }
        current.advice().put(profile, advice);
        return advice;
    }
}
