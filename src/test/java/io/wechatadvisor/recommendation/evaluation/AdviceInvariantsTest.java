package io.wechatadvisor.recommendation.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import io.wechatadvisor.recommendation.domain.Advice;
import io.wechatadvisor.recommendation.domain.ContentCadence;
import io.wechatadvisor.recommendation.domain.EntityType;
import io.wechatadvisor.recommendation.domain.Goal;
import io.wechatadvisor.recommendation.domain.Need;
import io.wechatadvisor.recommendation.domain.OfflinePresence;
import io.wechatadvisor.recommendation.domain.Product;
import io.wechatadvisor.recommendation.domain.Profile;
import io.wechatadvisor.recommendation.domain.RuleInfo;
import io.wechatadvisor.recommendation.ruleset.RuleSet;
import io.wechatadvisor.recommendation.ruleset.TestRules;

import static io.wechatadvisor.recommendation.domain.Product.*;

/**
 * What holds for every profile, whatever the weights: the API contract's invariants and the
 * catalogue's hard constraints. The needs and their coverage are checked against tables written out
 * here from the contract and the catalogue, independently of the DRL.
 */
class AdviceInvariantsTest {

    /** The catalogue's "which product covers which need" table. */
    static final Map<Need, Set<Product>> COVERAGE = new EnumMap<>(Map.of(
            Need.PAYMENT, EnumSet.of(SERVICE_ACCOUNT, MINI_PROGRAM_ENTERPRISE, MICRO_STORE),
            Need.FREQUENT_BROADCAST, EnumSet.of(SUBSCRIPTION_ACCOUNT),
            Need.PROACTIVE_PUSH, EnumSet.of(SUBSCRIPTION_ACCOUNT, SERVICE_ACCOUNT),
            Need.MOMENTS_SHARING, EnumSet.of(SUBSCRIPTION_ACCOUNT, SERVICE_ACCOUNT),
            Need.BACK_OFFICE_INTEGRATION, EnumSet.of(SERVICE_ACCOUNT, MINI_PROGRAM_ENTERPRISE),
            Need.NEARBY_DISCOVERY, EnumSet.of(MINI_PROGRAM_ENTERPRISE),
            Need.INTERNAL_COMMUNICATION, EnumSet.of(ENTERPRISE_ACCOUNT),
            Need.NATIVE_FEATURES, EnumSet.noneOf(Product.class)));

    static final Set<Product> PAYERS = COVERAGE.get(Need.PAYMENT);

    /** The contract's "need / stated by" table. */
    static Set<Need> statedNeeds(Profile p) {
        Set<Need> needs = EnumSet.noneOf(Need.class);
        if (p.wantsPayment()) {
            needs.add(Need.PAYMENT);
        }
        if (p.contentCadence() == ContentCadence.SEVERAL_PER_WEEK || p.contentCadence() == ContentCadence.DAILY) {
            needs.add(Need.FREQUENT_BROADCAST);
        }
        if (p.needsProactivePush()) {
            needs.add(Need.PROACTIVE_PUSH);
        }
        if (p.needsMomentsSharing()) {
            needs.add(Need.MOMENTS_SHARING);
        }
        if (p.needsBackOfficeIntegration()) {
            needs.add(Need.BACK_OFFICE_INTEGRATION);
        }
        if (p.offlinePresence() != OfflinePresence.NONE) {
            needs.add(Need.NEARBY_DISCOVERY);
        }
        if (p.goals().contains(Goal.INTERNAL_COMMUNICATION)) {
            needs.add(Need.INTERNAL_COMMUNICATION);
        }
        if (p.needsNativeDeviceFeatures()) {
            needs.add(Need.NATIVE_FEATURES);
        }
        return needs;
    }

    @Provide
    Arbitrary<Profile> profiles() {
        return ProfileArbitraries.profiles();
    }

