package io.wechatadvisor.recommendation.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import io.wechatadvisor.recommendation.domain.Advice;
import io.wechatadvisor.recommendation.domain.Language;
import io.wechatadvisor.recommendation.domain.Profile;
import io.wechatadvisor.recommendation.evaluation.ProfileArbitraries;
import io.wechatadvisor.recommendation.ruleset.RuleSet;
import io.wechatadvisor.recommendation.ruleset.TestRules;

/**
 * The answers the service writes: exactly the documented records, and every text written in both
 * languages (no id or key ever stands in for one).
 */
class AnswerWriterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Pattern KEY_LIKE = Pattern.compile("[A-Z]+(-[A-Z0-9]+)+(\\.[A-Z_]+)?|[a-z]+\\.[A-Z_.-]+");
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");

    @Provide
    Arbitrary<Profile> profiles() {
        return ProfileArbitraries.profiles();
    }

    @Property(tries = 1500)
    void everyTextIsWrittenInBothLanguages(@ForAll("profiles") Profile profile) {
        RuleSet rules = TestRules.live();
        for (Language language : Language.values()) {
            RecommendationResponse answer = RecordRenderer.render(rules.advise(profile), rules, language, null);
            for (String text : texts(answer)) {
                assertThat(text).isNotBlank().doesNotMatch(KEY_LIKE).doesNotContain("null");
                if (language == Language.ZH_CN) {
                    assertThat(HAN.matcher(text).find()).as("Chinese text: " + text).isTrue();
                }
            }
        }
    }

    @Property(tries = 1500)
    void theWriterWritesExactlyTheDocumentedRecords(@ForAll("profiles") Profile profile,
            @ForAll("externalIds") String externalId, @ForAll boolean recorded) throws IOException {
        String decisionId = recorded ? "01939e4a-7c1e-7a3b-9f2d-5b8c4e1a2d3f" : null;
        RuleSet rules = TestRules.live();
        Advice advice = rules.advise(profile);
        for (Language language : Language.values()) {
            StringWriter written = new StringWriter();
            try (JsonGenerator json = JSON.getFactory().createGenerator(written)) {
                new Answer(advice, rules, language, externalId, decisionId).serialize(json, JSON.getSerializerProvider());
            }
            String documented = JSON.writeValueAsString(RecordRenderer.render(advice, rules, language, externalId, decisionId));
            assertThat(written.toString()).isEqualTo(documented);
        }
    }

    @Provide
    Arbitrary<String> externalIds() {
        return Arbitraries.oneOf(Arbitraries.just(null), Arbitraries.strings().ofMaxLength(128),
                Arbitraries.of("lead-4711", "引号\"和\\反斜杠", "tab\tnewline\n"));
    }

    private static List<String> texts(RecommendationResponse answer) {
        List<String> texts = new ArrayList<>();
        answer.recommendations().forEach(r -> {
            texts.add(r.name());
            r.reasons().forEach(reason -> texts.add(reason.text()));
            r.warnings().forEach(warning -> texts.add(warning.text()));
        });
        answer.excluded().forEach(e -> {
            texts.add(e.name());
            e.reasons().forEach(reason -> texts.add(reason.text()));
        });
        answer.plan().companions().forEach(c -> texts.add(c.text()));
        answer.plan().unmetNeeds().forEach(u -> {
            texts.add(u.text());
            texts.add(u.wouldChange());
        });
        return texts;
    }
}
