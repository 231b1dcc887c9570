package io.wechatadvisor.recommendation.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import io.wechatadvisor.recommendation.domain.RuleInfo;

/** Runs every scenario file of rules/scenarios against the rules of rules/. */
class ScenarioTest {

    /** The rule ids of ../shared/domain/catalogue.md. Each must be encoded and asserted by a scenario. */
    static final List<String> CATALOGUE_IDS = List.of(
            "EL-SERVICE-NOT-INDIVIDUAL", "EL-ENTERPRISE-ACCOUNT-ORG-ONLY", "EL-MP-ENTERPRISE-ORG-ONLY",
            "EL-MP-PERSONAL-INDIVIDUAL-ONLY", "EL-MP-CONTENT-POLICY",
            "NEED-PAYMENT", "NEED-PUSH", "NEED-MOMENTS", "NEED-BACKOFFICE", "NEED-NATIVE",
            "FIT-CADENCE-DAILY", "FIT-CADENCE-MONTHLY", "FIT-NO-CONTENT", "FIT-OFFLINE", "FIT-MULTI-LOCATION",
            "FIT-INTERNAL", "FIT-ECOMMERCE", "FIT-INTERACTIVE", "FIT-MVP", "FIT-PERSONAL-TRADES",
            "FIT-ENTERPRISE-TRADES", "FIT-EDUCATION", "FIT-LIFE-SERVICES", "FIT-MEDIA", "FIT-GOVERNMENT",
            "WARN-SERVICE-IRREVERSIBLE", "WARN-SUBSCRIPTION-UPGRADE-ONCE", "WARN-ENTERPRISE-TYPE-FIXED",
            "WARN-VERIFICATION-FEE", "WARN-PUSH-QUOTA", "WARN-MP-REVIEW", "WARN-MP-NO-MOMENTS",
            "WARN-MP-ENTERPRISE-PAPERWORK", "WARN-MICROSTORE-THIRD-PARTY", "BASE-ELIGIBLE");

    @TestFactory
    Stream<DynamicTest> everyScenarioHolds() throws RuleLoadException {
        RuleSet rules = TestRules.live();
        List<Scenarios.Scenario> scenarios = Scenarios.read(rules.files());
        assertThat(scenarios).as("scenario files in rules/scenarios").isNotEmpty();
        return scenarios.stream().map(scenario -> DynamicTest.dynamicTest(scenario.file() + ": " + scenario.name(),
                () -> assertThat(Scenarios.check(rules, scenario)).as(scenario.file()).isEmpty()));
    }

    @Test
    void everyCatalogueRuleIsEncoded() {
        Set<String> encoded = ids(TestRules.live());
        assertThat(encoded).containsAll(CATALOGUE_IDS);
    }

    @Test
    void everyRuleIdIsAssertedByAScenario() throws RuleLoadException {
        RuleSet rules = TestRules.live();
        Set<String> asserted = new TreeSet<>();
        Scenarios.read(rules.files()).forEach(scenario -> asserted.addAll(Scenarios.asserted(scenario)));
        assertThat(asserted).containsAll(ids(rules));
    }

    private static Set<String> ids(RuleSet rules) {
        Set<String> ids = new TreeSet<>();
        rules.rules().stream().map(RuleInfo::id).forEach(ids::add);
        return ids;
    }
}
