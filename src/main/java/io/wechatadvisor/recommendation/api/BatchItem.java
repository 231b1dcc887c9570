package io.wechatadvisor.recommendation.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.wechatadvisor.problem.Problem;

/** One entry of a batch answer: the result for the profile at {@code index}, or why it was refused. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "BatchItem", description = "Either result or error is present.")
public record BatchItem(
        @Schema(description = "Position of the profile in the request, from 0.") int index,
        @Schema(implementation = RecommendationResponse.class) Answer result,
        Problem error) {
}
