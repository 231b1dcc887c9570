package io.wechatadvisor.recommendation.evaluation;

import java.util.EnumSet;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import io.wechatadvisor.recommendation.domain.ContentCadence;
import io.wechatadvisor.recommendation.domain.EntityType;
import io.wechatadvisor.recommendation.domain.Goal;
import io.wechatadvisor.recommendation.domain.Industry;
import io.wechatadvisor.recommendation.domain.OfflinePresence;
import io.wechatadvisor.recommendation.domain.Profile;

/** Every possible profile: all enum values, any set of goals, every flag either way. */
public final class ProfileArbitraries {

    private ProfileArbitraries() {
    }

    public static Arbitrary<Profile> profiles() {
        Arbitrary<Boolean> flag = Arbitraries.of(true, false);
        Arbitrary<EnumSet<Goal>> goals = Arbitraries.of(Goal.class).set().ofMaxSize(Goal.values().length)
                .map(set -> set.isEmpty() ? EnumSet.noneOf(Goal.class) : EnumSet.copyOf(set));
        Arbitrary<boolean[]> flags = flag.array(boolean[].class).ofSize(8);
        return Combinators.combine(Arbitraries.of(EntityType.class), Arbitraries.of(OfflinePresence.class),
                        Arbitraries.of(ContentCadence.class), goals, Arbitraries.of(Industry.class), flags)
                .as((entity, presence, cadence, goalSet, industry, f) -> new Profile(entity, f[0], presence, cadence,
                        goalSet, industry, f[1], f[2], f[3], f[4], f[5], f[6], f[7]));
    }
}
