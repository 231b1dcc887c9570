package io.wechatadvisor.recommendation.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.wechatadvisor.recommendation.domain.Fit;
import io.wechatadvisor.recommendation.domain.Need;
import io.wechatadvisor.recommendation.domain.Product;

/** The answer for one profile: every product ranked or excluded, the plan, and the rule set that answered. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Recommendation", description = "Every product appears once: ranked in recommendations or in excluded.")
public record RecommendationResponse(
        @Schema(description = "The id of this answer's decision record (a time-ordered UUIDv7), also sent as the "
                + "Decision-Id header: GET /api/v1/decisions/{decisionId} finds it.",
                examples = "01939e4a-7c1e-7a3b-9f2d-5b8c4e1a2d3f") String decisionId,
        @Schema(description = "The externalId of the request, when it had one.") String externalId,
        @Schema(description = "Eligible products, best first: sorted by score, ranks 1, 2, 3 without gaps; ties in "
                + "the fixed product order.") List<RankedProduct> recommendations,
        @Schema(description = "Products the profile may not open, with the eligibility rules that say so.")
        List<ExcludedProduct> excluded,
        Plan plan,
        @Schema(description = "Content hash of the rule set that answered.") String rulesVersion) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "RankedProduct")
    public record RankedProduct(
            int rank,
            Product product,
            @Schema(description = "Display name, in the answer's language.") String name,
            @Schema(description = "0 to 100: the sum of the reasons' effects.", minimum = "0", maximum = "100") int score,
            @Schema(description = "Score band: STRONG from 70, GOOD from 45, WEAK below (rules/weights.drl).") Fit fit,
            @Schema(description = "Every rule that moved the score; their effects add up to it.") List<Reason> reasons,
            @Schema(description = "What the buyer must know before choosing this product.") List<Warning> warnings) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Reason")
    public record Reason(
            @Schema(description = "Catalogue rule id.") String rule,
            @Schema(description = "Signed points this rule moved the score.") int effect,
            String text,
            @Schema(description = "Key of the source document behind the rule, where one applies.") String source,
            @Schema(format = "date", description = "When the fact behind the rule was last checked against its source.")
            String asOf,
            @Schema(description = "Present and true when the rule is a consultant's judgement, not a documented fact.")
            Boolean judgement,
            @Schema(description = "With a judgement: the consultant's reasoning in one sentence, in the answer's language.")
            String rationale,
            Evidence evidence) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Warning")
    public record Warning(String rule, String text, String source, @Schema(format = "date") String asOf,
            Evidence evidence) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ExclusionReason")
    public record ExclusionReason(String rule, String text, String source, @Schema(format = "date") String asOf,
            Boolean judgement, String rationale, Evidence evidence) {
    }

    @Schema(name = "Evidence", description = "The documented fact behind a reason or warning: on every one that is "
            + "not a judgement (and on a judgement a sentence supports). GET /api/v1/sources/{key} describes the source.")
    public record Evidence(
            @Schema(description = "Key of the source document.", example = "ACCOUNT-TYPES") String source,
            @Schema(description = "A verbatim excerpt of the source (at most about 300 characters), in the source's "
                    + "own words and language whatever the answer's language.") String quote) {
    }

    @Schema(name = "ExcludedProduct")
    public record ExcludedProduct(Product product, String name, List<ExclusionReason> reasons) {
    }

    @Schema(name = "Plan", description = "The top recommendation plus the fewest eligible companions that together "
            + "cover every need the profile states; needs no eligible product covers are unmet.")
    public record Plan(
            Product primary,
            List<Companion> companions,
            List<UnmetNeed> unmetNeeds,
            @Schema(description = "Every need the profile states, whether the plan covers it or not.") List<Need> needs) {
    }

    @Schema(name = "Companion")
    public record Companion(Product product, @Schema(description = "The needs it is in the plan for.") List<Need> covers,
            String text) {
    }

    @Schema(name = "UnmetNeed")
    public record UnmetNeed(Need need, String text, @Schema(description = "What would change the answer.") String wouldChange) {
    }
}
