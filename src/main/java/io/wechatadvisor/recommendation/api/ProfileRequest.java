package io.wechatadvisor.recommendation.api;

import java.util.EnumSet;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.wechatadvisor.decisions.domain.Consent;
import io.wechatadvisor.decisions.domain.Context;
import io.wechatadvisor.recommendation.domain.ContentCadence;
import io.wechatadvisor.recommendation.domain.EntityType;
import io.wechatadvisor.recommendation.domain.Goal;
import io.wechatadvisor.recommendation.domain.Industry;
import io.wechatadvisor.recommendation.domain.OfflinePresence;
import io.wechatadvisor.recommendation.domain.Profile;

/** One business profile, as agencies send it. Unknown fields are refused, so a typo never goes unnoticed. */
@Schema(name = "Profile", description = "One business profile: who registers, what they want, how they work.")
public record ProfileRequest(
        @NotNull(message = "is required")
        @Schema(required = true, description = "Who would register the account. Individuals cannot open service or "
                + "enterprise accounts or the enterprise mini program; organisations use the enterprise mini program.")
        EntityType entityType,

        @NotNull(message = "is required")
        @Schema(required = true, description = "Wants to take payment through WeChat. A product that cannot take "
                + "payment then never ranks first.")
        Boolean wantsPayment,

        @NotNull(message = "is required")
        @Schema(required = true, description = "Physical shops, offices or venues. Any location makes discovery by "
                + "people within 5 km a need.")
        OfflinePresence offlinePresence,

        @NotNull(message = "is required")
        @Schema(required = true, description = "How often it would broadcast content to followers. SEVERAL_PER_WEEK "
                + "and DAILY exceed a service account's 4 broadcasts a month.")
        ContentCadence contentCadence,

        @JsonDeserialize(using = GoalsDeserializer.class)
        @Schema(description = "What the presence is for. Default: none.", defaultValue = "[]",
                maxItems = MAX_GOALS)
        List<Goal> goals,

        @Schema(description = "The trade. Default: OTHER.", defaultValue = "OTHER")
        Industry industry,

        @Schema(description = "Must push messages to followers (only official accounts can). Default: false.",
                defaultValue = "false")
        Boolean needsProactivePush,

        @Schema(description = "Must share straight to WeChat Moments (mini programs cannot). Default: false.",
                defaultValue = "false")
        Boolean needsMomentsSharing,

        @Schema(description = "Must connect a CRM, ERP, OA or membership system. Default: false.", defaultValue = "false")
        Boolean needsBackOfficeIntegration,

        @Schema(description = "Needs native operating system or hardware features (beyond WeChat). Default: false.",
                defaultValue = "false")
        Boolean needsNativeDeviceFeatures,

        @Schema(description = "Live video, a mall or app-like interaction. Default: false.", defaultValue = "false")
        Boolean highInteractivity,

        @Schema(description = "An MVP, to test a business idea cheaply and fast. Default: false.", defaultValue = "false")
        Boolean validatingNewIdea,

        @Schema(description = "The main content is mini-games or advertising (not allowed in mini programs). "
                + "Default: false.", defaultValue = "false")
        Boolean plansMiniGamesOrAds,

        @Size(max = 128)
        @Schema(description = "The caller's own id, such as a CRM lead id: echoed back unchanged.", maxLength = 128,
                examples = "lead-4711")
        String externalId,

        @Valid
        @Schema(description = "Where the lead came from (page, referrer, utm_* parameters): stored with the "
                + "decision, never changes the answer.")
        Context context,

        @Valid
        @Schema(description = "What the lead consented to, as the agency asked: stored with the decision.")
        Consent consent) {

    /** The most goals a profile may list (there are six; repeats are allowed). */
    public static final int MAX_GOALS = 64;

    /** The fact the rules reason about, with the documented defaults filled in. */
    public Profile toProfile() {
        EnumSet<Goal> goalSet = EnumSet.noneOf(Goal.class);
        if (goals != null) {
            goalSet.addAll(goals);
        }
        return new Profile(entityType, wantsPayment, offlinePresence, contentCadence, goalSet,
                industry == null ? Industry.OTHER : industry,
                isTrue(needsProactivePush), isTrue(needsMomentsSharing), isTrue(needsBackOfficeIntegration),
                isTrue(needsNativeDeviceFeatures), isTrue(highInteractivity), isTrue(validatingNewIdea),
                isTrue(plansMiniGamesOrAds));
    }

    private static boolean isTrue(Boolean flag) {
        return Boolean.TRUE.equals(flag);
    }
}
