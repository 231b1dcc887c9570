package io.wechatadvisor.decisions.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** A period is also a range of ids: the bounds of a time hold every id made on their side of it. */
class DecisionIdsTest {

    @Property(tries = 2000)
    void theBoundsOfATimeSplitTheIdsAsTheirTimes(@ForAll("ids") UUID id, @ForAll("instants") Instant time) {
        Instant decidedAt = DecisionIds.instantOf(id);
        // decided_at >= time needs decision_id >= floor(time); decided_at < time needs decision_id < above(time).
        if (!decidedAt.isBefore(time)) {
            assertThat(unsigned(id, DecisionIds.floor(time))).isGreaterThanOrEqualTo(0);
        }
        if (decidedAt.isBefore(time)) {
            assertThat(unsigned(id, DecisionIds.above(time))).isLessThan(0);
        }
    }

    /** Compares ids as H2 and PostgreSQL do: as unsigned 128-bit numbers. */
    private static int unsigned(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }

    /** Ids as {@link DecisionIds#next} makes them, of any millisecond, counter and random bits. */
    @Provide
    Arbitrary<UUID> ids() {
        return Combinators.combine(Arbitraries.longs().between(0, (1L << 48) - 1),
                Arbitraries.longs().between(0, 0xFFF), Arbitraries.longs())
                .as((millis, sequence, random) -> new UUID((millis << 16) | 0x7000L | sequence,
                        (random & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L));
    }

    @Provide
    Arbitrary<Instant> instants() {
        Arbitrary<Instant> near = Arbitraries.longs().between(-1_000_000_000L, 1L << 48)
                .flatMap(ms -> Arbitraries.integers().between(0, 999_999).map(ns -> Instant.ofEpochMilli(ms).plusNanos(ns)));
        return Arbitraries.oneOf(near, Arbitraries.of(Instant.MIN, Instant.MAX, Instant.EPOCH, Instant.ofEpochMilli(1L << 48)));
    }
}
