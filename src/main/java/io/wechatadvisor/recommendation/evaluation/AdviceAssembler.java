package io.wechatadvisor.recommendation.evaluation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.wechatadvisor.recommendation.domain.Advice;
import io.wechatadvisor.recommendation.domain.Advice.Companion;
import io.wechatadvisor.recommendation.domain.Advice.Effect;
import io.wechatadvisor.recommendation.domain.Advice.Excluded;
import io.wechatadvisor.recommendation.domain.Advice.Plan;
import io.wechatadvisor.recommendation.domain.Advice.Ranked;
import io.wechatadvisor.recommendation.domain.Advice.UnmetNeed;
import io.wechatadvisor.recommendation.domain.Need;
import io.wechatadvisor.recommendation.domain.Product;
import io.wechatadvisor.recommendation.domain.RuleInfo;
import io.wechatadvisor.recommendation.domain.Verdict;

/**
 * Turns the rules' marks into the ranked answer. The arithmetic only: which rule marks what lives in
 * the DRL files.
 * <ul>
 * <li>A product with an exclusion is excluded; the others are ranked.</li>
 * <li>A score is the sum of its effects, held between 0 and 100; where it is held, a
 * {@code SCORE-FLOOR} or {@code SCORE-CEILING} reason carries the difference, so the effects of a
 * product always add up to its score.</li>
 * <li>Products rank by their unheld sum, then by the fixed product order.</li>
 * <li>The plan: the first-ranked product, plus the fewest eligible companions covering the other
 * stated needs; among equally small sets, one holding the partner the rules pair with the primary
 * ({@code verdict.pair}), else the one with the higher-ranked companions.</li>
 * </ul>
 */
public final class AdviceAssembler {

    static final int MIN_SCORE = 0;
    static final int MAX_SCORE = 100;
    private static final String BASE = "BASE-ELIGIBLE";

    /** BASE-ELIGIBLE first, score floor or ceiling last, the rest by effect (largest first), then id. */
    private static final Comparator<Effect> REASON_ORDER = AdviceAssembler::compareReasons;

    private static final Product[] PRODUCTS = Product.values();
    private static final Need[] NEEDS = Need.values();
    private static final Comparator<RuleInfo> BY_ID = Comparator.comparing(RuleInfo::id);
    /** By the unheld sum, highest first, then in the fixed product order. */
    private static final Comparator<Scored> RANKING = Comparator.comparingInt(Scored::raw).reversed()
            .thenComparingInt(s -> s.product().ordinal());

    private final Map<String, RuleInfo> rulesByName;
    private final FitBands bands;

    public AdviceAssembler(Map<String, RuleInfo> rulesByName, FitBands bands) {
        this.rulesByName = rulesByName;
        this.bands = bands;
    }

    public Advice assemble(Verdict verdict) {
        Map<Product, List<RuleInfo>> exclusions = new EnumMap<>(Product.class);
        Map<Product, List<RuleInfo>> warnings = new EnumMap<>(Product.class);
        List<Effect>[] effects = effectsByProduct();
        for (Verdict.Mark mark : verdict.marks()) {
            RuleInfo rule = rulesByName.get(mark.rule());
            switch (mark.kind()) {
                case EXCLUDE -> addOnce(exclusions, mark.product(), rule);
                case WARN -> addOnce(warnings, mark.product(), rule);
                case SCORE -> effects[mark.product().ordinal()].add(new Effect(rule, mark.product(), mark.points()));
            }
        }

        List<Scored> scored = new ArrayList<>(PRODUCTS.length);
        for (Product product : PRODUCTS) {
            if (!exclusions.containsKey(product)) {
                scored.add(score(product, effects[product.ordinal()]));
            }
        }
        scored.sort(RANKING);

        List<Ranked> ranked = new ArrayList<>(scored.size());
        for (Scored s : scored) {
            ranked.add(new Ranked(ranked.size() + 1, s.product(), s.score(), bands.of(s.score()), s.reasons(),
                    sortedById(warnings.getOrDefault(s.product(), List.of()))));
        }
        List<Excluded> excluded = new ArrayList<>(exclusions.size());
        exclusions.forEach((product, reasons) -> excluded.add(new Excluded(product, sortedById(reasons))));

        return new Advice(Collections.unmodifiableList(ranked), Collections.unmodifiableList(excluded),
                plan(ranked, exclusions, verdict.needs(), partnerOf(ranked.get(0).product(), verdict.pairings())));
    }

