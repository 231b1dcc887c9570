package io.wechatadvisor.recommendation.api;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts wrong admin tokens per client address in a fixed window: once an address has used up its
 * failures, it is blocked until its window ends. Memory is bounded: past {@link #MAX_ADDRESSES}
 * addresses, ended windows are dropped, and if that is not enough the rest share one window.
 */
final class AdminAttempts {

    static final int MAX_ADDRESSES = 10_000;
    private static final String SHARED = "*";

    private record Window(long start, int failures) {
    }

    private final int maxFailures;
    private final long windowMillis;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    AdminAttempts(int maxFailures, Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.windowMillis = window.toMillis();
        this.clock = clock;
    }

    /** Seconds until the address may try again, or 0 if it may try now. */
    long blockedSeconds(String address) {
        Window window = windows.get(key(address));
        long now = clock.millis();
        if (window == null || window.failures() < maxFailures || now - window.start() >= windowMillis) {
            return 0;
        }
        return Math.max(1, (window.start() + windowMillis - now + 999) / 1000);
    }

    void failed(String address) {
        long now = clock.millis();
        windows.compute(key(address), (key, window) -> window == null || now - window.start() >= windowMillis
                ? new Window(now, 1) : new Window(window.start(), window.failures() + 1));
    }

    private String key(String address) {
        if (windows.size() >= MAX_ADDRESSES && !windows.containsKey(address)) {
            long now = clock.millis();
            windows.values().removeIf(window -> now - window.start() >= windowMillis);
            if (windows.size() >= MAX_ADDRESSES) {
                return SHARED;
            }
        }
        return address;
    }
}
