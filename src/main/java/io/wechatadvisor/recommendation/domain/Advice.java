package io.wechatadvisor.recommendation.domain;

import java.util.List;

/**
 * The advisor's answer for one profile, before it is put into words: every product ranked or
 * excluded, each with the rules behind it, and the combined plan.
 */
public record Advice(List<Ranked> recommendations, List<Excluded> excluded, Plan plan) {

    /** A product open to the profile, with its rank, score and the effects that make the score up. */
    public record Ranked(int rank, Product product, int score, Fit fit, List<Effect> reasons, List<RuleInfo> warnings) {
    }

    /** One rule's signed contribution to a product's score. */
    public record Effect(RuleInfo rule, Product product, int points) {
    }

    /** A product the profile may not open, and the eligibility rules that say so. */
    public record Excluded(Product product, List<RuleInfo> reasons) {
    }

    /**
     * The needs the profile states, the primary product, the fewest companions covering the other
     * needs, and what stays unmet.
     */
    public record Plan(List<Need> needs, Product primary, List<Companion> companions, List<UnmetNeed> unmetNeeds) {
    }

    /** A companion product and the needs it is in the plan for. */
    public record Companion(Product product, List<Need> covers) {
    }

    /**
     * A need no eligible product covers. {@code blockedBy} holds the exclusion rules that removed the
     * products which would cover it; it is empty when no WeChat product covers the need at all.
     */
    public record UnmetNeed(Need need, List<RuleInfo> blockedBy) {
    }
}
