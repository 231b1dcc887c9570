package io.wechatadvisor.recommendation.evaluation;

import static io.wechatadvisor.recommendation.domain.Product.ENTERPRISE_ACCOUNT;
import static io.wechatadvisor.recommendation.domain.Product.MICRO_STORE;
import static io.wechatadvisor.recommendation.domain.Product.MINI_PROGRAM_ENTERPRISE;
import static io.wechatadvisor.recommendation.domain.Product.MINI_PROGRAM_PERSONAL;
import static io.wechatadvisor.recommendation.domain.Product.SERVICE_ACCOUNT;
import static io.wechatadvisor.recommendation.domain.Product.SUBSCRIPTION_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.wechatadvisor.recommendation.domain.Advice;
import io.wechatadvisor.recommendation.domain.Fit;
import io.wechatadvisor.recommendation.domain.Need;
import io.wechatadvisor.recommendation.domain.Product;
import io.wechatadvisor.recommendation.domain.RuleInfo;
import io.wechatadvisor.recommendation.domain.Verdict;
import io.wechatadvisor.recommendation.domain.Verdict.Kind;
import io.wechatadvisor.recommendation.domain.Verdict.Mark;
import io.wechatadvisor.recommendation.domain.Verdict.NeedCoverage;

/**
 * The assembler's arithmetic alone, from hand-built verdicts: no rules run. Rule names here are
 * the ids themselves; the assembler looks every mark up by name.
 */
class AdviceAssemblerTest {

    private static final FitBands BANDS = new FitBands(70, 45);
    private static final List<String> IDS = List.of("BASE-ELIGIBLE", "FIT-A", "FIT-B", "NEED-PAYMENT", "WARN-A",
            "WARN-B", "EL-ORG-ONLY", "EL-POLICY", "PLAN-NEED");

    private final Map<String, RuleInfo> rulesByName = new HashMap<>();
    private final AdviceAssembler assembler;
    private final List<Mark> marks = new ArrayList<>();
    private final List<NeedCoverage> needs = new ArrayList<>();

    AdviceAssemblerTest() {
        IDS.forEach(id -> rulesByName.put(id, new RuleInfo(id, id, "SOURCE", "2026-11-24", false, "test.drl", null)));
        assembler = new AdviceAssembler(rulesByName, BANDS);
    }

    private RuleInfo rule(String id) {
        return rulesByName.get(id);
    }

    private void score(String rule, Product product, int points) {
        marks.add(new Mark(Kind.SCORE, rule, product, points));
    }

    private void exclude(String rule, Product product) {
        marks.add(new Mark(Kind.EXCLUDE, rule, product, 0));
    }

    private void warn(String rule, Product product) {
        marks.add(new Mark(Kind.WARN, rule, product, 0));
    }

    private void need(Need need, Product... coveredBy) {
        needs.add(new NeedCoverage("PLAN-NEED", need, coveredBy.length == 0 ? EnumSet.noneOf(Product.class)
                : EnumSet.of(coveredBy[0], coveredBy)));
    }

    /** Every product but those given is excluded, so a test names only what it is about. */
    private void onlyOpen(Product... open) {
        EnumSet<Product> closed = EnumSet.complementOf(EnumSet.of(open[0], open));
        closed.forEach(product -> exclude("EL-ORG-ONLY", product));
    }

    private Advice assemble() {
        return assembler.assemble(Verdict.of(marks, needs));
    }

    private static Advice.Ranked ranked(Advice advice, Product product) {
        return advice.recommendations().stream().filter(r -> r.product() == product).findFirst().orElseThrow();
    }

    @Test
    void aScoreBelowZeroStopsAtZeroAndAFloorReasonCarriesTheDifference() {
        onlyOpen(MINI_PROGRAM_PERSONAL, MICRO_STORE);
        score("BASE-ELIGIBLE", MINI_PROGRAM_PERSONAL, 40);
        score("NEED-PAYMENT", MINI_PROGRAM_PERSONAL, -160);
        score("FIT-A", MINI_PROGRAM_PERSONAL, 5);
        score("BASE-ELIGIBLE", MICRO_STORE, 40);

        Advice.Ranked personal = ranked(assemble(), MINI_PROGRAM_PERSONAL);

        assertThat(personal.score()).isZero();
        assertThat(personal.fit()).isEqualTo(Fit.WEAK);
        assertThat(personal.reasons()).extracting(e -> e.rule().id(), Advice.Effect::points).containsExactly(
                tuple("BASE-ELIGIBLE", 40),
                tuple("FIT-A", 5),
                tuple("NEED-PAYMENT", -160),
                tuple("SCORE-FLOOR", 115));
        assertThat(personal.reasons().get(3).rule()).isSameAs(RuleInfo.SCORE_FLOOR);
    }