    private record Scored(Product product, int raw, int score, List<Effect> reasons) {
    }

    /** One list of score effects per product (by ordinal), with room for a floor or ceiling. */
    @SuppressWarnings("unchecked")
    private static List<Effect>[] effectsByProduct() {
        List<Effect>[] effects = new List[PRODUCTS.length];
        for (int i = 0; i < effects.length; i++) {
            effects[i] = new ArrayList<>(12);
        }
        return effects;
    }

    /** Sums the product's effects (its own list, sorted in place) and holds the sum between 0 and 100. */
    private static Scored score(Product product, List<Effect> reasons) {
        int raw = 0;
        for (int i = 0; i < reasons.size(); i++) {
            raw += reasons.get(i).points();
        }
        int score = Math.max(MIN_SCORE, Math.min(MAX_SCORE, raw));
        if (score != raw) {
            reasons.add(new Effect(raw < MIN_SCORE ? RuleInfo.SCORE_FLOOR : RuleInfo.SCORE_CEILING, product, score - raw));
        }
        reasons.sort(REASON_ORDER);
        return new Scored(product, raw, score, Collections.unmodifiableList(reasons));
    }

    private static int compareReasons(Effect a, Effect b) {
        int byGroup = Integer.compare(group(a.rule()), group(b.rule()));
        if (byGroup != 0) {
            return byGroup;
        }
        int byPoints = Integer.compare(b.points(), a.points());
        return byPoints != 0 ? byPoints : a.rule().id().compareTo(b.rule().id());
    }

    /** 0 for the base score, 2 for the floor or ceiling, 1 for every other reason. */
    private static int group(RuleInfo rule) {
        return rule.isEngineRule() ? 2 : BASE.equals(rule.id()) ? 0 : 1;
    }

    private static List<RuleInfo> sortedById(List<RuleInfo> rules) {
        if (rules.size() < 2) {
            return List.copyOf(rules);
        }
        List<RuleInfo> sorted = new ArrayList<>(rules);
        sorted.sort(BY_ID);
        return Collections.unmodifiableList(sorted);
    }

    private static <T> void addOnce(Map<Product, List<T>> map, Product product, T value) {
        List<T> values = map.computeIfAbsent(product, p -> new ArrayList<>(2));
        if (!values.contains(value)) {
            values.add(value);
        }
    }

    /**
     * The plan, with products as bits of an int (bit = ordinal): {@code covers[need]} holds the
     * products covering a stated need, or 0 when none does; a need is open when the primary does not
     * cover it but another eligible product does, and unmet when no eligible product does.
     */
    private static Plan plan(List<Ranked> ranked, Map<Product, List<RuleInfo>> exclusions,
            List<Verdict.NeedCoverage> stated, Product partner) {
        Product primary = ranked.get(0).product();
        int primaryBit = bit(primary);
        Product[] candidates = new Product[ranked.size() - 1];
        int candidateBits = 0;
        for (int i = 1; i < ranked.size(); i++) {
            candidates[i - 1] = ranked.get(i).product();
            candidateBits |= bit(candidates[i - 1]);
        }

        int[] covers = new int[NEEDS.length];
        boolean[] isStated = new boolean[NEEDS.length];
        for (Verdict.NeedCoverage coverage : stated) {
            isStated[coverage.need().ordinal()] = true;
            for (Product product : coverage.coveredBy()) {
                covers[coverage.need().ordinal()] |= bit(product);
            }
        }
        List<Need> needs = new ArrayList<>(stated.size());
        List<Need> open = new ArrayList<>(stated.size());
        List<UnmetNeed> unmet = new ArrayList<>(2);
        for (Need need : NEEDS) {
            if (!isStated[need.ordinal()]) {
                continue;
            }
            needs.add(need);
            int coveredBy = covers[need.ordinal()];
            if ((coveredBy & primaryBit) != 0) {
                continue;
            }
            if ((coveredBy & candidateBits) != 0) {
                open.add(need);
            } else {
                unmet.add(new UnmetNeed(need, blockedBy(coveredBy, exclusions)));
            }
        }

        int chosen = fewestCovering(candidates, open, covers, partner == null ? 0 : bit(partner));
        List<Companion> companions = new ArrayList<>(Integer.bitCount(chosen));
        for (Product companion : candidates) {
            if ((chosen & bit(companion)) == 0) {
                continue;
            }
            List<Need> attributed = new ArrayList<>(open.size());
            for (Need need : open) {
                if (firstCovering(candidates, chosen, covers[need.ordinal()]) == companion) {
                    attributed.add(need);
                }
            }
            companions.add(new Companion(companion, Collections.unmodifiableList(attributed)));
        }
        return new Plan(Collections.unmodifiableList(needs), primary, Collections.unmodifiableList(companions),
                Collections.unmodifiableList(unmet));
    }

