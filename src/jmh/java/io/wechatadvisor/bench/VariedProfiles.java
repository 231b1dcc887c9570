package io.wechatadvisor.bench;

import java.util.EnumSet;

import io.wechatadvisor.recommendation.domain.ContentCadence;
import io.wechatadvisor.recommendation.domain.EntityType;
import io.wechatadvisor.recommendation.domain.Goal;
import io.wechatadvisor.recommendation.domain.Industry;
import io.wechatadvisor.recommendation.domain.OfflinePresence;
import io.wechatadvisor.recommendation.domain.Profile;

/** The 10,000 different profiles of bench/post-varied.lua, built as it builds them. */
public final class VariedProfiles {

    private static final Goal[] GOALS = { Goal.SELL_PRODUCTS, Goal.PUBLISH_CONTENT, Goal.CUSTOMER_SERVICE,
        Goal.INTERNAL_COMMUNICATION, Goal.BOOKINGS, Goal.BRAND_AWARENESS };

    private VariedProfiles() {
    }

    public static Profile[] all() {
        Profile[] profiles = new Profile[10_000];
        for (int i = 0; i < profiles.length; i++) {
            EnumSet<Goal> chosen = EnumSet.noneOf(Goal.class);
            int mask = i / 150 % 64;
            for (int g = 0; g < GOALS.length; g++) {
                if ((mask >> g & 1) == 1) {
                    chosen.add(GOALS[g]);
                }
            }
            profiles[i] = new Profile(EntityType.values()[i % 5], i / 75 % 2 == 1,
                    OfflinePresence.values()[i / 5 % 3], ContentCadence.values()[i / 15 % 5], chosen, Industry.CATERING,
                    i / 9600 % 2 == 1, false, false, false, false, false, false);
        }
        return profiles;
    }
}