    @Test
    void aScoreAboveAHundredStopsThereAndACeilingReasonCarriesTheDifference() {
        onlyOpen(MINI_PROGRAM_ENTERPRISE);
        score("BASE-ELIGIBLE", MINI_PROGRAM_ENTERPRISE, 40);
        score("FIT-A", MINI_PROGRAM_ENTERPRISE, 50);
        score("FIT-B", MINI_PROGRAM_ENTERPRISE, 35);

        Advice.Ranked ranked = ranked(assemble(), MINI_PROGRAM_ENTERPRISE);

        assertThat(ranked.score()).isEqualTo(100);
        assertThat(ranked.fit()).isEqualTo(Fit.STRONG);
        assertThat(ranked.reasons()).extracting(e -> e.rule().id())
                .containsExactly("BASE-ELIGIBLE", "FIT-A", "FIT-B", "SCORE-CEILING");
        assertThat(ranked.reasons().get(3).points()).isEqualTo(-25);
        assertThat(ranked.reasons().stream().mapToInt(Advice.Effect::points).sum()).isEqualTo(100);
    }

    @Test
    void aScoreWithinBoundsHasNoFloorOrCeilingReasonAndItsBandFollowsTheBands() {
        onlyOpen(SERVICE_ACCOUNT, SUBSCRIPTION_ACCOUNT);
        score("BASE-ELIGIBLE", SERVICE_ACCOUNT, 40);
        score("FIT-A", SERVICE_ACCOUNT, 5);
        score("BASE-ELIGIBLE", SUBSCRIPTION_ACCOUNT, 40);
        score("FIT-A", SUBSCRIPTION_ACCOUNT, 4);

        Advice advice = assemble();

        assertThat(ranked(advice, SERVICE_ACCOUNT).score()).isEqualTo(45);
        assertThat(ranked(advice, SERVICE_ACCOUNT).fit()).isEqualTo(Fit.GOOD);
        assertThat(ranked(advice, SUBSCRIPTION_ACCOUNT).fit()).isEqualTo(Fit.WEAK);
        advice.recommendations().forEach(r -> assertThat(r.reasons()).noneMatch(e -> e.rule().isEngineRule()));
    }

    @Test
    void equalScoresRankInTheFixedProductOrder() {
        // Marked in the reverse of the product order, all three at 55.
        onlyOpen(SUBSCRIPTION_ACCOUNT, MINI_PROGRAM_ENTERPRISE, MICRO_STORE);
        for (Product product : List.of(MICRO_STORE, MINI_PROGRAM_ENTERPRISE, SUBSCRIPTION_ACCOUNT)) {
            score("BASE-ELIGIBLE", product, 40);
            score("FIT-A", product, 15);
        }

        assertThat(assemble().recommendations()).extracting(Advice.Ranked::rank, Advice.Ranked::product)
                .containsExactly(tuple(1, SUBSCRIPTION_ACCOUNT),
                        tuple(2, MINI_PROGRAM_ENTERPRISE),
                        tuple(3, MICRO_STORE));
    }

    @Test
    void productsHeldAtTheSameBoundRankByTheirUnheldSums() {
        onlyOpen(SUBSCRIPTION_ACCOUNT, SERVICE_ACCOUNT, MINI_PROGRAM_ENTERPRISE, MICRO_STORE);
        score("BASE-ELIGIBLE", SUBSCRIPTION_ACCOUNT, 40);
        score("NEED-PAYMENT", SUBSCRIPTION_ACCOUNT, -160);   // -120, held at 0
        score("BASE-ELIGIBLE", SERVICE_ACCOUNT, 40);
        score("NEED-PAYMENT", SERVICE_ACCOUNT, -50);         // -10, held at 0
        score("BASE-ELIGIBLE", MINI_PROGRAM_ENTERPRISE, 40);
        score("FIT-A", MINI_PROGRAM_ENTERPRISE, 80);         // 120, held at 100
        score("BASE-ELIGIBLE", MICRO_STORE, 40);
        score("FIT-A", MICRO_STORE, 95);                     // 135, held at 100

        assertThat(assemble().recommendations()).extracting(Advice.Ranked::product, Advice.Ranked::score)
                .containsExactly(tuple(MICRO_STORE, 100),
                        tuple(MINI_PROGRAM_ENTERPRISE, 100),
                        tuple(SERVICE_ACCOUNT, 0),
                        tuple(SUBSCRIPTION_ACCOUNT, 0));
    }