    /** The exclusion rules that removed the products which would cover a need, by id. */
    private static List<RuleInfo> blockedBy(int coveredBy, Map<Product, List<RuleInfo>> exclusions) {
        List<RuleInfo> blockedBy = new ArrayList<>(2);
        for (Product product : PRODUCTS) {
            if ((coveredBy & bit(product)) != 0) {
                for (RuleInfo rule : exclusions.getOrDefault(product, List.of())) {
                    if (!blockedBy.contains(rule)) {
                        blockedBy.add(rule);
                    }
                }
            }
        }
        return sortedById(blockedBy);
    }

    /** The partner the rules pair with the primary product (the first pairing that names it), or null. */
    private static Product partnerOf(Product primary, List<Verdict.Pairing> pairings) {
        for (Verdict.Pairing pairing : pairings) {
            if (pairing.primary() == primary) {
                return pairing.partner();
            }
        }
        return null;
    }

    /**
     * The smallest set of candidates (as bits) covering every open need. Sets of one size are tried in
     * lexicographic order of the candidates' ranks, so the first cover found is also the one with the
     * higher-ranked companions; but a cover of that size holding the primary's {@code partner} (a bit,
     * or 0) wins over it. Every open need is covered by some candidate, so a cover exists.
     */
    private static int fewestCovering(Product[] candidates, List<Need> open, int[] covers, int partner) {
        if (open.isEmpty()) {
            return 0;
        }
        int n = candidates.length;
        for (int size = 1; size <= n; size++) {
            int[] pick = new int[size];
            for (int i = 0; i < size; i++) {
                pick[i] = i;
            }
            int first = 0;
            while (true) {
                int set = 0;
                for (int index : pick) {
                    set |= bit(candidates[index]);
                }
                if (coversAll(set, open, covers)) {
                    if (partner == 0 || (set & partner) != 0) {
                        return set;
                    }
                    first = first == 0 ? set : first;
                }
                int i = size - 1;
                while (i >= 0 && pick[i] == n - size + i) {
                    i--;
                }
                if (i < 0) {
                    break;
                }
                pick[i]++;
                for (int j = i + 1; j < size; j++) {
                    pick[j] = pick[j - 1] + 1;
                }
            }
            if (first != 0) {
                return first;
            }
        }
        throw new IllegalStateException("open needs are coverable by construction");
    }

    private static boolean coversAll(int set, List<Need> open, int[] covers) {
        for (Need need : open) {
            if ((covers[need.ordinal()] & set) == 0) {
                return false;
            }
        }
        return true;
    }

    /** The highest-ranked product of {@code chosen} among those of {@code coveredBy}. */
    private static Product firstCovering(Product[] candidates, int chosen, int coveredBy) {
        for (Product candidate : candidates) {
            if ((chosen & coveredBy & bit(candidate)) != 0) {
                return candidate;
            }
        }
        throw new IllegalStateException("an open need is covered by a chosen companion");
    }

    private static int bit(Product product) {
        return 1 << product.ordinal();
    }
}
