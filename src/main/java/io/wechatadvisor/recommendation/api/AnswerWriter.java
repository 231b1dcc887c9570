package io.wechatadvisor.recommendation.api;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;

import io.wechatadvisor.recommendation.api.EncodedTexts.EntryKind;
import io.wechatadvisor.recommendation.domain.Advice;
import io.wechatadvisor.recommendation.domain.Fit;
import io.wechatadvisor.recommendation.domain.Language;
import io.wechatadvisor.recommendation.domain.Need;
import io.wechatadvisor.recommendation.domain.Product;
import io.wechatadvisor.recommendation.domain.RuleInfo;
import io.wechatadvisor.recommendation.ruleset.RuleSet;
import io.wechatadvisor.recommendation.ruleset.Texts;

/**
 * Writes an {@link Advice} as the JSON of {@link RecommendationResponse}, in one language, straight
 * from the advice: no response objects are built, and every field name and, where it can, every
 * text, name and id is already JSON-encoded ({@link EncodedTexts}). What each text says is decided
 * by the rule set's {@link Texts}. A rule's entry (a reason, a warning, an exclusion's reason) is
 * written whole from the JSON {@link EncodedTexts} keeps of it, once written. The records of
 * {@code RecommendationResponse} stay the documented shape; a test checks that this writer's output
 * is byte for byte what Jackson makes of them.
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
    private static final SerializedString RATIONALE = name("rationale");
    private static final SerializedString EVIDENCE = name("evidence");
    private static final SerializedString QUOTE = name("quote");
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
    /** Writes an entry the first time, for {@link EncodedTexts} to keep: JSON as an answer's generator writes it. */
    private static final JsonFactory ENTRIES = new JsonFactory();

    private AnswerWriter() {
    }

    static void write(JsonGenerator json, Advice advice, RuleSet rules, Language language, String externalId,
            String decisionId)
            throws IOException {
        Texts texts = rules.texts();
        EncodedTexts out = EncodedTexts.of(rules);
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
            ranked(json, ranked, texts, out, language);
        }
        json.writeEndArray();
        json.writeFieldName(EXCLUDED);
        json.writeStartArray();
        for (Advice.Excluded excluded : advice.excluded()) {
            json.writeStartObject();
            json.writeFieldName(PRODUCT);
            json.writeString(PRODUCTS[excluded.product().ordinal()]);
            json.writeFieldName(NAME);
            out.write(json, texts.product(language, excluded.product()));
            json.writeFieldName(REASONS);
            json.writeStartArray();
            for (RuleInfo rule : excluded.reasons()) {
                entry(json, out, rule, EntryKind.EXCLUSION, language, excluded.product(),
                        texts.rule(language, rule, excluded.product()), texts.rationale(language, rule, excluded.product()), 0);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeFieldName(PLAN);
        plan(json, advice.plan(), texts, out, language);
        json.writeFieldName(RULES_VERSION);
        json.writeString(rules.version());
        json.writeEndObject();
    }

    private static void ranked(JsonGenerator json, Advice.Ranked ranked, Texts texts, EncodedTexts out,
            Language language) throws IOException {
        Product product = ranked.product();
        json.writeStartObject();
        json.writeFieldName(RANK);
        json.writeNumber(ranked.rank());
        json.writeFieldName(PRODUCT);
        json.writeString(PRODUCTS[product.ordinal()]);
        json.writeFieldName(NAME);
        out.write(json, texts.product(language, product));
        json.writeFieldName(SCORE);
        json.writeNumber(ranked.score());
        json.writeFieldName(FIT);
        json.writeString(FITS[ranked.fit().ordinal()]);
        json.writeFieldName(REASONS);
        json.writeStartArray();
        EntryKind reason = ranked.reasons().size() == 1 ? EntryKind.ONLY_REASON : EntryKind.REASON;
        for (Advice.Effect effect : ranked.reasons()) {
            RuleInfo rule = effect.rule();
            entry(json, out, rule, reason, language, product, texts.reason(language, ranked, effect),
                    texts.rationale(language, rule, product), effect.points());
        }
        json.writeEndArray();
        json.writeFieldName(WARNINGS);
        json.writeStartArray();
        for (RuleInfo rule : ranked.warnings()) {
            entry(json, out, rule, EntryKind.WARNING, language, product, texts.rule(language, rule, product), null, 0);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    /** Writes one entry of {@code rule}: as kept, or in full, then kept. */
    private static void entry(JsonGenerator json, EncodedTexts out, RuleInfo rule, EntryKind kind, Language language,
            Product product, String text, String rationale, int points) throws IOException {
        EncodedTexts.Rule encoded = out.rule(rule);
        EncodedTexts.Entry kept = EncodedTexts.entry(encoded, kind, language, product, text, rationale);
        if (kept == null) {
            StringWriter written = new StringWriter(1024);
            try (JsonGenerator entry = ENTRIES.createGenerator(written)) {
                entry(entry, rule, encoded, out, kind, text, rationale, points);
            }
            kept = EncodedTexts.keep(encoded, kind, language, product, text, rationale, points, written.toString());
        }
        kept.write(json, points);
    }

    /** rule, (for a reason) effect, text, then the provenance: a warning's without judgement. */
    private static void entry(JsonGenerator json, RuleInfo rule, EncodedTexts.Rule encoded, EncodedTexts out,
            EntryKind kind, String text, String rationale, int points) throws IOException {
        json.writeStartObject();
        json.writeFieldName(RULE);
        EncodedTexts.write(json, encoded.id());
        if (kind == EntryKind.REASON || kind == EntryKind.ONLY_REASON) {
            json.writeFieldName(EFFECT);
            json.writeNumber(points);
        }
        json.writeFieldName(TEXT);
        out.write(json, text);
        provenance(json, rule, encoded, out, rationale, kind != EntryKind.WARNING);
        json.writeEndObject();
    }

    /**
     * source, asOf, (where asked and true) judgement with its rationale, and the evidence, each only
     * where present.
     */
    private static void provenance(JsonGenerator json, RuleInfo rule, EncodedTexts.Rule encoded, EncodedTexts out,
            String rationale, boolean withJudgement) throws IOException {
        if (encoded.source() != null) {
            json.writeFieldName(SOURCE);
            json.writeString(encoded.source());
        }
        if (encoded.asOf() != null) {
            json.writeFieldName(AS_OF);
            json.writeString(encoded.asOf());
        }
        if (withJudgement && rule.judgement()) {
            json.writeFieldName(JUDGEMENT);
            json.writeBoolean(true);
            json.writeFieldName(RATIONALE);
            out.write(json, rationale);
        }
        if (encoded.hasEvidence()) {
            json.writeFieldName(EVIDENCE);
            json.writeStartObject();
            json.writeFieldName(SOURCE);
            EncodedTexts.write(json, encoded.evidenceSource());
            json.writeFieldName(QUOTE);
            EncodedTexts.write(json, encoded.quote());
            json.writeEndObject();
        }
    }

    private static void plan(JsonGenerator json, Advice.Plan plan, Texts texts, EncodedTexts out, Language language)
            throws IOException {
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
            out.write(json, texts.cover(language, companion, plan.primary()));
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
            out.write(json, texts.unmet(language, unmet.need()));
            json.writeFieldName(WOULD_CHANGE);
            out.write(json, texts.wouldChange(language, unmet));
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeFieldName(NEEDS);
        needs(json, plan.needs());
        json.writeEndObject();
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
