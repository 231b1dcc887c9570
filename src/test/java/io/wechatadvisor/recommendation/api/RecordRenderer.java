package io.wechatadvisor.recommendation.api;

import java.util.ArrayList;
import java.util.List;

import io.wechatadvisor.recommendation.api.RecommendationResponse.Companion;
import io.wechatadvisor.recommendation.api.RecommendationResponse.Evidence;
import io.wechatadvisor.recommendation.api.RecommendationResponse.ExcludedProduct;
import io.wechatadvisor.recommendation.api.RecommendationResponse.ExclusionReason;
import io.wechatadvisor.recommendation.api.RecommendationResponse.Plan;
import io.wechatadvisor.recommendation.api.RecommendationResponse.RankedProduct;
import io.wechatadvisor.recommendation.api.RecommendationResponse.Reason;
import io.wechatadvisor.recommendation.api.RecommendationResponse.UnmetNeed;
import io.wechatadvisor.recommendation.api.RecommendationResponse.Warning;
import io.wechatadvisor.recommendation.domain.Advice;
import io.wechatadvisor.recommendation.domain.Language;
import io.wechatadvisor.recommendation.domain.Product;
import io.wechatadvisor.recommendation.domain.RuleInfo;
import io.wechatadvisor.recommendation.ruleset.RuleSet;
import io.wechatadvisor.recommendation.ruleset.Texts;

/**
 * The reference rendering of an {@link Advice}: the records of {@link RecommendationResponse}, the
 * documented shape, worded by the same {@link Texts} as the service's answers. The service writes
 * answers with {@link AnswerWriter}; tests hold the two equal.
 */
final class RecordRenderer {

    private RecordRenderer() {
    }

    static RecommendationResponse render(Advice advice, RuleSet ruleSet, Language language, String externalId) {
        return render(advice, ruleSet, language, externalId, null);
    }

    static RecommendationResponse render(Advice advice, RuleSet ruleSet, Language language, String externalId,
            String decisionId) {
        Texts texts = ruleSet.texts();
        List<RankedProduct> recommendations = new ArrayList<>(advice.recommendations().size());
        for (Advice.Ranked ranked : advice.recommendations()) {
            recommendations.add(ranked(ranked, texts, language));
        }
        List<ExcludedProduct> excluded = new ArrayList<>(advice.excluded().size());
        for (Advice.Excluded product : advice.excluded()) {
            List<ExclusionReason> reasons = new ArrayList<>(product.reasons().size());
            for (RuleInfo rule : product.reasons()) {
                reasons.add(new ExclusionReason(rule.id(), texts.rule(language, rule, product.product()), rule.source(),
                        rule.asOf(), judgement(rule), texts.rationale(language, rule, product.product()), evidence(rule)));
            }
            excluded.add(new ExcludedProduct(product.product(), texts.product(language, product.product()), reasons));
        }
        return new RecommendationResponse(decisionId, externalId, recommendations, excluded,
                plan(advice.plan(), texts, language), ruleSet.version());
    }

    private static RankedProduct ranked(Advice.Ranked ranked, Texts texts, Language language) {
        Product product = ranked.product();
        List<Reason> reasons = new ArrayList<>(ranked.reasons().size());
        for (Advice.Effect effect : ranked.reasons()) {
            RuleInfo rule = effect.rule();
            reasons.add(new Reason(rule.id(), effect.points(), texts.reason(language, ranked, effect), rule.source(),
                    rule.asOf(), judgement(rule), texts.rationale(language, rule, product), evidence(rule)));
        }
        List<Warning> warnings = new ArrayList<>(ranked.warnings().size());
        for (RuleInfo rule : ranked.warnings()) {
            warnings.add(new Warning(rule.id(), texts.rule(language, rule, product), rule.source(), rule.asOf(),
                    evidence(rule)));
        }
        return new RankedProduct(ranked.rank(), product, texts.product(language, product), ranked.score(),
                ranked.fit(), reasons, warnings);
    }

    private static Plan plan(Advice.Plan plan, Texts texts, Language language) {
        List<Companion> companions = new ArrayList<>(plan.companions().size());
        for (Advice.Companion companion : plan.companions()) {
            companions.add(new Companion(companion.product(), companion.covers(),
                    texts.cover(language, companion, plan.primary())));
        }
        List<UnmetNeed> unmet = new ArrayList<>(plan.unmetNeeds().size());
        for (Advice.UnmetNeed need : plan.unmetNeeds()) {
            unmet.add(new UnmetNeed(need.need(), texts.unmet(language, need.need()),
                    texts.wouldChange(language, need)));
        }
        return new Plan(plan.primary(), companions, unmet, plan.needs());
    }

    private static Boolean judgement(RuleInfo rule) {
        return rule.judgement() ? Boolean.TRUE : null;
    }

    private static Evidence evidence(RuleInfo rule) {
        return rule.evidence() == null ? null : new Evidence(rule.evidence().source(), rule.evidence().quote());
    }
}
