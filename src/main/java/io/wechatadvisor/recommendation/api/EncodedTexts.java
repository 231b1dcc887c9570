package io.wechatadvisor.recommendation.api;

import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;

import io.wechatadvisor.recommendation.domain.RuleInfo;
import io.wechatadvisor.recommendation.ruleset.RuleSet;

/**
 * The strings of one rule set, JSON-encoded once: every text its {@code Texts} resolves, and the rule
 * ids, source keys, dates and quotes an answer repeats dozens of times. {@link AnswerWriter} writes them
 * without escaping them again. They are looked up by identity (the rule set hands out the very
 * instances prepared here), which costs less than hashing; any other string (a joined text, a
 * caller's id) is written as usual. Built on the first answer of a rule set and kept for it and the one before (answers of
 * the old rule set may still be in flight after a reload).
 */
final class EncodedTexts {

    private static final Object LOCK = new Object();
    private static volatile EncodedTexts latest;
    private static volatile EncodedTexts previous;

    private final RuleSet rules;
    private final Map<String, SerializedString> encoded = new IdentityHashMap<>();

    private EncodedTexts(RuleSet rules) {
        this.rules = rules;
        rules.texts().resolved().forEach(this::encode);
        encode(RuleInfo.SCORE_FLOOR.id());
        encode(RuleInfo.SCORE_CEILING.id());
        for (RuleInfo rule : rules.rules()) {
            encode(rule.id());
            encode(rule.source());
            encode(rule.asOf());
            if (rule.evidence() != null) {
                encode(rule.evidence().quote());
            }
        }
    }

    private void encode(String value) {
        if (value != null) {
            encoded.put(value, new SerializedString(value));
        }
    }

    static EncodedTexts of(RuleSet rules) {
        EncodedTexts texts = latest;
        if (texts != null && texts.rules == rules) {
            return texts;
        }
        texts = previous;
        if (texts != null && texts.rules == rules) {
            return texts;
        }
        synchronized (LOCK) {
            if (latest != null && latest.rules == rules) {
                return latest;
            }
            texts = new EncodedTexts(rules);
            previous = latest;
            latest = texts;
            return texts;
        }
    }

    /** Writes {@code value} as a JSON string, pre-encoded where it can. */
    void write(JsonGenerator json, String value) throws IOException {
        SerializedString prepared = encoded.get(value);
        if (prepared != null) {
            json.writeString(prepared);
        } else {
            json.writeString(value);
        }
    }
}
