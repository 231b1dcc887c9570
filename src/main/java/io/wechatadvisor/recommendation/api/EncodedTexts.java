package io.wechatadvisor.recommendation.api;

import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;

import io.wechatadvisor.recommendation.domain.Evidence;
import io.wechatadvisor.recommendation.domain.Language;
import io.wechatadvisor.recommendation.domain.Product;
import io.wechatadvisor.recommendation.domain.RuleInfo;
import io.wechatadvisor.recommendation.ruleset.RuleSet;

/**
 * The strings of one rule set, JSON-encoded once: every text its {@code Texts} resolves, and per rule
 * the id, source key, date and evidence an answer repeats dozens of times. {@link AnswerWriter} writes
 * them without escaping them again. They are looked up by identity (the rule set hands out the very
 * instances prepared here), which costs less than hashing, and a rule's five strings with one look-up;
 * any other string (a joined text, a caller's id) is written as usual. A rule's entries in an answer
 * (a reason, a warning, an exclusion's reason) are kept whole, as the JSON of the last one written for
 * each language, product and kind of entry ({@link #entry}): written again while their text and
 * rationale stay the same, a reason's with any points ({@link Entry}). Built on the first answer of a
 * rule set and kept for it and the one before (answers of the old rule set may still be in flight
 * after a reload).
 */
final class EncodedTexts {

    private static final Object LOCK = new Object();
    private static volatile EncodedTexts latest;
    private static volatile EncodedTexts previous;

    private final RuleSet rules;
    private final Map<String, SerializedString> encoded = new IdentityHashMap<>();
    private final Map<RuleInfo, Rule> byRule = new IdentityHashMap<>();

    /** The kinds of a rule's entries in an answer; a reason is worded one way when it is a product's only one. */
    enum EntryKind { REASON, ONLY_REASON, WARNING, EXCLUSION }

    private static final int LANGUAGES = Language.values().length;
    private static final int PRODUCTS = Product.values().length;
    private static final int ENTRIES = EntryKind.values().length * LANGUAGES * PRODUCTS;

    /**
     * A rule's strings, encoded (null where absent): its id, source and date, and its evidence's source
     * and quote; and its entries as last written, by kind, language and product.
     */
    record Rule(SerializedString id, SerializedString source, SerializedString asOf, boolean hasEvidence,
            SerializedString evidenceSource, SerializedString quote, AtomicReferenceArray<Entry> entries) {

        static Rule of(RuleInfo rule) {
            Evidence evidence = rule.evidence();
            return new Rule(encoded(rule.id()), encoded(rule.source()), encoded(rule.asOf()), evidence != null,
                    evidence == null ? null : encoded(evidence.source()), evidence == null ? null : encoded(evidence.quote()),
                    new AtomicReferenceArray<>(ENTRIES));
        }

        private static SerializedString encoded(String value) {
            return value == null ? null : new SerializedString(value);
        }
    }

    private EncodedTexts(RuleSet rules) {
        this.rules = rules;
        rules.texts().resolved().forEach(this::encode);
        byRule.put(RuleInfo.SCORE_FLOOR, Rule.of(RuleInfo.SCORE_FLOOR));
        byRule.put(RuleInfo.SCORE_CEILING, Rule.of(RuleInfo.SCORE_CEILING));
        for (RuleInfo rule : rules.rules()) {
            byRule.put(rule, Rule.of(rule));
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

    /**
     * The JSON of one entry ({@code json}), and the texts and points it was written from (texts by
     * identity). A reason's JSON is also kept in two parts around its points ({@code head} up to
     * {@code "effect":}, {@code tail} after the number), so that the same entry serves a rule that gives
     * the product other points (the score's floor and ceiling do, by how far they clamp it).
     */
    record Entry(String text, String rationale, int points, SerializableString json, SerializableString head,
            SerializableString tail) {

        /** Writes this entry with {@code points} (a warning's and an exclusion's are 0). */
        void write(JsonGenerator json, int points) throws IOException {
            if (points == this.points) {
                json.writeRawValue(this.json);
                return;
            }
            json.writeRawValue(head);
            json.writeRaw(Integer.toString(points));
            json.writeRaw(tail);
        }
    }

    /**
     * The entry kept for this entry of {@code rule}, if it was written from this very text and
     * rationale; otherwise {@code null}, and the caller writes it and {@link #keep}s it.
     */
    static Entry entry(Rule rule, EntryKind kind, Language language, Product product, String text, String rationale) {
        Entry entry = rule.entries().get(slot(kind, language, product));
        return entry != null && entry.text() == text && entry.rationale() == rationale ? entry : null;
    }

    /**
     * Keeps the JSON of an entry written from {@code text}, {@code rationale} and {@code points}
     * ({@code json}), and returns it.
     */
    static Entry keep(Rule rule, EntryKind kind, Language language, Product product, String text, String rationale,
            int points, String json) {
        SerializableString whole = new SerializedString(json);
        Entry entry;
        if (kind == EntryKind.REASON || kind == EntryKind.ONLY_REASON) {
            // The rule's id is a JSON string before it, in which a quote is always escaped: the first
            // ,"effect": is the field's.
            int number = json.indexOf(EFFECT) + EFFECT.length();
            int after = number + 1;
            while (after < json.length() && Character.isDigit(json.charAt(after))) {
                after++;
            }
            entry = new Entry(text, rationale, points, whole, new SerializedString(json.substring(0, number)),
                    new SerializedString(json.substring(after)));
        } else {
            entry = new Entry(text, rationale, points, whole, null, null);
        }
        rule.entries().set(slot(kind, language, product), entry);
        return entry;
    }

    private static final String EFFECT = ",\"effect\":";

    private static int slot(EntryKind kind, Language language, Product product) {
        return (kind.ordinal() * LANGUAGES + language.ordinal()) * PRODUCTS + product.ordinal();
    }

    /** The rule's strings, encoded: one look-up for all of them. */
    Rule rule(RuleInfo rule) {
        Rule prepared = byRule.get(rule);
        return prepared != null ? prepared : Rule.of(rule);
    }

    /** Writes a prepared string, or null. */
    static void write(JsonGenerator json, SerializedString prepared) throws IOException {
        if (prepared != null) {
            json.writeString(prepared);
        } else {
            json.writeNull();
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
