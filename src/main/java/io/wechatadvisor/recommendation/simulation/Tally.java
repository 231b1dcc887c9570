package io.wechatadvisor.recommendation.simulation;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import io.wechatadvisor.recommendation.domain.Advice;
import io.wechatadvisor.recommendation.domain.Need;
import io.wechatadvisor.recommendation.domain.Product;

/** Adds up the differences between two answers to the same profiles into an {@link Impact}. Not thread-safe. */
final class Tally {

    static final int EXAMPLES = 20;
    static final String NONE = "NONE";

    private final Map<String, Map<String, Integer>> matrix = new TreeMap<>();
    private final Map<String, Map<String, List<UUID>>> examples = new TreeMap<>();
    private final Map<String, long[]> shifts = new TreeMap<>();
    private final Map<String, Integer> newlyUnmet = new TreeMap<>();
    private final Map<String, Integer> newlyMet = new TreeMap<>();
    private final List<UUID> failedExamples = new ArrayList<>();
    private int compared;
    private int changed;
    private int skipped;
    private int failed;

    void compare(UUID decision, Advice before, Advice after) {
        compared++;
        String from = primary(before);
        String to = primary(after);
        matrix.computeIfAbsent(from, k -> new TreeMap<>()).merge(to, 1, Integer::sum);
        if (!from.equals(to)) {
            changed++;
            List<UUID> ids = examples.computeIfAbsent(from, k -> new TreeMap<>()).computeIfAbsent(to, k -> new ArrayList<>());
            if (ids.size() < EXAMPLES) {
                ids.add(decision);
            }
        }
        for (Advice.Ranked old : before.recommendations()) {
            after.recommendations().stream().filter(r -> r.product() == old.product()).findFirst().ifPresent(now -> {
                long[] sum = shifts.computeIfAbsent(old.product().name(), k -> new long[2]);
                sum[0] += now.score() - old.score();
                sum[1]++;
            });
        }
        Set<Need> unmetBefore = unmet(before);
        Set<Need> unmetAfter = unmet(after);
        unmetAfter.stream().filter(n -> !unmetBefore.contains(n)).forEach(n -> newlyUnmet.merge(n.name(), 1, Integer::sum));
        unmetBefore.stream().filter(n -> !unmetAfter.contains(n)).forEach(n -> newlyMet.merge(n.name(), 1, Integer::sum));
    }

    void skip() {
        skipped++;
    }

    void fail(UUID decision) {
        failed++;
        if (failedExamples.size() < EXAMPLES) {
            failedExamples.add(decision);
        }
    }

    Impact result(String liveVersion, String candidateVersion, Impact.Window window, boolean truncated) {
        Map<String, Double> scoreShift = new TreeMap<>();
        shifts.forEach((product, sum) -> scoreShift.put(product, Math.round(100.0 * sum[0] / sum[1]) / 100.0));
        return new Impact(liveVersion, candidateVersion, window, compared, changed, matrix, scoreShift, newlyUnmet,
                newlyMet, examples, skipped, failed, failedExamples, truncated ? Boolean.TRUE : null);
    }

    private static String primary(Advice advice) {
        Product primary = advice.plan().primary();
        return primary == null ? NONE : primary.name();
    }

    private static Set<Need> unmet(Advice advice) {
        Set<Need> needs = EnumSet.noneOf(Need.class);
        advice.plan().unmetNeeds().forEach(u -> needs.add(u.need()));
        return needs;
    }
}
