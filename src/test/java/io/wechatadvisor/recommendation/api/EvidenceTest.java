package io.wechatadvisor.recommendation.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import io.wechatadvisor.recommendation.domain.Language;
import io.wechatadvisor.recommendation.domain.Product;
import io.wechatadvisor.recommendation.domain.Profile;
import io.wechatadvisor.recommendation.evaluation.ProfileArbitraries;
import io.wechatadvisor.recommendation.ruleset.RuleLoadException;
import io.wechatadvisor.recommendation.ruleset.RuleSet;
import io.wechatadvisor.recommendation.ruleset.Scenarios;
import io.wechatadvisor.recommendation.ruleset.TestRules;

/**
 * Every answer can be checked against its sources: in both languages, for every scenario and
 * thousands of generated profiles, each reason and warning that is not a judgement carries a quote
 * that stands verbatim in {@code rules/sources/<KEY>.txt} (read here from disk, not through the
 * service), each judgement carries its rationale and is never a hard exclusion, and the plan's texts
 * name only products in the plan.
 */
class EvidenceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> SOURCES = readSources();
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");
    private static final Set<String> ENGINE_RULES = Set.of("SCORE-FLOOR", "SCORE-CEILING");
    /** A judgement is soft: its penalty never reaches the base score every product starts from. */
    private static final int BASE_SCORE = 40;
    /** How the English texts name each product. */
    private static final Map<String, Set<Product>> NAMES = Map.of(
            "subscription account", EnumSet.of(Product.SUBSCRIPTION_ACCOUNT),
            "service account", EnumSet.of(Product.SERVICE_ACCOUNT),
            "enterprise account", EnumSet.of(Product.ENTERPRISE_ACCOUNT),
            "mini program", EnumSet.of(Product.MINI_PROGRAM_PERSONAL, Product.MINI_PROGRAM_ENTERPRISE),
            "micro-store", EnumSet.of(Product.MICRO_STORE));

    @Provide
    Arbitrary<Profile> profiles() {
        return ProfileArbitraries.profiles();
    }

    @Property(tries = 2000)
    void everyGeneratedAnswerCanBeCheckedAgainstItsSources(@ForAll("profiles") Profile profile) throws IOException {
        checkInBothLanguages(profile);
    }

    @Test
    void everyScenarioAnswerCanBeCheckedAgainstItsSources() throws IOException, RuleLoadException {
        RuleSet rules = TestRules.live();
        for (Scenarios.Scenario scenario : Scenarios.read(rules.files())) {
            checkInBothLanguages(scenario.profile());
        }
    }

    private static void checkInBothLanguages(Profile profile) throws IOException {
        RuleSet rules = TestRules.live();
        for (Language language : Language.values()) {
            JsonNode answer = write(rules, profile, language);
            for (JsonNode ranked : answer.get("recommendations")) {
                for (JsonNode reason : ranked.get("reasons")) {
                    checkReason(reason, language);
                    if (reason.path("judgement").asBoolean()) {
                        assertThat(reason.get("effect").asInt()).as("a judgement is never a hard exclusion: " + reason)
                                .isGreaterThan(-BASE_SCORE);
                    }
                }
                for (JsonNode warning : ranked.get("warnings")) {
                    assertThat(warning.has("judgement")).isFalse();
                    checkReason(warning, language);
                }
            }
            for (JsonNode excluded : answer.get("excluded")) {
                for (JsonNode reason : excluded.get("reasons")) {
                    assertThat(reason.has("judgement")).as("a judgement never excludes: " + reason).isFalse();
                    checkReason(reason, language);
                }
            }
            if (language == Language.EN) {
                checkPlanTexts(answer.get("plan"));
            }
        }
    }

    private static void checkReason(JsonNode reason, Language language) {
        String rule = reason.get("rule").asText();
        if (ENGINE_RULES.contains(rule)) {
            assertThat(reason.has("evidence") || reason.has("judgement")).as(rule + " states arithmetic").isFalse();
            return;
        }
        if (reason.path("judgement").asBoolean()) {
            String rationale = reason.path("rationale").asText("");
            assertThat(rationale).as("rationale of " + reason).isNotBlank();
            if (language == Language.ZH_CN) {
                assertThat(HAN.matcher(rationale).find()).as("Chinese rationale: " + rationale).isTrue();
            }
        } else {
            assertThat(reason.has("rationale")).isFalse();
            assertThat(reason.has("evidence")).as("evidence of " + reason).isTrue();
        }
        if (reason.has("evidence")) {
            JsonNode evidence = reason.get("evidence");
            String source = evidence.get("source").asText();
            String quote = evidence.get("quote").asText();
            assertThat(source).isEqualTo(reason.get("source").asText());
            assertThat(quote.length()).as(quote).isBetween(10, 320);
            assertThat(SOURCES).containsKey(source);
            assertThat(SOURCES.get(source)).as(rule + " quotes " + source).contains(quote);
        }
    }

    private static void checkPlanTexts(JsonNode plan) {
        Set<Product> inPlan = EnumSet.of(Product.valueOf(plan.get("primary").asText()));
        plan.get("companions").forEach(c -> inPlan.add(Product.valueOf(c.get("product").asText())));
        for (JsonNode companion : plan.get("companions")) {
            String text = companion.get("text").asText().toLowerCase();
            NAMES.forEach((name, products) -> {
                if (products.stream().noneMatch(inPlan::contains)) {
                    assertThat(text).as("a plan text names only products in the plan " + inPlan).doesNotContain(name);
                }
            });
        }
    }

    private static JsonNode write(RuleSet rules, Profile profile, Language language) throws IOException {
        StringWriter written = new StringWriter();
        try (JsonGenerator json = JSON.getFactory().createGenerator(written)) {
            new Answer(rules.advise(profile), rules, language, null, null).serialize(json, JSON.getSerializerProvider());
        }
        return JSON.readTree(written.toString());
    }

    /** The text of every source file, below its header (the first blank line). */
    private static Map<String, String> readSources() {
        Map<String, String> sources = new HashMap<>();
        try (var files = Files.list(Path.of("rules", "sources"))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String content = Files.readString(file);
                String name = file.getFileName().toString();
                sources.put(name.substring(0, name.length() - ".txt".length()),
                        content.substring(content.indexOf("\n\n") + 2));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return sources;
    }
}