    @Property(tries = 3000)
    void everyProductAppearsOnceAndRanksAreContiguousAndSorted(@ForAll("profiles") Profile profile) {
        Advice advice = TestRules.live().advise(profile);
        List<Product> all = new ArrayList<>();
        advice.recommendations().forEach(r -> all.add(r.product()));
        advice.excluded().forEach(e -> all.add(e.product()));
        assertThat(all).as("each product once: ranked or excluded, never both")
                .containsExactlyInAnyOrder(Product.values());

        for (int i = 0; i < advice.recommendations().size(); i++) {
            Advice.Ranked ranked = advice.recommendations().get(i);
            assertThat(ranked.rank()).isEqualTo(i + 1);
            assertThat(ranked.score()).isBetween(0, 100);
            if (i > 0) {
                assertThat(ranked.score()).isLessThanOrEqualTo(advice.recommendations().get(i - 1).score());
            }
        }
    }

    @Property(tries = 3000)
    void reasonsAddUpToTheScoreAndNoProductLacksOne(@ForAll("profiles") Profile profile) {
        RuleSet rules = TestRules.live();
        Advice advice = rules.advise(profile);
        for (Advice.Ranked ranked : advice.recommendations()) {
            assertThat(ranked.reasons()).isNotEmpty();
            assertThat(ranked.reasons().stream().mapToInt(Advice.Effect::points).sum()).isEqualTo(ranked.score());
            assertThat(ranked.fit()).isEqualTo(rules.bands().of(ranked.score()));
        }
        advice.excluded().forEach(excluded -> assertThat(excluded.reasons()).isNotEmpty());
    }

    @Property(tries = 3000)
    void hardConstraintsAreNeverBroken(@ForAll("profiles") Profile profile) {
        Advice advice = TestRules.live().advise(profile);
        Set<Product> excluded = EnumSet.noneOf(Product.class);
        advice.excluded().forEach(e -> excluded.add(e.product()));

        if (profile.entityType() == EntityType.INDIVIDUAL) {
            assertThat(excluded).contains(SERVICE_ACCOUNT, ENTERPRISE_ACCOUNT, MINI_PROGRAM_ENTERPRISE);
        } else {
            assertThat(excluded).contains(MINI_PROGRAM_PERSONAL).doesNotContain(SERVICE_ACCOUNT, ENTERPRISE_ACCOUNT);
        }
        if (profile.plansMiniGamesOrAds()) {
            assertThat(excluded).contains(MINI_PROGRAM_PERSONAL, MINI_PROGRAM_ENTERPRISE);
        } else if (profile.entityType() != EntityType.INDIVIDUAL) {
            assertThat(excluded).doesNotContain(MINI_PROGRAM_ENTERPRISE);
        }
        assertThat(excluded).doesNotContain(SUBSCRIPTION_ACCOUNT, MICRO_STORE);
        if (profile.wantsPayment()) {
            assertThat(PAYERS).as("payment dominates: the first product takes payment")
                    .contains(advice.recommendations().get(0).product());
        }
    }

