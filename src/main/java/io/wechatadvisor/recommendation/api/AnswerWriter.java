package io.wechatadvisor.recommendation.api;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;

import io.wechatadvisor.recommendation.domain.Advice;
import io.wechatadvisor.recommendation.domain.Fit;
import io.wechatadvisor.recommendation.domain.Language;
import io.wechatadvisor.recommendation.domain.Need;
import io.wechatadvisor.recommendation.domain.Product;
import io.wechatadvisor.recommendation.domain.RuleInfo;
import io.wechatadvisor.recommendation.ruleset.Texts;

/**
 * Writes an {@link Advice} as the JSON of {@link RecommendationResponse}, in one language, straight
 * from the advice: no response objects are built, and every text, name and field name is already
 * JSON-encoded (see {@link Texts}). The records of {@code RecommendationResponse} stay the documented
 * shape; a test checks that this writer's output is byte for byte what Jackson makes of them.
 */
final class AnswerWriter {

    private static final SerializedString DECISION_ID = name("decisionId");
    private static final SerializedString EXTERNAL_ID = name("externalId");
    private static final SerializedString RECOMMENDATIONS = name("recommendations");
    private static final SerializedString EXCLUDED = name("excluded");
    private static final SerializedString PLAN = name("plan");
    private static final SerializedString RULES_VERSION = name("rulesVersion");
    private static final SerializedString RANK = name("rank");
    private static final SerializedString PRODUCT = name("product");
    private static final SerializedString NAME = name("name");
    private static final SerializedString SCORE = name("score");
    private static final SerializedString FIT = name("fit");
    private static final SerializedString REASONS = name("reasons");
    private static final SerializedString WARNINGS = name("warnings");
    private static final SerializedString RULE = name("rule");
    private static final SerializedString EFFECT = name("effect");
    private static final SerializedString TEXT = name("text");
    private static final SerializedString SOURCE = name("source");
    private static final SerializedString AS_OF = name("asOf");
    private static final SerializedString JUDGEMENT = name("judgement");
    private static final SerializedString PRIMARY = name("primary");
    private static final SerializedString COMPANIONS = name("companions");
    private static final SerializedString COVERS = name("covers");
    private static final SerializedString UNMET_NEEDS = name("unmetNeeds");
    private static final SerializedString NEED = name("need");
    private static final SerializedString WOULD_CHANGE = name("wouldChange");
    private static final SerializedString NEEDS = name("needs");

    private static final SerializedString[] PRODUCTS = names(Product.values());
    private static final SerializedString[] FITS = names(Fit.values());
    private static final SerializedString[] NEED_NAMES = names(Need.values());

    private AnswerWriter() {
    }

