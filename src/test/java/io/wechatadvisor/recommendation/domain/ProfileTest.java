package io.wechatadvisor.recommendation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import io.wechatadvisor.recommendation.evaluation.ProfileArbitraries;

/** A profile is the advice memo's key: equal profiles hash alike, and one changed answer changes the hash. */
class ProfileTest {

    @Property
    void equalProfilesHashAlike(@ForAll("profiles") Profile profile) {
        Profile copy = copy(profile, new HashSet<>(profile.goals()), profile.industry(), profile.wantsPayment(),
                profile.plansMiniGamesOrAds());

        assertThat(copy).isEqualTo(profile);
        assertThat(copy.hashCode()).isEqualTo(profile.hashCode());
    }

    @Property
    void oneChangedAnswerChangesTheHash(@ForAll("profiles") Profile profile, @ForAll Goal goal) {
        Set<Goal> toggled = EnumSet.noneOf(Goal.class);
        toggled.addAll(profile.goals());
        if (!toggled.remove(goal)) {
            toggled.add(goal);
        }
        List<Profile> neighbours = new ArrayList<>(List.of(
                copy(profile, toggled, profile.industry(), profile.wantsPayment(), profile.plansMiniGamesOrAds()),
                copy(profile, profile.goals(), profile.industry(), !profile.wantsPayment(),
                        profile.plansMiniGamesOrAds()),
                copy(profile, profile.goals(), profile.industry(), profile.wantsPayment(),
                        !profile.plansMiniGamesOrAds())));
        for (Industry industry : Industry.values()) {
            if (industry != profile.industry()) {
                neighbours.add(copy(profile, profile.goals(), industry, profile.wantsPayment(),
                        profile.plansMiniGamesOrAds()));
            }
        }

        for (Profile neighbour : neighbours) {
            assertThat(neighbour).isNotEqualTo(profile);
            assertThat(neighbour.hashCode()).isNotEqualTo(profile.hashCode());
        }
    }

    @Provide
    Arbitrary<Profile> profiles() {
        return ProfileArbitraries.profiles();
    }

    /** {@code profile} with the first flag, the last flag, the goals and the industry as given. */
    private static Profile copy(Profile profile, Set<Goal> goals, Industry industry, boolean wantsPayment,
            boolean plansMiniGamesOrAds) {
        return new Profile(profile.entityType(), wantsPayment, profile.offlinePresence(), profile.contentCadence(),
                goals, industry, profile.needsProactivePush(), profile.needsMomentsSharing(),
                profile.needsBackOfficeIntegration(), profile.needsNativeDeviceFeatures(), profile.highInteractivity(),
                profile.validatingNewIdea(), plansMiniGamesOrAds);
    }
}
