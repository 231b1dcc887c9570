package io.wechatadvisor.recommendation.domain;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The business profile: the one fact the rules reason about. Optional inputs already carry their
 * defaults here (no goals, industry OTHER, every flag false).
 */
@Schema(name = "ProfileAsUnderstood", description = "A profile with the documented defaults filled in, as kept in "
        + "a decision record.")
public record Profile(
        EntityType entityType,
        boolean wantsPayment,
        OfflinePresence offlinePresence,
        ContentCadence contentCadence,
        Set<Goal> goals,
        Industry industry,
        boolean needsProactivePush,
        boolean needsMomentsSharing,
        boolean needsBackOfficeIntegration,
        boolean needsNativeDeviceFeatures,
        boolean highInteractivity,
        boolean validatingNewIdea,
        boolean plansMiniGamesOrAds) {

    public Profile {
        goals = goals == null || goals.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(goals));
        industry = industry == null ? Industry.OTHER : industry;
    }
}
