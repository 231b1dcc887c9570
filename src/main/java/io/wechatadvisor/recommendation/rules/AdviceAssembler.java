package io.wechatadvisor.recommendation.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 * stated needs; among equally small sets, the one with the higher-ranked companions.</li>
 * </ul>
 */
final class AdviceAssembler {

    static final int MIN_SCORE = 0;
    static final int MAX_SCORE = 100;
    private static final String BASE = "BASE-ELIGIBLE";

    /** BASE-ELIGIBLE first, score floor or ceiling last, the rest by effect (largest first), then id. */
    private static final Comparator<Effect> REASON_ORDER = Comparator
            .comparingInt((Effect e) -> BASE.equals(e.rule().id()) ? 0 : e.rule().isEngineRule() ? 2 : 1)
            .thenComparing(Comparator.comparingInt(Effect::points).reversed())
            .thenComparing(e -> e.rule().id());

    private final Map<String, RuleInfo> rulesByName;
    private final FitBands bands;

    AdviceAssembler(Map<String, RuleInfo> rulesByName, FitBands bands) {
        this.rulesByName = rulesByName;
        this.bands = bands;
    }

    Advice assemble(Verdict verdict) {
        Map<Product, List<RuleInfo>> exclusions = new EnumMap<>(Product.class);
        Map<Product, List<Effect>> effects = new EnumMap<>(Product.class);
        Map<Product, List<RuleInfo>> warnings = new EnumMap<>(Product.class);
        for (Verdict.Mark mark : verdict.marks()) {
            RuleInfo rule = rulesByName.get(mark.rule());
            switch (mark.kind()) {
                case EXCLUDE -> addOnce(exclusions, mark.product(), rule);
                case WARN -> addOnce(warnings, mark.product(), rule);
                case SCORE -> effects.computeIfAbsent(mark.product(), p -> new ArrayList<>())
                        .add(new Effect(rule, mark.product(), mark.points()));
            }
        }

        List<Scored> scored = new ArrayList<>();
        for (Product product : Product.values()) {
            if (!exclusions.containsKey(product)) {
                scored.add(score(product, effects.getOrDefault(product, List.of())));
            }
        }
        scored.sort(Comparator.comparingInt(Scored::raw).reversed()
                .thenComparing(s -> s.product().ordinal()));

        List<Ranked> ranked = new ArrayList<>(scored.size());
        for (Scored s : scored) {
            List<RuleInfo> productWarnings = new ArrayList<>(warnings.getOrDefault(s.product(), List.of()));
            productWarnings.sort(Comparator.comparing(RuleInfo::id));
            ranked.add(new Ranked(ranked.size() + 1, s.product(), s.score(), bands.of(s.score()),
                    s.reasons(), List.copyOf(productWarnings)));
        }

        List<Excluded> excluded = new ArrayList<>();
        exclusions.forEach((product, reasons) -> {
            List<RuleInfo> sorted = new ArrayList<>(reasons);
            sorted.sort(Comparator.comparing(RuleInfo::id));
            excluded.add(new Excluded(product, List.copyOf(sorted)));
        });

        return new Advice(List.copyOf(ranked), List.copyOf(excluded), plan(ranked, exclusions, verdict.needs()));
    }

    private record Scored(Product product, int raw, int score, List<Effect> reasons) {
    }

    private static Scored score(Product product, List<Effect> effects) {
        List<Effect> reasons = new ArrayList<>(effects);
        int raw = 0;
        for (Effect effect : effects) {
            raw += effect.points();
        }
        int score = Math.max(MIN_SCORE, Math.min(MAX_SCORE, raw));
        if (score != raw) {
            reasons.add(new Effect(raw < MIN_SCORE ? RuleInfo.SCORE_FLOOR : RuleInfo.SCORE_CEILING, product, score - raw));
        }
        reasons.sort(REASON_ORDER);
        return new Scored(product, raw, score, List.copyOf(reasons));
    }

    private static <T> void addOnce(Map<Product, List<T>> map, Product product, T value) {
        List<T> values = map.computeIfAbsent(product, p -> new ArrayList<>(2));
        if (!values.contains(value)) {
            values.add(value);
        }
    }

    private static Plan plan(List<Ranked> ranked, Map<Product, List<RuleInfo>> exclusions,
            List<Verdict.NeedCoverage> stated) {
        Product primary = ranked.get(0).product();
        Map<Need, Set<Product>> needs = new EnumMap<>(Need.class);
        for (Verdict.NeedCoverage coverage : stated) {
            needs.computeIfAbsent(coverage.need(), n -> EnumSet.noneOf(Product.class)).addAll(coverage.coveredBy());
        }

        List<Product> candidates = new ArrayList<>();
        for (Ranked r : ranked.subList(1, ranked.size())) {
            candidates.add(r.product());
        }
        List<Need> open = new ArrayList<>();
        List<UnmetNeed> unmet = new ArrayList<>();
        needs.forEach((need, coveredBy) -> {
            if (coveredBy.contains(primary)) {
                return;
            }
            if (coveredBy.stream().anyMatch(candidates::contains)) {
                open.add(need);
            } else {
                List<RuleInfo> blockedBy = new ArrayList<>();
                for (Product product : coveredBy) {
                    for (RuleInfo rule : exclusions.getOrDefault(product, List.of())) {
                        if (!blockedBy.contains(rule)) {
                            blockedBy.add(rule);
                        }
                    }
                }
                blockedBy.sort(Comparator.comparing(RuleInfo::id));
                unmet.add(new UnmetNeed(need, List.copyOf(blockedBy)));
            }
        });

        List<Product> chosen = fewestCovering(candidates, open, needs);
        List<Companion> companions = new ArrayList<>();
        for (Product companion : chosen) {
            List<Need> covers = new ArrayList<>();
            for (Need need : open) {
                Product first = chosen.stream().filter(needs.get(need)::contains).findFirst().orElseThrow();
                if (first == companion) {
                    covers.add(need);
                }
            }
            companions.add(new Companion(companion, List.copyOf(covers)));
        }
        return new Plan(List.copyOf(needs.keySet()), primary, List.copyOf(companions), List.copyOf(unmet));
    }

    /**
     * The smallest set of candidates covering every open need. Sets of one size are tried in
     * lexicographic order of the candidates' ranks, so the first cover found is also the one with
     * the higher-ranked companions.
     */
    private static List<Product> fewestCovering(List<Product> candidates, List<Need> open, Map<Need, Set<Product>> needs) {
        if (open.isEmpty()) {
            return List.of();
        }
        int n = candidates.size();
        for (int size = 1; size <= n; size++) {
            int[] pick = new int[size];
            for (int i = 0; i < size; i++) {
                pick[i] = i;
            }
            while (true) {
                List<Product> set = new ArrayList<>(size);
                for (int index : pick) {
                    set.add(candidates.get(index));
                }
                if (open.stream().allMatch(need -> set.stream().anyMatch(needs.get(need)::contains))) {
                    return set;
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
        }
        throw new IllegalStateException("open needs are coverable by construction");
    }
}
