package io.wechatadvisor.decisions.domain;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the lead agreed to, as the agency's form asked it: stored with the decision as proof. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Consent", description = "The lead's consent, as collected by the agency; stored with the decision.")
public record Consent(
        @Schema(description = "Agreed to the processing of the data sent.") Boolean processing,
        @Schema(description = "Agreed to marketing.") Boolean marketing,
        @Size(max = 4000) @Schema(description = "The consent text the lead saw.", maxLength = 4000) String text,
        @Valid Pipl pipl) {

    /** China's Personal Information Protection Law: separate consent, and consent to leave the country. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "PiplConsent")
    public record Pipl(
            @Schema(description = "Separate consent (PIPL art. 29, 39), e.g. for sensitive data or transfer.")
            Boolean separateConsent,
            @Schema(description = "Agreed to the data leaving mainland China (PIPL art. 39).") Boolean crossBorder) {
    }
}