    @Property(tries = 3000)
    void thePlanCoversEveryStatedNeedItCanWithTheFewestCompanions(@ForAll("profiles") Profile profile) {
        Advice advice = TestRules.live().advise(profile);
        Advice.Plan plan = advice.plan();
        Set<Need> stated = statedNeeds(profile);
        assertThat(EnumSet.copyOf(plan.needs().isEmpty() ? EnumSet.noneOf(Need.class) : EnumSet.copyOf(plan.needs())))
                .isEqualTo(stated);
        assertThat(plan.primary()).isEqualTo(advice.recommendations().get(0).product());

        Set<Product> eligible = EnumSet.noneOf(Product.class);
        advice.recommendations().forEach(r -> eligible.add(r.product()));
        Set<Product> chosen = EnumSet.of(plan.primary());
        plan.companions().forEach(c -> {
            assertThat(eligible).contains(c.product());
            assertThat(c.covers()).isNotEmpty();
            c.covers().forEach(need -> assertThat(COVERAGE.get(need)).contains(c.product()));
            chosen.add(c.product());
        });
        assertThat(chosen).hasSize(plan.companions().size() + 1);

        Set<Need> unmet = EnumSet.noneOf(Need.class);
        plan.unmetNeeds().forEach(u -> unmet.add(u.need()));
        for (Need need : stated) {
            boolean coverable = COVERAGE.get(need).stream().anyMatch(eligible::contains);
            boolean covered = COVERAGE.get(need).stream().anyMatch(chosen::contains);
            assertThat(unmet.contains(need)).as(need + " unmet").isEqualTo(!coverable);
            if (coverable) {
                assertThat(covered).as(need + " covered").isTrue();
            }
        }
        assertThat(plan.companions().size()).isEqualTo(fewestCompanions(plan.primary(), eligible, stated));
    }

    @Property(tries = 3000)
    void anUnmetNeedNamesExactlyTheExclusionsOfTheProductsThatWouldCoverIt(@ForAll("profiles") Profile profile) {
        Advice advice = TestRules.live().advise(profile);
        Map<Product, List<RuleInfo>> exclusions = new EnumMap<>(Product.class);
        advice.excluded().forEach(e -> exclusions.put(e.product(), e.reasons()));
        for (Advice.UnmetNeed unmet : advice.plan().unmetNeeds()) {
            Set<Product> covering = COVERAGE.get(unmet.need());
            assertThat(exclusions.keySet()).as(unmet.need() + ": every product covering it is excluded")
                    .containsAll(covering);
            Set<RuleInfo> expected = new HashSet<>();
            covering.forEach(product -> expected.addAll(exclusions.get(product)));
            assertThat(unmet.blockedBy()).as(unmet.need() + " blocked by").doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Property(tries = 500)
    void theSameProfileGetsTheSameAdvice(@ForAll("profiles") Profile profile) {
        RuleSet rules = TestRules.live();
        assertThat(rules.advise(profile)).isEqualTo(rules.advise(profile));
    }

    /**
     * Sessions are kept and reused by whichever thread comes next: evaluations on many threads at once
     * must agree with one by one.
     */
    @Test
    void concurrentEvaluationsAgreeWithSequentialOnes() throws Exception {
        RuleSet rules = TestRules.live();
        List<Profile> profiles = ProfileArbitraries.profiles().sampleStream().limit(400).toList();
        List<Advice> expected = profiles.stream().map(rules::advise).toList();
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            List<Future<Boolean>> runs = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                int offset = t * 37;
                runs.add(threads.submit(() -> {
                    for (int round = 0; round < 5; round++) {
                        for (int i = 0; i < profiles.size(); i++) {
                            int k = (i + offset) % profiles.size();
                            if (!rules.advise(profiles.get(k)).equals(expected.get(k))) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> run : runs) {
                assertThat(run.get()).isTrue();
            }
        } finally {
            threads.shutdown();
        }
    }

    /** Brute force over every subset of the other eligible products. */
    private static int fewestCompanions(Product primary, Set<Product> eligible, Set<Need> stated) {
        List<Product> others = eligible.stream().filter(p -> p != primary).toList();
        int best = Integer.MAX_VALUE;
        for (int mask = 0; mask < 1 << others.size(); mask++) {
            Set<Product> set = EnumSet.of(primary);
            for (int i = 0; i < others.size(); i++) {
                if ((mask & 1 << i) != 0) {
                    set.add(others.get(i));
                }
            }
            boolean coversAll = stated.stream().allMatch(need -> COVERAGE.get(need).stream().noneMatch(eligible::contains)
                    || COVERAGE.get(need).stream().anyMatch(set::contains));
            if (coversAll) {
                best = Math.min(best, set.size() - 1);
            }
        }
        return best;
    }
}
