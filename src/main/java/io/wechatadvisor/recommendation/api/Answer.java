package io.wechatadvisor.recommendation.api;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.wechatadvisor.recommendation.domain.Advice;
import io.wechatadvisor.recommendation.domain.Language;
import io.wechatadvisor.recommendation.ruleset.RuleSet;

/**
 * One answer, ready to be written: the advice, the rule set that made it (for its texts and
 * version), the language and the caller's id. Jackson writes it with {@link AnswerWriter}; its JSON
 * is {@link RecommendationResponse}.
 */
@Schema(implementation = RecommendationResponse.class)
public final class Answer implements JsonSerializable {

    private final Advice advice;
    private final RuleSet ruleSet;
    private final Language language;
    private final String externalId;

    Answer(Advice advice, RuleSet ruleSet, Language language, String externalId) {
        this.advice = advice;
        this.ruleSet = ruleSet;
        this.language = language;
        this.externalId = externalId;
    }

    @Override
    public void serialize(JsonGenerator json, SerializerProvider provider) throws IOException {
        AnswerWriter.write(json, advice, ruleSet, language, externalId);
    }

    @Override
    public void serializeWithType(JsonGenerator json, SerializerProvider provider, TypeSerializer type)
            throws IOException {
        serialize(json, provider);
    }
}
