package io.wechatadvisor.decisions.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.wechatadvisor.recommendation.domain.Advice;
import io.wechatadvisor.recommendation.domain.Fit;
import io.wechatadvisor.recommendation.domain.Need;
import io.wechatadvisor.recommendation.domain.Product;
import io.wechatadvisor.recommendation.domain.Profile;
import io.wechatadvisor.recommendation.domain.RuleInfo;

/**
 * The record of one answer, as an auditor needs it: who asked (tenant, channel, externalId), when,
 * in which language, under which rules, the profile as the rules understood it (defaults filled in),
 * every ranked product with its score, fit and reasons (rule id and effect), the exclusions, the
 * plan, and the attribution and consent sent with the request. Texts are not kept: the rule ids and
 * {@code rulesVersion} name them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Decision(
        UUID decisionId,
        String tenant,
        Channel channel,
        String externalId,
        Instant decidedAt,
        String language,
        String rulesVersion,
        Profile profile,
        List<Ranked> recommendations,
        List<Excluded> excluded,
        Plan plan,
        Context context,
        Consent consent) {

    public static final String DEFAULT_TENANT = "default";

    @Schema(name = "RecordedRanked")
    public record Ranked(int rank, Product product, int score, Fit fit, List<Reason> reasons, List<String> warnings) {
    }

    @Schema(name = "RecordedReason")
    public record Reason(String rule, int effect) {
    }

    @Schema(name = "RecordedExcluded")
    public record Excluded(Product product, List<String> reasons) {
    }

    @Schema(name = "RecordedPlan")
    public record Plan(Product primary, List<Companion> companions, List<UnmetNeed> unmetNeeds, List<Need> needs) {
    }

    @Schema(name = "RecordedCompanion")
    public record Companion(Product product, List<Need> covers) {
    }

    @Schema(name = "RecordedUnmetNeed")
    public record UnmetNeed(Need need, List<String> blockedBy) {
    }

    /** The record of an advice, made now. */
    public static Decision of(String tenant, Channel channel, String externalId, String language, String rulesVersion,
            Profile profile, Advice advice, Context context, Consent consent) {
        UUID id = DecisionIds.next(System.currentTimeMillis());
        Outcome outcome = Outcome.of(advice);
        return new Decision(id, tenant, channel, externalId, DecisionIds.instantOf(id), language, rulesVersion, profile,
                outcome.recommendations(), outcome.excluded(), outcome.plan(), context, consent);
    }

    /**
     * What a record holds of an advice (its recommendations, exclusions and plan), made once per advice: the
     * advice memo answers a profile asked again with the same advice, whose records then share these lists
     * (and, in the decision store, their JSON). The outcomes of the last advices are kept by identity.
     */
    public record Outcome(List<Ranked> recommendations, List<Excluded> excluded, Plan plan) {

        private static final int SLOTS = 512;
        /** Written without a lock: a slot is immutable, a reader sees a whole one or an older one. */
        private static final Slot[] KEPT = new Slot[SLOTS];

        private record Slot(Advice advice, Outcome outcome) {
        }

        /** The outcome of an advice: kept, or made now (and kept). */
        public static Outcome of(Advice advice) {
            int index = System.identityHashCode(advice) & (SLOTS - 1);
            Slot kept = KEPT[index];
            if (kept != null && kept.advice() == advice) {
                return kept.outcome();
            }
            Outcome made = make(advice);
            KEPT[index] = new Slot(advice, made);
            return made;
        }

        private static Outcome make(Advice advice) {
            List<Ranked> ranked = advice.recommendations().stream()
                    .map(r -> new Ranked(r.rank(), r.product(), r.score(), r.fit(),
                            r.reasons().stream().map(e -> new Reason(e.rule().id(), e.points())).toList(),
                            ids(r.warnings())))
                    .toList();
            List<Excluded> excluded = advice.excluded().stream().map(e -> new Excluded(e.product(), ids(e.reasons())))
                    .toList();
            Advice.Plan plan = advice.plan();
            Plan recordedPlan = new Plan(plan.primary(),
                    plan.companions().stream().map(c -> new Companion(c.product(), c.covers())).toList(),
                    plan.unmetNeeds().stream().map(u -> new UnmetNeed(u.need(), ids(u.blockedBy()))).toList(),
                    plan.needs());
            return new Outcome(ranked, excluded, recordedPlan);
        }
    }

    private static List<String> ids(List<RuleInfo> rules) {
        return rules.stream().map(RuleInfo::id).toList();
    }
}
