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

    /**
     * The same hash for equal profiles, from the choices' ordinals and one bit per flag and goal: the record's own
     * hash walks the goal set through its iterator and boxes every component, on every look-up of the advice memo.
     */
    @Override
    public int hashCode() {
        int goalBits = 0;
        for (Goal goal : goals) {
            goalBits |= 1 << goal.ordinal();
        }
        int flags = bit(wantsPayment, 0) | bit(needsProactivePush, 1) | bit(needsMomentsSharing, 2)
                | bit(needsBackOfficeIntegration, 3) | bit(needsNativeDeviceFeatures, 4) | bit(highInteractivity, 5)
                | bit(validatingNewIdea, 6) | bit(plansMiniGamesOrAds, 7);
        int choices = (((code(entityType) * 31 + code(offlinePresence)) * 31 + code(contentCadence)) * 31)
                + code(industry);
        return (choices * 31 + goalBits) * 257 + flags;
    }

    private static int bit(boolean flag, int position) {
        return flag ? 1 << position : 0;
    }

    private static int code(Enum<?> choice) {
        return choice == null ? 0 : choice.ordinal() + 1;
    }
}
