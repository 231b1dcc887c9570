package io.wechatadvisor.recommendation.ruleset;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.wechatadvisor.recommendation.domain.Advice;
import io.wechatadvisor.recommendation.domain.Fit;
import io.wechatadvisor.recommendation.domain.Need;
import io.wechatadvisor.recommendation.domain.Product;
import io.wechatadvisor.recommendation.domain.Profile;
import io.wechatadvisor.recommendation.domain.RuleInfo;
import io.wechatadvisor.recommendation.evaluation.EvaluationException;
import io.wechatadvisor.recommendation.evaluation.ProfileEvaluator;

/**
 * The rule scenarios: {@code scenarios/*.json} in the rules directory, each a profile and what the
 * answer must show. Every expectation is optional; only what a scenario states is checked. A new
 * scenario is a new file, no Java. Run by {@code mvn test}, and before a changed rule set goes live.
 *
 * <pre>
 * {
 *   "name": "A bakery with one shop takes payment and posts monthly",
 *   "profile": { "entityType": "ENTERPRISE", "wantsPayment": true, ... },
 *   "expect": {
 *     "ranking":   ["MINI_PROGRAM_ENTERPRISE", "SERVICE_ACCOUNT"],        // the first products, in order
 *     "excluded":  { "MINI_PROGRAM_PERSONAL": ["EL-MP-PERSONAL-INDIVIDUAL-ONLY"] },  // exactly these products
 *     "reasons":   { "SERVICE_ACCOUNT": ["+NEED-PAYMENT", "-FIT-CADENCE-DAILY"] },  // sign optional
 *     "warnings":  { "SERVICE_ACCOUNT": ["WARN-SERVICE-IRREVERSIBLE"] },
 *     "fit":       { "MINI_PROGRAM_ENTERPRISE": "STRONG" },
 *     "fires":     ["PLAN-PAYMENT"],                                       // rule ids that fire
 *     "silent":    ["FIT-MEDIA"],                                          // rule ids that do not
 *     "needs":     ["PAYMENT", "NEARBY_DISCOVERY"],                        // exactly these
 *     "plan":      { "primary": "MINI_PROGRAM_ENTERPRISE", "companions": {}, "unmet": [] }  // exactly
 *   }
 * }
 * </pre>
 */
public final class Scenarios {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public record Scenario(String file, String name, Profile profile, Expect expect) {
    }

    public record Expect(
            List<Product> ranking,
            Map<Product, List<String>> excluded,
            Map<Product, List<String>> reasons,
            Map<Product, List<String>> warnings,
            Map<Product, Fit> fit,
            List<String> fires,
            List<String> silent,
            List<Need> needs,
            PlanExpect plan) {
    }

    public record PlanExpect(Product primary, Map<Product, List<Need>> companions, List<Need> unmet) {
    }

    private record File(String name, Profile profile, Expect expect) {
    }

    private Scenarios() {
    }

    /** Reads every scenario of a rule directory; a file that does not read is a load error. */
    public static List<Scenario> read(RuleFiles files) throws RuleLoadException {
        List<Scenario> scenarios = new ArrayList<>();
        for (Map.Entry<String, byte[]> entry : files.scenarios().entrySet()) {
            File file;
            try {
                file = JSON.readValue(entry.getValue(), File.class);
            } catch (JsonProcessingException e) {
                int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
                throw new RuleLoadException(entry.getKey(), line, "the scenario does not read: " + e.getOriginalMessage());
            } catch (IOException e) {
                throw new RuleLoadException(entry.getKey(), 0, "the scenario does not read");
            }
            if (file.name() == null || file.profile() == null || file.expect() == null) {
                throw new RuleLoadException(entry.getKey(), 0, "a scenario needs a name, a profile and expect");
            }
            Profile p = file.profile();
            if (p.entityType() == null || p.offlinePresence() == null || p.contentCadence() == null) {
                throw new RuleLoadException(entry.getKey(), 0,
                        "the profile needs entityType, offlinePresence and contentCadence");
            }
            scenarios.add(new Scenario(entry.getKey(), file.name(), p, file.expect()));
        }
        return scenarios;
    }

    /**
     * Refuses a rule set that breaks any scenario of its own directory, naming the first scenario
     * file that fails and what it found.
     */
    public static void requireAllPass(RuleSet ruleSet) throws RuleLoadException {
        for (Scenario scenario : read(ruleSet.files())) {
            List<String> failures;
            try {
                failures = check(ruleSet, scenario);
            } catch (EvaluationException e) {
                throw GeneratedProfiles.failure(ruleSet, e, "in scenario \"" + scenario.name() + "\" ("
                        + scenario.file() + ")");
            }
            if (!failures.isEmpty()) {
                throw new RuleLoadException(scenario.file(), 0,
                        "scenario \"" + scenario.name() + "\" fails: " + String.join("; ", failures));
            }
        }
    }

