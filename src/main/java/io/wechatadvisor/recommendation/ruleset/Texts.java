package io.wechatadvisor.recommendation.ruleset;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

import com.fasterxml.jackson.core.io.SerializedString;

import io.wechatadvisor.recommendation.domain.Language;
import io.wechatadvisor.recommendation.domain.Need;
import io.wechatadvisor.recommendation.domain.Product;

/**
 * The human texts of one rule set, from {@code i18n/messages_en.properties} and
 * {@code i18n/messages_zh_CN.properties} (UTF-8), keyed by rule id. Both languages must hold the same
 * keys. Every text an answer can need is resolved once, when the rule set loads, and kept JSON-encoded
 * ({@link SerializedString}), so answering a request neither looks up nor escapes a text.
 *
 * <p>Keys, each with its fallback after the arrow:
 * <ul>
 * <li>{@code <RULE-ID>.<PRODUCT>} → {@code <RULE-ID>}: what a rule says about a product</li>
 * <li>{@code product.<PRODUCT>}, {@code source.<KEY>}: names</li>
 * <li>{@code cover.<NEED>.<PRODUCT>} → {@code cover.<NEED>}: why a companion is in the plan</li>
 * <li>{@code unmet.<NEED>}: a need no eligible product covers</li>
 * <li>{@code wouldChange.<NEED>.<EXCLUSION-ID>} → {@code wouldChange.<EXCLUSION-ID>}: what would
 * reopen a product that covers it; {@code wouldChange.<NEED>} → {@code wouldChange.default} when no
 * WeChat product covers it at all</li>
 * </ul>
 */
public final class Texts {

    static final String BASE = "BASE-ELIGIBLE";
    static final String BASE_ONLY = "BASE-ELIGIBLE.only";
    static final List<String> ENGINE_KEYS = List.of("SCORE-FLOOR", "SCORE-CEILING", BASE_ONLY, "wouldChange.default");

    private static final Map<Language, String> FILES = Map.of(
            Language.EN, "i18n/messages_en.properties",
            Language.ZH_CN, "i18n/messages_zh_CN.properties");
    private static final int LANGUAGES = Language.values().length;
    private static final int PRODUCTS = Product.values().length;
    private static final int NEEDS = Need.values().length;

    private final EnumMap<Language, Map<String, String>> bundles;
    private final Map<String, SerializedString[]> ruleTexts = new HashMap<>();
    private final Map<String, SerializedString[]> wouldChangeTexts = new HashMap<>();
    private final SerializedString[] baseOnlyTexts = new SerializedString[LANGUAGES * PRODUCTS];
    private final SerializedString[] productNames = new SerializedString[LANGUAGES * PRODUCTS];
    private final SerializedString[] coverTexts = new SerializedString[LANGUAGES * NEEDS * PRODUCTS];
    private final SerializedString[] unmetTexts = new SerializedString[LANGUAGES * NEEDS];
    private final SerializedString[] uncoveredTexts = new SerializedString[LANGUAGES * NEEDS];
    /** Rule ids, source keys and dates, encoded once: an answer repeats them dozens of times. */
    private final Map<String, SerializedString> tokens = new HashMap<>();

    private Texts(EnumMap<Language, Map<String, String>> bundles, Collection<String> ruleIds,
            Collection<String> tokenValues) {
        this.bundles = bundles;
        tokenValues.forEach(value -> tokens.put(value, new SerializedString(value)));
        List<String> ids = new ArrayList<>(ruleIds);
        ids.addAll(List.of("SCORE-FLOOR", "SCORE-CEILING", BASE));
        for (Language language : Language.values()) {
            int l = language.ordinal();
            for (String id : ids) {
                SerializedString[] texts = ruleTexts.computeIfAbsent(id, k -> new SerializedString[LANGUAGES * PRODUCTS]);
                SerializedString[] changes = wouldChangeTexts.computeIfAbsent(id,
                        k -> new SerializedString[LANGUAGES * NEEDS]);
                for (Product product : Product.values()) {
                    texts[l * PRODUCTS + product.ordinal()] = encoded(first(language, id + "." + product.name(), id));
                }
                for (Need need : Need.values()) {
                    changes[l * NEEDS + need.ordinal()] = encoded(first(language,
                            "wouldChange." + need.name() + "." + id, "wouldChange." + id));
                }
            }
            for (Product product : Product.values()) {
                int p = l * PRODUCTS + product.ordinal();
                productNames[p] = encoded(get(language, "product." + product.name()));
                SerializedString base = ruleTexts.get(BASE)[p];
                baseOnlyTexts[p] = base == null ? null : encoded(base.getValue() + " " + get(language, BASE_ONLY));
            }
            for (Need need : Need.values()) {
                int n = l * NEEDS + need.ordinal();
                unmetTexts[n] = encoded(get(language, "unmet." + need.name()));
                uncoveredTexts[n] = encoded(first(language, "wouldChange." + need.name(), "wouldChange.default"));
                for (Product product : Product.values()) {
                    coverTexts[n * PRODUCTS + product.ordinal()] = encoded(first(language,
                            "cover." + need.name() + "." + product.name(), "cover." + need.name()));
                }
            }
        }
    }

