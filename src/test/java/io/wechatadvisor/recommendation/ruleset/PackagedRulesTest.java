package io.wechatadvisor.recommendation.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.wechatadvisor.config.RulesLocation;

class PackagedRulesTest {

    @Test
    void theReadAheadIsThePackagedRuleSetPrecompiledAndIsTakenOnce() {
        PackagedRules.readAhead();

        Optional<PackagedRules.ReadAhead> readAhead = PackagedRules.take();
        assertThat(readAhead).as("a read ahead was started").isPresent();
        Optional<RuleSet> ruleSet = readAhead.get().ruleSet().join();
        assertThat(ruleSet).as("the precompiled packaged rules, read back").isPresent();
        assertThat(ruleSet.get().version()).isEqualTo(RuleFiles.bundled().version());
        assertThat(ruleSet.get().rules()).hasSizeGreaterThan(40);
        assertThat(PackagedRules.take()).as("taken once: a later first load reads the rules itself").isEmpty();
    }

    @Test
    void withARulesDirectorySetThePackagedRulesAreNotReadAhead() {
        System.setProperty(RulesLocation.PROPERTY, "rules");
        try {
            PackagedRules.readAhead();
        } finally {
            System.clearProperty(RulesLocation.PROPERTY);
        }
        assertThat(PackagedRules.take()).isEmpty();
    }
}
