package io.wechatadvisor.webhooks.outbox;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.wechatadvisor.recommendation.domain.Advice;
import io.wechatadvisor.recommendation.domain.Fit;
import io.wechatadvisor.recommendation.domain.Language;
import io.wechatadvisor.recommendation.domain.Product;
import io.wechatadvisor.recommendation.domain.RuleInfo;
import io.wechatadvisor.recommendation.ruleset.LiveRules;
import io.wechatadvisor.recommendation.ruleset.RuleSet;

/**
 * The reasons of a decision's primary product in the decision's language, worded as its answer
 * worded them: by the texts of the rule set that answered (the live one, whose version the decision
 * names; events are made right after their answer). Should the live set have changed in between,
 * there is no text to guess: the answer is null and the event carries the rule ids only.
 */
@ApplicationScoped
public class ReasonTexts {

    private final LiveRules live;

    public ReasonTexts(LiveRules live) {
        this.live = live;
    }

    /** The texts of {@code ranked} (a recorded recommendation), joined by spaces; null if unknown. */
    public String of(String rulesVersion, String languageTag, JsonNode ranked) {
        RuleSet ruleSet = live.live().orElse(null);
        if (ruleSet == null || !ruleSet.version().equals(rulesVersion) || ranked == null) {
            return null;
        }
        Language language = Language.ZH_CN.tag().equals(languageTag) ? Language.ZH_CN : Language.EN;
        Product product = Product.valueOf(ranked.path("product").asText());
        List<Advice.Effect> effects = new ArrayList<>();
        for (JsonNode reason : ranked.path("reasons")) {
            String id = reason.path("rule").asText();
            RuleInfo info = ruleSet.rule(id).orElseGet(() -> new RuleInfo(id, null, null, null, false, null, null));
            effects.add(new Advice.Effect(info, product, reason.path("effect").asInt()));
        }
        Advice.Ranked recorded = new Advice.Ranked(ranked.path("rank").asInt(), product, ranked.path("score").asInt(),
                Fit.valueOf(ranked.path("fit").asText()), effects, List.of());
        List<String> texts = new ArrayList<>(effects.size());
        for (Advice.Effect effect : effects) {
            texts.add(ruleSet.texts().reason(language, recorded, effect));
        }
        return String.join(" ", texts);
    }
}
