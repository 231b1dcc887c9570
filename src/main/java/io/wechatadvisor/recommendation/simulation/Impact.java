package io.wechatadvisor.recommendation.simulation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a rule change does to recorded traffic: the profiles of recorded decisions answered by the
 * live rules and by the candidate, side by side. Maps are keyed by enum names, sorted; a profile
 * with no primary product counts as {@code NONE}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Impact")
public record Impact(
        @Schema(description = "rulesVersion of the rules that answer now") String liveVersion,
        @Schema(description = "rulesVersion the candidate would answer with") String candidateVersion,
        @Schema(description = "The decisions replayed: the most recent ones, or those from..to") Window window,
        @Schema(description = "How many recorded profiles both rule sets answered") int compared,
        @Schema(description = "How many of them change their primary product") int changed,
        @Schema(description = "Old primary -> new primary -> how many profiles, unchanged ones included")
        Map<String, Map<String, Integer>> matrix,
        @Schema(description = "Per product: the mean score change over the profiles both rule sets rank it for")
        Map<String, Double> scoreShift,
        @Schema(description = "Need -> how many profiles have it unmet under the candidate and met now")
        Map<String, Integer> newlyUnmet,
        @Schema(description = "Need -> how many profiles have it met under the candidate and unmet now")
        Map<String, Integer> newlyMet,
        @Schema(description = "Old primary -> new primary -> up to 20 decision ids, for each change")
        Map<String, Map<String, List<UUID>>> examples,
        @Schema(description = "Records whose profile could not be read or that the live rules fail on; not compared")
        int skipped,
        @Schema(description = "Profiles the candidate fails to evaluate (a rule throws); not compared")
        int failed,
        @Schema(description = "Up to 20 decision ids of profiles the candidate fails on") List<UUID> failedExamples,
        @Schema(description = "True when the range held more decisions than advisor.simulation.max-profiles: "
                + "the most recent of them were compared") Boolean truncated) {

    /** Which recorded decisions are replayed: the {@code last} most recent, or those decided in [from, to). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ImpactWindow")
    public record Window(Integer last, Instant from, Instant to) {
    }
}
