package io.wechatadvisor.recommendation.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wechatadvisor.recommendation.domain.Advice;
import io.wechatadvisor.recommendation.domain.ContentCadence;
import io.wechatadvisor.recommendation.domain.EntityType;
import io.wechatadvisor.recommendation.domain.Goal;
import io.wechatadvisor.recommendation.domain.Industry;
import io.wechatadvisor.recommendation.domain.OfflinePresence;
import io.wechatadvisor.recommendation.domain.Profile;
import io.wechatadvisor.recommendation.ruleset.RuleFiles;
import io.wechatadvisor.recommendation.ruleset.RuleSet;
import io.wechatadvisor.recommendation.ruleset.RuleSetCompiler;
import io.wechatadvisor.recommendation.ruleset.TestRules;

class AdviceMemoTest {

    private static final Profile CHAIN = profile(EntityType.ENTERPRISE, EnumSet.of(Goal.SELL_PRODUCTS, Goal.BOOKINGS));
    private static final Profile STALL = profile(EntityType.INDIVIDUAL, EnumSet.of(Goal.SELL_PRODUCTS));
    private static final Profile OUTLET = profile(EntityType.MEDIA, EnumSet.of(Goal.PUBLISH_CONTENT));

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final RuleSet rules = TestRules.live();

    @Test
    void aProfileEvaluatedTwiceIsKeptAndAskedAgainIsAHit() {
        AdviceMemo memo = new AdviceMemo(10, registry);
        Advice first = memo.advise(rules, CHAIN);
        Advice second = memo.advise(rules, profile(EntityType.ENTERPRISE, EnumSet.of(Goal.BOOKINGS, Goal.SELL_PRODUCTS)));
        assertThat(second).isNotSameAs(first).isEqualTo(first).isEqualTo(rules.advise(CHAIN));
        assertThat(memo.advise(rules, CHAIN)).isSameAs(second);
        assertThat(memo.advise(rules, STALL)).isNotSameAs(second).isEqualTo(rules.advise(STALL));
        assertThat(count("hit")).isEqualTo(1);
        assertThat(count("miss")).isEqualTo(3);
    }

    @Test
    void profilesAskedOnceKeepNothingSoTheyForgetNothing() {
        AdviceMemo memo = new AdviceMemo(2, registry);
        memo.advise(rules, CHAIN);
        Advice kept = memo.advise(rules, CHAIN);
        for (EntityType entity : EntityType.values()) {
            for (Goal goal : Goal.values()) {
                memo.advise(rules, profile(entity, EnumSet.of(goal, Goal.CUSTOMER_SERVICE)));
            }
        }
        assertThat(memo.advise(rules, CHAIN)).isSameAs(kept);
    }

    @Test
    void whenFullEverythingIsForgotten() {
        AdviceMemo memo = new AdviceMemo(2, registry);
        memo.advise(rules, CHAIN);
        Advice chain = memo.advise(rules, CHAIN);
        memo.advise(rules, STALL);
        memo.advise(rules, STALL);
        memo.advise(rules, OUTLET);
        memo.advise(rules, OUTLET);
        assertThat(memo.advise(rules, OUTLET)).isSameAs(memo.advise(rules, OUTLET));
        assertThat(memo.advise(rules, CHAIN)).isNotSameAs(chain).isEqualTo(chain);
    }

    @Test
    void anotherRuleSetIsEvaluatedAfresh() throws Exception {
        AdviceMemo memo = new AdviceMemo(10, registry);
        memo.advise(rules, CHAIN);
        Advice before = memo.advise(rules, CHAIN);
        RuleSet reloaded = RuleSetCompiler.compile(RuleFiles.fromDirectory(TestRules.DIR));
        Advice after = memo.advise(reloaded, CHAIN);
        assertThat(after).isNotSameAs(before);
        assertThat(memo.advise(reloaded, CHAIN)).isSameAs(after);
        assertThat(count("miss")).isEqualTo(3);
    }

    @Test
    void sizeZeroKeepsNothing() {
        AdviceMemo memo = new AdviceMemo(0, registry);
        assertThat(memo.advise(rules, CHAIN)).isNotSameAs(memo.advise(rules, CHAIN)).isEqualTo(rules.advise(CHAIN));
        assertThat(count("hit") + count("miss")).isZero();
    }

    private double count(String result) {
        return registry.get("advisor.advice.memo").tag("result", result).counter().count();
    }

    private static Profile profile(EntityType entity, Set<Goal> goals) {
        return new Profile(entity, true, OfflinePresence.MULTIPLE_LOCATIONS, ContentCadence.WEEKLY, goals,
                Industry.CATERING, true, false, false, false, false, false, false);
    }
}