    @Test
    void anExcludedProductIsNeverRankedWhateverItScoredAndCarriesEachExclusionOnceById() {
        onlyOpen(SUBSCRIPTION_ACCOUNT, SERVICE_ACCOUNT);
        score("BASE-ELIGIBLE", SUBSCRIPTION_ACCOUNT, 40);
        score("BASE-ELIGIBLE", SERVICE_ACCOUNT, 40);
        exclude("EL-POLICY", SERVICE_ACCOUNT);
        exclude("EL-POLICY", SERVICE_ACCOUNT);
        exclude("EL-ORG-ONLY", SERVICE_ACCOUNT);
        score("FIT-A", SERVICE_ACCOUNT, 60);
        warn("WARN-B", SUBSCRIPTION_ACCOUNT);
        warn("WARN-A", SUBSCRIPTION_ACCOUNT);
        warn("WARN-A", SUBSCRIPTION_ACCOUNT);

        Advice advice = assemble();

        assertThat(advice.recommendations()).extracting(Advice.Ranked::product).containsExactly(SUBSCRIPTION_ACCOUNT);
        assertThat(ranked(advice, SUBSCRIPTION_ACCOUNT).warnings()).containsExactly(rule("WARN-A"), rule("WARN-B"));
        Advice.Excluded service = advice.excluded().stream().filter(e -> e.product() == SERVICE_ACCOUNT)
                .findFirst().orElseThrow();
        assertThat(service.reasons()).containsExactly(rule("EL-ORG-ONLY"), rule("EL-POLICY"));
    }

    /** Three eligible products behind the primary, ranked SUBSCRIPTION, SERVICE, MINI_PROGRAM_ENTERPRISE. */
    private void fourOpen() {
        onlyOpen(MICRO_STORE, SUBSCRIPTION_ACCOUNT, SERVICE_ACCOUNT, MINI_PROGRAM_ENTERPRISE);
        score("BASE-ELIGIBLE", MICRO_STORE, 90);
        score("BASE-ELIGIBLE", SUBSCRIPTION_ACCOUNT, 70);
        score("BASE-ELIGIBLE", SERVICE_ACCOUNT, 60);
        score("BASE-ELIGIBLE", MINI_PROGRAM_ENTERPRISE, 50);
    }

    @Test
    void thePlanPicksTheFewestCompanionsNotTheHighestRankedFirst() {
        fourOpen();
        need(Need.PAYMENT, MICRO_STORE, SERVICE_ACCOUNT);
        need(Need.PROACTIVE_PUSH, SUBSCRIPTION_ACCOUNT, SERVICE_ACCOUNT);
        need(Need.BACK_OFFICE_INTEGRATION, SERVICE_ACCOUNT, MINI_PROGRAM_ENTERPRISE);

        Advice.Plan plan = assemble().plan();

        // Taking the second-ranked subscription account for the push would need a second companion.
        assertThat(plan.primary()).isEqualTo(MICRO_STORE);
        assertThat(plan.companions()).containsExactly(new Advice.Companion(SERVICE_ACCOUNT,
                List.of(Need.PROACTIVE_PUSH, Need.BACK_OFFICE_INTEGRATION)));
        assertThat(plan.unmetNeeds()).isEmpty();
        assertThat(plan.needs()).containsExactly(Need.PAYMENT, Need.PROACTIVE_PUSH, Need.BACK_OFFICE_INTEGRATION);
    }

    @Test
    void amongEquallySmallPlansTheHigherRankedCompanionsWinAndEachNeedGoesToTheFirstOfThem() {
        fourOpen();
        need(Need.PROACTIVE_PUSH, SERVICE_ACCOUNT, SUBSCRIPTION_ACCOUNT);
        need(Need.NEARBY_DISCOVERY, MINI_PROGRAM_ENTERPRISE);
        need(Need.MOMENTS_SHARING, SERVICE_ACCOUNT, MINI_PROGRAM_ENTERPRISE);

        // {SUBSCRIPTION, MP_ENTERPRISE} and {SERVICE, MP_ENTERPRISE} both cover with two; the first
        // holds the higher-ranked product. Moments goes to the only chosen product that covers it.
        assertThat(assemble().plan().companions()).containsExactly(
                new Advice.Companion(SUBSCRIPTION_ACCOUNT, List.of(Need.PROACTIVE_PUSH)),
                new Advice.Companion(MINI_PROGRAM_ENTERPRISE, List.of(Need.MOMENTS_SHARING, Need.NEARBY_DISCOVERY)));
    }

    @Test
    void aNeedNoEligibleProductCoversIsUnmetWithTheExclusionsThatBlockIt() {
        fourOpen();
        exclude("EL-POLICY", ENTERPRISE_ACCOUNT);
        need(Need.INTERNAL_COMMUNICATION, ENTERPRISE_ACCOUNT, MINI_PROGRAM_PERSONAL);
        need(Need.NATIVE_FEATURES);
        need(Need.PAYMENT, MICRO_STORE);

        Advice.Plan plan = assemble().plan();

        assertThat(plan.companions()).isEmpty();
        assertThat(plan.unmetNeeds()).containsExactly(
                new Advice.UnmetNeed(Need.INTERNAL_COMMUNICATION, List.of(rule("EL-ORG-ONLY"), rule("EL-POLICY"))),
                new Advice.UnmetNeed(Need.NATIVE_FEATURES, List.of()));
        assertThat(plan.needs()).containsExactly(Need.PAYMENT, Need.INTERNAL_COMMUNICATION, Need.NATIVE_FEATURES);
    }
}
