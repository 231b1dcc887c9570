package io.wechatadvisor.recommendation.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.wechatadvisor.recommendation.domain.Advice;
import io.wechatadvisor.recommendation.domain.Fit;
import io.wechatadvisor.recommendation.domain.Language;
import io.wechatadvisor.recommendation.domain.Need;
import io.wechatadvisor.recommendation.domain.Product;
import io.wechatadvisor.recommendation.domain.RuleInfo;

/** The wording decisions of an answer, against the project's bundles, in both languages. */
class TextsTest {

    private final Texts texts = TestRules.live().texts();

    private static RuleInfo rule(String id) {
        return new RuleInfo(id, "a rule named " + id, null, "2026-11-24", false, "test.drl", null);
    }

    @Test
    void aProductWithTheBaseScoreAloneSaysNoOtherRuleMovedIt() {
        Advice.Effect base = new Advice.Effect(rule("BASE-ELIGIBLE"), Product.MICRO_STORE, 40);
        Advice.Effect fit = new Advice.Effect(rule("FIT-ECOMMERCE"), Product.MICRO_STORE, 20);
        for (Language language : Language.values()) {
            String baseText = texts.get(language, "BASE-ELIGIBLE.MICRO_STORE");
            Advice.Ranked alone = new Advice.Ranked(1, Product.MICRO_STORE, 40, Fit.WEAK, List.of(base), List.of());
            assertThat(texts.reason(language, alone, base))
                    .isEqualTo(baseText + " " + texts.get(language, "BASE-ELIGIBLE.only"));

            Advice.Ranked more = new Advice.Ranked(1, Product.MICRO_STORE, 60, Fit.GOOD, List.of(base, fit), List.of());
            assertThat(texts.reason(language, more, base)).isEqualTo(baseText);
            assertThat(texts.reason(language, more, fit)).isEqualTo(texts.get(language, "FIT-ECOMMERCE.MICRO_STORE"));
        }
    }

    @Test
    void aCompanionCoveringSeveralNeedsJoinsTheirTextsInOrder() {
        for (Language language : Language.values()) {
            Advice.Companion one = new Advice.Companion(Product.SERVICE_ACCOUNT, List.of(Need.PAYMENT));
            assertThat(texts.cover(language, one, Product.MICRO_STORE)).isEqualTo(texts.get(language, "cover.PAYMENT.SERVICE_ACCOUNT"));

            Advice.Companion two = new Advice.Companion(Product.SERVICE_ACCOUNT,
                    List.of(Need.PAYMENT, Need.PROACTIVE_PUSH));
            assertThat(texts.cover(language, two, Product.MICRO_STORE)).isEqualTo(texts.get(language, "cover.PAYMENT.SERVICE_ACCOUNT")
                    + " " + texts.get(language, "cover.PROACTIVE_PUSH.SERVICE_ACCOUNT"));
        }
    }

    @Test
    void anUnmetNeedSaysEachDistinctChangeOnce() {
        for (Language language : Language.values()) {
            String nearby = texts.get(language, "wouldChange.NEARBY_DISCOVERY.EL-MP-ENTERPRISE-ORG-ONLY");
            String policy = texts.get(language, "wouldChange.EL-MP-CONTENT-POLICY");
            assertThat(texts.wouldChange(language, new Advice.UnmetNeed(Need.NEARBY_DISCOVERY,
                    List.of(rule("EL-MP-CONTENT-POLICY"), rule("EL-MP-ENTERPRISE-ORG-ONLY")))))
                    .as("need-specific text first by key, then the rule's own").isEqualTo(policy + " " + nearby);

            String uncovered = texts.get(language, "wouldChange.default");
            assertThat(texts.wouldChange(language, new Advice.UnmetNeed(Need.PAYMENT,
                    List.of(rule("EL-WITHOUT-TEXT-1"), rule("EL-WITHOUT-TEXT-2")))))
                    .as("two exclusions without a text of their own say the same once").isEqualTo(uncovered);

            assertThat(texts.wouldChange(language, new Advice.UnmetNeed(Need.NATIVE_FEATURES, List.of())))
                    .isEqualTo(texts.get(language, "wouldChange.NATIVE_FEATURES"));
            assertThat(texts.wouldChange(language, new Advice.UnmetNeed(Need.PAYMENT, List.of())))
                    .isEqualTo(uncovered);
        }
    }

    @Test
    void everyTextAnAnswerCanGetWithoutJoiningIsResolvedOnce() {
        assertThat(texts.resolved()).contains(texts.get(Language.ZH_CN, "product.MICRO_STORE"),
                texts.get(Language.EN, "wouldChange.default"), texts.get(Language.EN, "cover.PAYMENT.MICRO_STORE"));
    }
}
