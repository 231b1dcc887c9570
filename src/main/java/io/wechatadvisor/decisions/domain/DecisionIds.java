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

    /** The smallest id of a given instant: ids made at or after it are not smaller. */
    public static UUID floor(Instant instant) {
        return new UUID(instant.toEpochMilli() << 16, 0L);
    }
}