    static void write(JsonGenerator json, Advice advice, Texts texts, String rulesVersion, Language language,
            String externalId, String decisionId) throws IOException {
        json.writeStartObject();
        if (decisionId != null) {
            json.writeFieldName(DECISION_ID);
            json.writeString(decisionId);
        }
        if (externalId != null) {
            json.writeFieldName(EXTERNAL_ID);
            json.writeString(externalId);
        }
        json.writeFieldName(RECOMMENDATIONS);
        json.writeStartArray();
        for (Advice.Ranked ranked : advice.recommendations()) {
            ranked(json, ranked, texts, language);
        }
        json.writeEndArray();
        json.writeFieldName(EXCLUDED);
        json.writeStartArray();
        for (Advice.Excluded excluded : advice.excluded()) {
            json.writeStartObject();
            json.writeFieldName(PRODUCT);
            json.writeString(PRODUCTS[excluded.product().ordinal()]);
            json.writeFieldName(NAME);
            json.writeString(texts.product(language, excluded.product()));
            json.writeFieldName(REASONS);
            json.writeStartArray();
            for (RuleInfo rule : excluded.reasons()) {
                json.writeStartObject();
                json.writeFieldName(RULE);
                json.writeString(texts.token(rule.id()));
                json.writeFieldName(TEXT);
                json.writeString(texts.rule(language, rule.id(), excluded.product()));
                provenance(json, rule, texts, true);
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeFieldName(PLAN);
        plan(json, advice.plan(), texts, language);
        json.writeFieldName(RULES_VERSION);
        json.writeString(rulesVersion);
        json.writeEndObject();
    }

    private static void ranked(JsonGenerator json, Advice.Ranked ranked, Texts texts, Language language)
            throws IOException {
        Product product = ranked.product();
        json.writeStartObject();
        json.writeFieldName(RANK);
        json.writeNumber(ranked.rank());
        json.writeFieldName(PRODUCT);
        json.writeString(PRODUCTS[product.ordinal()]);
        json.writeFieldName(NAME);
        json.writeString(texts.product(language, product));
        json.writeFieldName(SCORE);
        json.writeNumber(ranked.score());
        json.writeFieldName(FIT);
        json.writeString(FITS[ranked.fit().ordinal()]);
        json.writeFieldName(REASONS);
        json.writeStartArray();
        boolean alone = ranked.reasons().size() == 1;
        for (Advice.Effect effect : ranked.reasons()) {
            RuleInfo rule = effect.rule();
            json.writeStartObject();
            json.writeFieldName(RULE);
            json.writeString(texts.token(rule.id()));
            json.writeFieldName(EFFECT);
            json.writeNumber(effect.points());
            json.writeFieldName(TEXT);
            json.writeString(alone ? texts.baseOnly(language, product) : texts.rule(language, rule.id(), product));
            provenance(json, rule, texts, true);
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeFieldName(WARNINGS);
        json.writeStartArray();
        for (RuleInfo rule : ranked.warnings()) {
            json.writeStartObject();
            json.writeFieldName(RULE);
            json.writeString(texts.token(rule.id()));
            json.writeFieldName(TEXT);
            json.writeString(texts.rule(language, rule.id(), product));
            provenance(json, rule, texts, false);
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    /** source, asOf and (where asked and true) judgement, each only where present. */
    private static void provenance(JsonGenerator json, RuleInfo rule, Texts texts, boolean withJudgement)
            throws IOException {
        if (rule.source() != null) {
            json.writeFieldName(SOURCE);
            json.writeString(texts.token(rule.source()));
        }
        if (rule.asOf() != null) {
            json.writeFieldName(AS_OF);
            json.writeString(texts.token(rule.asOf()));
        }
        if (withJudgement && rule.judgement()) {
            json.writeFieldName(JUDGEMENT);
            json.writeBoolean(true);
        }
    }

    private static void plan(JsonGenerator json, Advice.Plan plan, Texts texts, Language language) throws IOException {
        json.writeStartObject();
        json.writeFieldName(PRIMARY);
        json.writeString(PRODUCTS[plan.primary().ordinal()]);
        json.writeFieldName(COMPANIONS);
        json.writeStartArray();
        for (Advice.Companion companion : plan.companions()) {
            json.writeStartObject();
            json.writeFieldName(PRODUCT);
            json.writeString(PRODUCTS[companion.product().ordinal()]);
            json.writeFieldName(COVERS);
            needs(json, companion.covers());
            json.writeFieldName(TEXT);
            List<Need> covers = companion.covers();
            if (covers.size() == 1) {
                json.writeString(texts.cover(language, covers.get(0), companion.product()));
            } else {
                List<String> parts = new ArrayList<>(covers.size());
                for (Need need : covers) {
                    parts.add(texts.cover(language, need, companion.product()).getValue());
                }
                json.writeString(String.join(" ", parts));
            }
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeFieldName(UNMET_NEEDS);
        json.writeStartArray();
        for (Advice.UnmetNeed unmet : plan.unmetNeeds()) {
            json.writeStartObject();
            json.writeFieldName(NEED);
            json.writeString(NEED_NAMES[unmet.need().ordinal()]);
            json.writeFieldName(TEXT);
            json.writeString(texts.unmet(language, unmet.need()));
            json.writeFieldName(WOULD_CHANGE);
            json.writeString(wouldChange(unmet, texts, language));
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeFieldName(NEEDS);
        needs(json, plan.needs());
        json.writeEndObject();
    }

    /** The distinct changes that would lift the exclusions blocking a need, in order. */
    private static SerializableString wouldChange(Advice.UnmetNeed unmet, Texts texts, Language language) {
        List<RuleInfo> blockers = unmet.blockedBy();
        if (blockers.isEmpty()) {
            return texts.uncovered(language, unmet.need());
        }
        if (blockers.size() == 1) {
            return texts.wouldChange(language, unmet.need(), blockers.get(0).id());
        }
        Set<String> changes = new LinkedHashSet<>();
        for (RuleInfo rule : blockers) {
            changes.add(texts.wouldChange(language, unmet.need(), rule.id()).getValue());
        }
        return new SerializedString(String.join(" ", changes));
    }

    private static void needs(JsonGenerator json, List<Need> needs) throws IOException {
        json.writeStartArray();
        for (Need need : needs) {
            json.writeString(NEED_NAMES[need.ordinal()]);
        }
        json.writeEndArray();
    }

    private static SerializedString name(String name) {
        return new SerializedString(name);
    }

    private static SerializedString[] names(Enum<?>[] values) {
        SerializedString[] names = new SerializedString[values.length];
        for (Enum<?> value : values) {
            names[value.ordinal()] = new SerializedString(value.name());
        }
        return names;
    }
}