    /** What a scenario finds wrong with a rule set's answer; empty when it passes. */
    public static List<String> check(RuleSet ruleSet, Scenario scenario) {
        ProfileEvaluator.Trace trace = ruleSet.trace(scenario.profile());
        Advice advice = trace.advice();
        Expect expect = scenario.expect();
        List<String> failures = new ArrayList<>();
        List<Product> ranking = advice.recommendations().stream().map(Advice.Ranked::product).toList();

        if (expect.ranking() != null) {
            int n = Math.min(expect.ranking().size(), ranking.size());
            if (expect.ranking().size() > ranking.size() || !ranking.subList(0, n).equals(expect.ranking())) {
                failures.add("ranking starts " + ranking.subList(0, n) + ", expected " + expect.ranking());
            }
        }
        if (expect.excluded() != null) {
            Set<Product> excluded = new TreeSet<>();
            advice.excluded().forEach(e -> excluded.add(e.product()));
            if (!excluded.equals(new TreeSet<>(expect.excluded().keySet()))) {
                failures.add("excluded " + excluded + ", expected " + new TreeSet<>(expect.excluded().keySet()));
            }
            expect.excluded().forEach((product, ids) -> advice.excluded().stream()
                    .filter(e -> e.product() == product).findFirst()
                    .ifPresent(e -> missing(failures, product + " excluded by", ids,
                            e.reasons().stream().map(RuleInfo::id).toList())));
        }
        if (expect.reasons() != null) {
            expect.reasons().forEach((product, ids) -> {
                Advice.Ranked ranked = ranked(advice, product, failures);
                if (ranked != null) {
                    List<String> signed = ranked.reasons().stream()
                            .map(r -> (r.points() >= 0 ? "+" : "-") + r.rule().id()).toList();
                    for (String id : ids) {
                        boolean found = id.startsWith("+") || id.startsWith("-")
                                ? signed.contains(id) : signed.contains("+" + id) || signed.contains("-" + id);
                        if (!found) {
                            failures.add(product + " has no reason " + id + " (has " + signed + ")");
                        }
                    }
                }
            });
        }
        if (expect.warnings() != null) {
            expect.warnings().forEach((product, ids) -> {
                Advice.Ranked ranked = ranked(advice, product, failures);
                if (ranked != null) {
                    missing(failures, product + " warnings", ids, ranked.warnings().stream().map(RuleInfo::id).toList());
                }
            });
        }
        if (expect.fit() != null) {
            expect.fit().forEach((product, fit) -> {
                Advice.Ranked ranked = ranked(advice, product, failures);
                if (ranked != null && ranked.fit() != fit) {
                    failures.add(product + " fit " + ranked.fit() + " (score " + ranked.score() + "), expected " + fit);
                }
            });
        }
        if (expect.fires() != null) {
            missing(failures, "fired rules", expect.fires(), List.copyOf(trace.firedRuleIds()));
        }
        if (expect.silent() != null) {
            expect.silent().stream().filter(trace.firedRuleIds()::contains)
                    .forEach(id -> failures.add("rule " + id + " fired, expected it silent"));
        }
        if (expect.needs() != null && !Set.copyOf(expect.needs()).equals(Set.copyOf(advice.plan().needs()))) {
            failures.add("needs " + advice.plan().needs() + ", expected " + expect.needs());
        }
        if (expect.plan() != null) {
            checkPlan(advice.plan(), expect.plan(), failures);
        }
        return failures;
    }

    private static void checkPlan(Advice.Plan plan, PlanExpect expect, List<String> failures) {
        if (expect.primary() != null && plan.primary() != expect.primary()) {
            failures.add("plan primary " + plan.primary() + ", expected " + expect.primary());
        }
        if (expect.companions() != null) {
            Map<Product, Set<Need>> actual = new TreeMap<>();
            plan.companions().forEach(c -> actual.put(c.product(), Set.copyOf(c.covers())));
            Map<Product, Set<Need>> expected = new TreeMap<>();
            expect.companions().forEach((p, needs) -> expected.put(p, Set.copyOf(needs)));
            if (!actual.equals(expected)) {
                failures.add("plan companions " + actual + ", expected " + expected);
            }
        }
        if (expect.unmet() != null) {
            Set<Need> unmet = new TreeSet<>();
            plan.unmetNeeds().forEach(u -> unmet.add(u.need()));
            if (!unmet.equals(new TreeSet<>(expect.unmet()))) {
                failures.add("plan unmet " + unmet + ", expected " + new TreeSet<>(expect.unmet()));
            }
        }
    }

    /** The rule ids a scenario asserts something about. */
    public static Set<String> asserted(Scenario scenario) {
        Expect expect = scenario.expect();
        Set<String> ids = new LinkedHashSet<>();
        Function<String, String> unsigned = id -> id.startsWith("+") || id.startsWith("-") ? id.substring(1) : id;
        for (Map<Product, List<String>> byProduct : Arrays.asList(expect.excluded(), expect.reasons(),
                expect.warnings())) {
            if (byProduct != null) {
                byProduct.values().forEach(list -> list.stream().map(unsigned).forEach(ids::add));
            }
        }
        if (expect.fires() != null) {
            ids.addAll(expect.fires());
        }
        return ids;
    }

    private static Advice.Ranked ranked(Advice advice, Product product, List<String> failures) {
        Advice.Ranked ranked = advice.recommendations().stream().filter(r -> r.product() == product).findFirst()
                .orElse(null);
        if (ranked == null) {
            failures.add(product + " is not recommended (it is excluded)");
        }
        return ranked;
    }

    private static void missing(List<String> failures, String what, List<String> expected, List<String> actual) {
        for (String id : expected) {
            if (!actual.contains(Objects.requireNonNull(id))) {
                failures.add(what + " lack " + id + " (have " + actual + ")");
            }
        }
    }
}
