package io.wechatadvisor.recommendation.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import io.wechatadvisor.recommendation.domain.RuleInfo;

/** Runs every scenario file of rules/scenarios against the rules of rules/. */
class ScenarioTest {

    /** The table of rule ids in rules/README.md, the rule authors' guide. */
    private static final Path RULE_IDS_DOC = TestRules.DIR.resolve("README.md");
    private static final String RULE_IDS_SECTION = "## The rule ids";
    private static final Pattern RULE_ID = Pattern.compile("`([A-Z]+(?:-[A-Z0-9]+)+)`");

    /** Every id in the guide's table: its section, from its heading to the next one. */
    static Set<String> documentedIds() throws IOException {
        String guide = Files.readString(RULE_IDS_DOC);
        int start = guide.indexOf(RULE_IDS_SECTION);
        assertThat(start).as(RULE_IDS_SECTION + " in " + RULE_IDS_DOC).isNotNegative();
        int end = guide.indexOf("\n## ", start + RULE_IDS_SECTION.length());
        Matcher ids = RULE_ID.matcher(guide.substring(start, end < 0 ? guide.length() : end));
        Set<String> documented = new TreeSet<>();
        while (ids.find()) {
            documented.add(ids.group(1));
        }
        return documented;
    }

    @TestFactory
    Stream<DynamicTest> everyScenarioHolds() throws RuleLoadException {
        RuleSet rules = TestRules.live();
        List<Scenarios.Scenario> scenarios = Scenarios.read(rules.files());
        assertThat(scenarios).as("scenario files in rules/scenarios").isNotEmpty();
        return scenarios.stream().map(scenario -> DynamicTest.dynamicTest(scenario.file() + ": " + scenario.name(),
                () -> assertThat(Scenarios.check(rules, scenario)).as(scenario.file()).isEmpty()));
    }

    @Test
    void everyDocumentedRuleIdIsEncoded() throws IOException {
        Set<String> documented = documentedIds();
        assertThat(documented).as("ids in " + RULE_IDS_DOC).hasSizeGreaterThan(30);
        assertThat(ids(TestRules.live())).containsAll(documented);
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