    /**
     * Reads and checks the bundles: both languages hold the same keys, and every rule id, source,
     * product, need and engine text is there.
     */
    static Texts load(RuleFiles files, Collection<String> ruleIds, Collection<String> sources, Collection<String> tokens)
            throws RuleLoadException {
        EnumMap<Language, Map<String, String>> bundles = new EnumMap<>(Language.class);
        for (Language language : Language.values()) {
            String file = FILES.get(language);
            byte[] content = files.files().get(file);
            if (content == null) {
                throw new RuleLoadException(file, 0, "the message bundle is missing");
            }
            Properties properties = new Properties();
            try {
                properties.load(new StringReader(new String(content, StandardCharsets.UTF_8)));
            } catch (IOException | IllegalArgumentException e) {
                throw new RuleLoadException(file, 0, "the message bundle cannot be read: " + e.getMessage());
            }
            Map<String, String> bundle = new HashMap<>();
            properties.forEach((key, value) -> bundle.put((String) key, ((String) value).strip()));
            bundles.put(language, bundle);
        }
        check(bundles, ruleIds, sources);
        return new Texts(bundles, ruleIds, tokens);
    }

    private static void check(EnumMap<Language, Map<String, String>> bundles, Collection<String> ruleIds,
            Collection<String> sources) throws RuleLoadException {
        Map<String, String> english = bundles.get(Language.EN);
        for (Language language : Language.values()) {
            Map<String, String> bundle = bundles.get(language);
            List<String> missing = new ArrayList<>();
            english.keySet().stream().filter(k -> !bundle.containsKey(k)).forEach(missing::add);
            bundle.keySet().stream().filter(k -> !english.containsKey(k)).map(k -> k + " (not in en)").forEach(missing::add);
            List<String> required = new ArrayList<>(ENGINE_KEYS);
            for (Product product : Product.values()) {
                required.add("product." + product.name());
            }
            for (Need need : Need.values()) {
                required.add("unmet." + need.name());
            }
            sources.forEach(source -> required.add("source." + source));
            required.stream().filter(k -> !bundle.containsKey(k)).forEach(missing::add);
            for (String id : ruleIds) {
                String prefix = id + ".";
                if (!bundle.containsKey(id) && bundle.keySet().stream().noneMatch(k -> k.startsWith(prefix))) {
                    missing.add(id);
                }
            }
            if (!missing.isEmpty()) {
                throw new RuleLoadException(FILES.get(language), 0,
                        "texts missing for " + String.join(", ", new TreeSet<>(missing)));
            }
        }
    }

    /** The text of a message key, or {@code null} when the bundle lacks it. */
    public String get(Language language, String key) {
        return bundles.get(language).get(key);
    }

    private String first(Language language, String key, String fallback) {
        String text = get(language, key);
        return text != null ? text : get(language, fallback);
    }

    /** A rule id, source key or date, JSON-encoded. */
    public SerializedString token(String value) {
        SerializedString token = tokens.get(value);
        return token != null ? token : new SerializedString(value);
    }

    private static SerializedString encoded(String text) {
        return text == null ? null : new SerializedString(text);
    }

    /** What rule {@code ruleId} says about {@code product}; the id itself if there is no text. */
    public SerializedString rule(Language language, String ruleId, Product product) {
        SerializedString[] texts = ruleTexts.get(ruleId);
        SerializedString text = texts == null ? null : texts[language.ordinal() * PRODUCTS + product.ordinal()];
        return text != null ? text : new SerializedString(ruleId);
    }

    /** BASE-ELIGIBLE's text about {@code product}, with the sentence saying no other rule moved its score. */
    public SerializedString baseOnly(Language language, Product product) {
        return baseOnlyTexts[language.ordinal() * PRODUCTS + product.ordinal()];
    }

    public SerializedString product(Language language, Product product) {
        return productNames[language.ordinal() * PRODUCTS + product.ordinal()];
    }

    /** Why {@code product} covers {@code need} in the plan. */
    public SerializedString cover(Language language, Need need, Product product) {
        return coverTexts[(language.ordinal() * NEEDS + need.ordinal()) * PRODUCTS + product.ordinal()];
    }

    /** Why {@code need} stays unmet. */
    public SerializedString unmet(Language language, Need need) {
        return unmetTexts[language.ordinal() * NEEDS + need.ordinal()];
    }

    /** What would lift exclusion {@code ruleId} for a product that covers {@code need}. */
    public SerializedString wouldChange(Language language, Need need, String ruleId) {
        SerializedString[] texts = wouldChangeTexts.get(ruleId);
        SerializedString text = texts == null ? null : texts[language.ordinal() * NEEDS + need.ordinal()];
        return text != null ? text : uncovered(language, need);
    }

    /** What would meet {@code need} when no WeChat product covers it. */
    public SerializedString uncovered(Language language, Need need) {
        return uncoveredTexts[language.ordinal() * NEEDS + need.ordinal()];
    }
}
