package io.wechatadvisor.recommendation.ruleset;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import io.wechatadvisor.recommendation.domain.Advice;
import io.wechatadvisor.recommendation.domain.ContentCadence;
import io.wechatadvisor.recommendation.domain.EntityType;
import io.wechatadvisor.recommendation.domain.Goal;
import io.wechatadvisor.recommendation.domain.Industry;
import io.wechatadvisor.recommendation.domain.Need;
import io.wechatadvisor.recommendation.domain.OfflinePresence;
import io.wechatadvisor.recommendation.domain.Product;
import io.wechatadvisor.recommendation.domain.Profile;
import io.wechatadvisor.recommendation.domain.RuleInfo;
import io.wechatadvisor.recommendation.evaluation.EvaluationException;

/**
 * The check a candidate rule set passes besides its scenarios, before it goes live: it answers
 * {@value #COUNT} generated profiles (the same ones every time: every entity type, presence, cadence
 * and payment wish, the other inputs pseudo-random) without a rule failing, and every answer keeps
 * the two invariants of {@code rules/README.md}:
 * <ul>
 * <li>excluded products are never ranked: each product is either ranked or excluded, once;</li>
 * <li>payment dominates: when payment is wanted, the first product takes payment itself (the plan
 * needs no companion for it, and it is not unmet);</li>
 * <li>a judgement is never a hard exclusion: it excludes nothing, and no judgement takes from a
 * product as much as its base score.</li>
 * </ul>
 */
final class GeneratedProfiles {

    static final int COUNT = 1_200;
    private static final String BASE = "BASE-ELIGIBLE";
    private static final long SEED = 20_261_124L;

    /** Made once: every candidate check and every warm-up uses the same profiles. */
    private static final List<Profile> ALL = generate();

    private GeneratedProfiles() {
    }

    /** The generated profiles, deterministic. */
    static List<Profile> all() {
        return ALL;
    }

    private static List<Profile> generate() {
        Random random = new Random(SEED);
        EntityType[] entities = EntityType.values();
        OfflinePresence[] presences = OfflinePresence.values();
        ContentCadence[] cadences = ContentCadence.values();
        Industry[] industries = Industry.values();
        Goal[] goals = Goal.values();
        List<Profile> profiles = new ArrayList<>(COUNT);
        for (int i = 0; profiles.size() < COUNT; i++) {
            int combination = i % (entities.length * presences.length * cadences.length * 2);
            Set<Goal> chosen = EnumSet.noneOf(Goal.class);
            for (Goal goal : goals) {
                if (random.nextInt(3) == 0) {
                    chosen.add(goal);
                }
            }
            profiles.add(new Profile(entities[combination % entities.length],
                    combination / entities.length % 2 == 0,
                    presences[combination / (entities.length * 2) % presences.length],
                    cadences[combination / (entities.length * 2 * presences.length) % cadences.length],
                    chosen, industries[random.nextInt(industries.length)], random.nextBoolean(), random.nextBoolean(),
                    random.nextBoolean(), random.nextBoolean(), random.nextBoolean(), random.nextBoolean(),
                    random.nextInt(4) == 0));
        }
        return List.copyOf(profiles);
    }

    /** Refuses a rule set that fails or breaks an invariant for a generated profile. */
    static void requireAllHold(RuleSet ruleSet) throws RuleLoadException {
        for (Profile profile : all()) {
            Advice advice;
            try {
                advice = ruleSet.advise(profile);
            } catch (EvaluationException e) {
                throw failure(ruleSet, e, "for the generated profile " + describe(profile));
            }
            String broken = brokenInvariant(profile, advice);
            if (broken != null) {
                throw new RuleLoadException("", 0, broken + ", for the generated profile " + describe(profile));
            }
        }
    }

    /** What an evaluation failure says, at the file of the rule that failed where it is known. */
    static RuleLoadException failure(RuleSet ruleSet, EvaluationException e, String context) {
        String file = ruleSet.rules().stream().filter(rule -> rule.name().equals(e.rule())).findFirst()
                .map(rule -> rule.file()).orElse("");
        return new RuleLoadException(file, 0, e.getMessage() + " " + context);
    }

    /** A judgement of the answer that acts as a hard exclusion, or {@code null}. */
    private static String hardJudgement(Advice advice) {
        for (Advice.Excluded excluded : advice.excluded()) {
            for (RuleInfo rule : excluded.reasons()) {
                if (rule.judgement()) {
                    return "a judgement must never exclude, but rule \"" + rule.name() + "\" excludes "
                            + excluded.product();
                }
            }
        }
        for (Advice.Ranked ranked : advice.recommendations()) {
            int base = 0;
            for (Advice.Effect effect : ranked.reasons()) {
                if (effect.rule().id().equals(BASE)) {
                    base += effect.points();
                }
            }
            for (Advice.Effect effect : ranked.reasons()) {
                if (effect.rule().judgement() && effect.points() < 0 && -effect.points() >= base) {
                    return "a judgement must stay soft, but rule \"" + effect.rule().name() + "\" takes "
                            + -effect.points() + " from " + ranked.product() + ", as much as its base score";
                }
            }
        }
        return null;
    }

    /** The invariant an answer breaks, or {@code null}. */
    static String brokenInvariant(Profile profile, Advice advice) {
        Set<Product> seen = EnumSet.noneOf(Product.class);
        boolean once = true;
        for (Advice.Ranked ranked : advice.recommendations()) {
            once &= seen.add(ranked.product());
        }
        for (Advice.Excluded excluded : advice.excluded()) {
            once &= seen.add(excluded.product());
        }
        if (!once || seen.size() != Product.values().length) {
            return "each product must be either ranked or excluded, once";
        }
        String hardJudgement = hardJudgement(advice);
        if (hardJudgement != null) {
            return hardJudgement;
        }
        if (profile.wantsPayment()) {
            Advice.Plan plan = advice.plan();
            boolean primaryPays = plan.needs().contains(Need.PAYMENT)
                    && plan.companions().stream().noneMatch(c -> c.covers().contains(Need.PAYMENT))
                    && plan.unmetNeeds().stream().noneMatch(u -> u.need() == Need.PAYMENT);
            if (!primaryPays) {
                return "payment must dominate: payment is wanted, but " + plan.primary()
                        + " ranks first and cannot take it";
            }
        }
        return null;
    }

    private static String describe(Profile p) {
        return "{entityType " + p.entityType() + ", wantsPayment " + p.wantsPayment() + ", offlinePresence "
                + p.offlinePresence() + ", contentCadence " + p.contentCadence() + ", goals " + p.goals()
                + ", industry " + p.industry() + ", needsProactivePush " + p.needsProactivePush()
                + ", needsMomentsSharing " + p.needsMomentsSharing() + ", needsBackOfficeIntegration "
                + p.needsBackOfficeIntegration() + ", needsNativeDeviceFeatures " + p.needsNativeDeviceFeatures()
                + ", highInteractivity " + p.highInteractivity() + ", validatingNewIdea " + p.validatingNewIdea()
                + ", plansMiniGamesOrAds " + p.plansMiniGamesOrAds() + "}";
    }
}
