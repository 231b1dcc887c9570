package io.wechatadvisor.recommendation.ruleset;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import io.wechatadvisor.recommendation.domain.Advice;
import io.wechatadvisor.recommendation.domain.Language;
import io.wechatadvisor.recommendation.domain.Need;
import io.wechatadvisor.recommendation.domain.Product;
import io.wechatadvisor.recommendation.domain.RuleInfo;

/**
 * The human texts of one rule set, from {@code i18n/messages_en.properties} and
 * {@code i18n/messages_zh_CN.properties} (UTF-8), keyed by rule id, and the one place that decides
 * how an answer is worded: which text a reason, warning, companion or unmet need gets in a language.
 * Both languages must hold the same keys. Every text an answer can need is resolved once, when the
 * rule set loads, so answering a request looks up no key.
 *
 * <p>Keys, each with its fallback after the arrow:
 * <ul>
 * <li>{@code <RULE-ID>.<PRODUCT>} → {@code <RULE-ID>}: what a rule says about a product</li>
 * <li>{@code product.<PRODUCT>}, {@code source.<KEY>}: names</li>
 * <li>{@code BASE-ELIGIBLE.only}: added to the base text when no other rule moved a product's score</li>
 * <li>{@code rationale.<RULE-ID>.<PRODUCT>} → {@code rationale.<RULE-ID>}: why a judgement concludes
 * what it does (every judgement has one)</li>
 * <li>{@code cover.<NEED>.<PRODUCT>.with.<PRIMARY>} → {@code cover.<NEED>.<PRODUCT>} →
 * {@code cover.<NEED>}: why a companion is in the plan; a text that names the plan's primary product
 * goes under {@code .with.<PRIMARY>}, so no text names a product the plan does not hold</li>
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
    private final Map<String, String[]> ruleTexts = new HashMap<>();
    private final Map<String, String[]> rationaleTexts = new HashMap<>();
    private final Map<String, String[]> wouldChangeTexts = new HashMap<>();
    private final String[] baseOnlyTexts = new String[LANGUAGES * PRODUCTS];
    private final String[] productNames = new String[LANGUAGES * PRODUCTS];
    private final String[] coverTexts = new String[LANGUAGES * NEEDS * PRODUCTS * PRODUCTS];
    private final String[] unmetTexts = new String[LANGUAGES * NEEDS];
    private final String[] uncoveredTexts = new String[LANGUAGES * NEEDS];
    /** Every text resolved above, each instance (equal texts under two keys are two instances). */
    private final List<String> resolved = new ArrayList<>();

    private Texts(EnumMap<Language, Map<String, String>> bundles, Collection<String> ruleIds) {
        this.bundles = bundles;
        List<String> ids = new ArrayList<>(ruleIds);
        ids.addAll(List.of("SCORE-FLOOR", "SCORE-CEILING", BASE));
        for (Language language : Language.values()) {
            int l = language.ordinal();
            for (String id : ids) {
                String[] texts = ruleTexts.computeIfAbsent(id, k -> new String[LANGUAGES * PRODUCTS]);
                String[] changes = wouldChangeTexts.computeIfAbsent(id, k -> new String[LANGUAGES * NEEDS]);
                String[] rationales = rationaleTexts.computeIfAbsent(id, k -> new String[LANGUAGES * PRODUCTS]);
                for (Product product : Product.values()) {
                    texts[l * PRODUCTS + product.ordinal()] = first(language, id + "." + product.name(), id);
                    rationales[l * PRODUCTS + product.ordinal()] = first(language,
                            "rationale." + id + "." + product.name(), "rationale." + id);
                }
                for (Need need : Need.values()) {
                    changes[l * NEEDS + need.ordinal()] = first(language,
                            "wouldChange." + need.name() + "." + id, "wouldChange." + id);
                }
            }
            for (Product product : Product.values()) {
                int p = l * PRODUCTS + product.ordinal();
                productNames[p] = get(language, "product." + product.name());
                String base = ruleTexts.get(BASE)[p];
                baseOnlyTexts[p] = base == null ? null : base + " " + get(language, BASE_ONLY);
            }
            for (Need need : Need.values()) {
                int n = l * NEEDS + need.ordinal();
                unmetTexts[n] = get(language, "unmet." + need.name());
                uncoveredTexts[n] = first(language, "wouldChange." + need.name(), "wouldChange.default");
                for (Product product : Product.values()) {
                    String cover = first(language, "cover." + need.name() + "." + product.name(), "cover." + need.name());
                    for (Product primary : Product.values()) {
                        String with = get(language, "cover." + need.name() + "." + product.name() + ".with." + primary.name());
                        coverTexts[(n * PRODUCTS + product.ordinal()) * PRODUCTS + primary.ordinal()] =
                                with != null ? with : cover;
                    }
                }
            }
        }
        ruleTexts.values().forEach(this::keep);
        rationaleTexts.values().forEach(this::keep);
        wouldChangeTexts.values().forEach(this::keep);
        List.of(baseOnlyTexts, productNames, coverTexts, unmetTexts, uncoveredTexts).forEach(this::keep);
    }

    private void keep(String[] texts) {
        for (String text : texts) {
            if (text != null) {
                resolved.add(text);
            }
        }
    }

    /**
     * Reads and checks the bundles: both languages hold the same keys, and every rule id, source,
     * product, need and engine text is there.
     */
    static Texts load(RuleFiles files, Collection<String> ruleIds, Collection<String> judgementIds,
            Collection<String> sources) throws RuleLoadException {
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
        check(bundles, ruleIds, judgementIds, sources);
        return new Texts(bundles, ruleIds);
    }

    private static void check(EnumMap<Language, Map<String, String>> bundles, Collection<String> ruleIds,
            Collection<String> judgementIds, Collection<String> sources) throws RuleLoadException {
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
                if (!hasKey(bundle, id)) {
                    missing.add(id);
                }
            }
            for (String id : judgementIds) {
                if (!hasKey(bundle, "rationale." + id)) {
                    missing.add("rationale." + id + " (a judgement's rationale)");
                }
            }
            if (!missing.isEmpty()) {
                throw new RuleLoadException(FILES.get(language), 0,
                        "texts missing for " + String.join(", ", new TreeSet<>(missing)));
            }
        }
    }

    /** Whether the bundle holds {@code key}, or a key for one of its products ({@code key.<PRODUCT>}). */
    private static boolean hasKey(Map<String, String> bundle, String key) {
        String prefix = key + ".";
        return bundle.containsKey(key) || bundle.keySet().stream().anyMatch(k -> k.startsWith(prefix));
    }

    /** The text of a message key, or {@code null} when the bundle lacks it. */
    public String get(Language language, String key) {
        return bundles.get(language).get(key);
    }

    private String first(Language language, String key, String fallback) {
        String text = get(language, key);
        return text != null ? text : get(language, fallback);
    }

    /**
     * Every text the methods below can return as it is (a joined text aside), as the very instances
     * they return: a writer may prepare them once per rule set.
     */
    public List<String> resolved() {
        return Collections.unmodifiableList(resolved);
    }

    public String product(Language language, Product product) {
        return productNames[language.ordinal() * PRODUCTS + product.ordinal()];
    }

    /** What rule {@code rule} says about {@code product}: an exclusion or a warning; the id if there is no text. */
    public String rule(Language language, RuleInfo rule, Product product) {
        String[] texts = ruleTexts.get(rule.id());
        String text = texts == null ? null : texts[language.ordinal() * PRODUCTS + product.ordinal()];
        return text != null ? text : rule.id();
    }

    /**
     * The text of one reason of a ranked product. When the base score is its only reason, the base
     * text also says that no other rule moved it.
     */
    public String reason(Language language, Advice.Ranked ranked, Advice.Effect effect) {
        return ranked.reasons().size() == 1
                ? baseOnlyTexts[language.ordinal() * PRODUCTS + ranked.product().ordinal()]
                : rule(language, effect.rule(), ranked.product());
    }

    /** Why judgement {@code rule} concludes what it does about {@code product}; {@code null} for a fact. */
    public String rationale(Language language, RuleInfo rule, Product product) {
        String[] texts = rule.judgement() ? rationaleTexts.get(rule.id()) : null;
        return texts == null ? null : texts[language.ordinal() * PRODUCTS + product.ordinal()];
    }

    /**
     * Why a companion is in a plan led by {@code primary}: the text of each need it covers, joined in
     * order.
     */
    public String cover(Language language, Advice.Companion companion, Product primary) {
        List<Need> covers = companion.covers();
        if (covers.size() == 1) {
            return cover(language, covers.get(0), companion.product(), primary);
        }
        List<String> parts = new ArrayList<>(covers.size());
        for (Need need : covers) {
            parts.add(cover(language, need, companion.product(), primary));
        }
        return String.join(" ", parts);
    }

    /** Why {@code product} covers {@code need} in a plan led by {@code primary}. */
    public String cover(Language language, Need need, Product product, Product primary) {
        return coverTexts[((language.ordinal() * NEEDS + need.ordinal()) * PRODUCTS + product.ordinal()) * PRODUCTS
                + primary.ordinal()];
    }

    /** Why {@code need} stays unmet. */
    public String unmet(Language language, Need need) {
        return unmetTexts[language.ordinal() * NEEDS + need.ordinal()];
    }

    /**
     * What would meet an unmet need: the distinct changes that would lift the exclusions blocking
     * it, in order, or, when no WeChat product covers it at all, what would.
     */
    public String wouldChange(Language language, Advice.UnmetNeed unmet) {
        List<RuleInfo> blockers = unmet.blockedBy();
        if (blockers.isEmpty()) {
            return uncovered(language, unmet.need());
        }
        if (blockers.size() == 1) {
            return wouldChange(language, unmet.need(), blockers.get(0));
        }
        Set<String> changes = new LinkedHashSet<>();
        for (RuleInfo rule : blockers) {
            changes.add(wouldChange(language, unmet.need(), rule));
        }
        return String.join(" ", changes);
    }

    private String wouldChange(Language language, Need need, RuleInfo rule) {
        String[] texts = wouldChangeTexts.get(rule.id());
        String text = texts == null ? null : texts[language.ordinal() * NEEDS + need.ordinal()];
        return text != null ? text : uncovered(language, need);
    }

    private String uncovered(Language language, Need need) {
        return uncoveredTexts[language.ordinal() * NEEDS + need.ordinal()];
    }
}
