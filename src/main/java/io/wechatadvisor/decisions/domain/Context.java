package io.wechatadvisor.decisions.domain;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where the lead came from: the page that asked, its referrer and its campaign parameters. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Context", description = "Attribution: stored with the decision, never changes the answer.")
public record Context(
        @Size(max = 2048) @Pattern(regexp = "https?://\\S+", message = "must be an http or https URL")
        @Schema(description = "The page the advisor was asked from.", maxLength = 2048,
                examples = "https://www.agency.example/wechat?utm_source=newsletter")
        String pageUri,
        @Size(max = 2048) @Pattern(regexp = "https?://\\S+", message = "must be an http or https URL")
        @Schema(description = "That page's referrer.", maxLength = 2048)
        String referrer,
        @Valid Utm utm) {

    /** Campaign parameters, as in {@code utm_source} … {@code utm_content}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Utm")
    public record Utm(
            @Size(max = 256) @Schema(maxLength = 256, examples = "newsletter") String source,
            @Size(max = 256) @Schema(maxLength = 256, examples = "email") String medium,
            @Size(max = 256) @Schema(maxLength = 256, examples = "spring-2027") String campaign,
            @Size(max = 256) @Schema(maxLength = 256) String term,
            @Size(max = 256) @Schema(maxLength = 256) String content) {
    }
}
