package io.wechatadvisor.recommendation.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import io.wechatadvisor.recommendation.domain.Language;
import io.wechatadvisor.recommendation.domain.Profile;
import io.wechatadvisor.recommendation.rules.ProfileArbitraries;
import io.wechatadvisor.recommendation.rules.RuleSet;
import io.wechatadvisor.recommendation.rules.TestRules;

/** Every text an answer can carry is written, in both languages: no id or key ever stands in for one. */
class AdviceRendererTest {

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
            RecommendationResponse answer = AdviceRenderer.render(rules.advise(profile), rules, language, null);
            for (String text : texts(answer)) {
                assertThat(text).isNotBlank().doesNotMatch(KEY_LIKE).doesNotContain("null");
                if (language == Language.ZH_CN) {
                    assertThat(HAN.matcher(text).find()).as("Chinese text: " + text).isTrue();
                }
            }
        }
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
