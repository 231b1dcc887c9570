package io.wechatadvisor.decisions.domain;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/**
 * UUIDv7 decision ids (RFC 9562): 48 bits of Unix milliseconds, then a counter that keeps ids of the
 * same millisecond in order within this process, then random bits, so replicas never collide and
 * ids sort by time.
 */
public final class DecisionIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** The first instant past the 48 bits of milliseconds an id holds (in the year 10889). */
    private static final Instant LAST = Instant.ofEpochMilli(1L << 48);
    private static long lastMillis;
    private static long sequence;

    private DecisionIds() {
    }

    /** A new id, and the instant it carries. */
    public static synchronized UUID next(long nowMillis) {
        long millis = Math.max(nowMillis, lastMillis);
        if (millis == lastMillis) {
            sequence++;
            if (sequence > 0xFFF) {
                millis++;
                sequence = 0;
            }
        } else {
            sequence = 0;
        }
        lastMillis = millis;
        long high = (millis << 16) | 0x7000L | sequence;
        long low = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    /** The instant an id was made at. */
    public static Instant instantOf(UUID id) {
        return Instant.ofEpochMilli(id.getMostSignificantBits() >>> 16);
    }

    /**
     * The smallest id of a given instant: ids made at or after it are not smaller (ids compare as
     * unsigned numbers, as the databases compare them). Instants before 1970 give the smallest id.
     */
    public static UUID floor(Instant instant) {
        return instant.isBefore(Instant.EPOCH) ? new UUID(0L, 0L)
                : instant.isBefore(LAST) ? new UUID(instant.toEpochMilli() << 16, 0L) : new UUID(-1L, -1L);
    }

    /** An id above every id made before {@code instant}: ids made before it are smaller. */
    public static UUID above(Instant instant) {
        return instant.isBefore(LAST) ? floor(instant.plusMillis(1)) : new UUID(-1L, -1L);
    }
}
