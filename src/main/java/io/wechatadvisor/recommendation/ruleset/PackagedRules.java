package io.wechatadvisor.recommendation.ruleset;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import io.wechatadvisor.config.RulesLocation;

/**
 * The packaged rules read ahead: {@link AdvisorMain} starts reading them (precompiled, see
 * {@link PrecompiledRules}) and warming them up on a thread of their own as the process starts, so
 * that work runs beside Quarkus' own start (configuration, HTTP, the database and its migrations)
 * instead of after it. {@link LiveRules} takes the result at its first load; without a read ahead
 * (tests, dev mode, a rules directory set) it reads them itself.
 */
final class PackagedRules {

    /** The rule set read ahead, with the time its reading began; at most one, taken once. */
    record ReadAhead(CompletableFuture<Optional<RuleSet>> ruleSet, long startedNanos) {
    }

    private static final AtomicReference<ReadAhead> READ_AHEAD = new AtomicReference<>();

    private PackagedRules() {
    }

    /**
     * Starts reading the packaged rules, unless a rules directory is set ({@link RulesLocation}): then
     * the directory's rules serve and the packaged ones are read only if it holds none.
     */
    static void readAhead() {
        if (RulesLocation.directorySetBeforeStart()) {
            return;
        }
        ReadAhead readAhead = new ReadAhead(new CompletableFuture<>(), System.nanoTime());
        if (!READ_AHEAD.compareAndSet(null, readAhead)) {
            return;
        }
        Thread reader = new Thread(() -> {
            try {
                Optional<RuleSet> ruleSet = PrecompiledRules.load(RuleFiles.bundled());
                ruleSet.ifPresent(LiveRules::warmUp);
                readAhead.ruleSet().complete(ruleSet);
            } catch (Throwable e) {
                readAhead.ruleSet().completeExceptionally(e);
            }
        }, "rules-read-ahead");
        reader.setDaemon(true);
        reader.start();
    }

    /** The read ahead under way or done, if one was started and not taken yet; it is taken. */
    static Optional<ReadAhead> take() {
        return Optional.ofNullable(READ_AHEAD.getAndSet(null));
    }
}
