package io.wechatadvisor.recommendation.ruleset;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.wechatadvisor.config.AdvisorConfig;
import io.wechatadvisor.recommendation.domain.Profile;
import io.wechatadvisor.recommendation.evaluation.EvaluationException;
import io.wechatadvisor.recommendation.ruleset.ReloadResult.Outcome;
import io.wechatadvisor.recommendation.ruleset.RuleFiles.Stamp;

/**
 * Holds the live {@link RuleSet} and replaces it: loads the first one, watches the rules directory,
 * and reloads it on request.
 *
 * <ul>
 * <li>The first rule set loads on a thread of its own as the application starts (the packaged rules
 * precompiled at build time, see {@link PrecompiledRules}; with {@code java -jar} read ahead as the
 * process starts, see {@link PackagedRules}); {@link #firstLoad()} completes with it.
 * With {@code advisor.rules.await-at-start} the start itself waits for it (the tests do).</li>
 * <li>With {@code advisor.rules.dir} set, the directory is polled every
 * {@code advisor.rules.watch-interval} (a poll still running is not started again), and
 * {@link #reload()} loads it at once. Polls, reloads and the first load take turns on one lock. A
 * poll reads no file while the directory's listing (names, sizes, modification times) is unchanged,
 * and never reads a file over {@code advisor.rules.max-file-size}.</li>
 * <li>A candidate goes live only if it is within what rule files may do ({@link RuleSafety}),
 * compiles, is complete (ids, sources, dates, texts), passes its scenarios and keeps the invariants
 * for generated profiles ({@link GeneratedProfiles}), all within {@code advisor.rules.check-timeout}
 * on a throwaway thread. Otherwise, whatever went wrong (an {@link Error} included), the live rule
 * set keeps serving and the failure is kept for {@link #lastFailure()}, with paths relative to the
 * rules directory.</li>
 * <li>Going live is one atomic reference swap. A request reads the live rule set once and is answered
 * by it alone, so its {@code rulesVersion} names every rule that answered it.</li>
 * <li>A directory without rule files (an optional ConfigMap not created, say) means the packaged
 * rules; they serve until rule files appear there.</li>
 * </ul>
 */
@ApplicationScoped
public class LiveRules {

    /**
     * Two evaluations build Drools' network; more (8 were tried) cost the start about half a second
     * of CPU and left the first request no faster (docs/performance.md).
     */
    private static final int WARM_UP_PROFILES = 2;
    private static final Logger LOG = Logger.getLogger(LiveRules.class);

    private final AdvisorConfig config;
    private final RuleMetrics metrics;
    private final Optional<Path> directory;
    private final AtomicReference<RuleSet> live = new AtomicReference<>();
    private final CompletableFuture<RuleSet> first = new CompletableFuture<>();
    /** One load at a time: the first load, polls and reloads. */
    private final ReentrantLock loading = new ReentrantLock();
    private volatile RuleFailure lastFailure;
    /** The directory's listing when it was last read; guarded by {@link #loading}. */
    private SortedMap<String, Stamp> lastListing;
    /** Fingerprint of the directory content last tried; guarded by {@link #loading}. */
    private String lastTried;

    public LiveRules(AdvisorConfig config, RuleMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
        this.directory = config.rules().dir().map(Path::of);
    }

    /**
     * Before every other start observer (the {@code @Startup} beans read the database), so the rules
     * load beside them rather than after them.
     */
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        Thread loader = new Thread(this::loadFirst, "rules-first-load");
        loader.setDaemon(true);
        loader.start();
        if (config.rules().awaitAtStart()) {
            try {
                first.join();
            } catch (RuntimeException e) {
                LOG.error("The service starts without rules: they failed to load");
            }
        }
    }

    /** The live rule set, if one is. */
    public Optional<RuleSet> live() {
        return Optional.ofNullable(live.get());
    }

    /** Completes with the first rule set, or exceptionally if it failed to load. */
    public Future<RuleSet> firstLoad() {
        return first;
    }

    /** Whether a rule set is live: the readiness check. */
    public boolean isReady() {
        return live.get() != null;
    }

    /** The last refused attempt, or {@code null} if none was refused since the service started. */
    public RuleFailure lastFailure() {
        return lastFailure;
    }

    /** Whether rules come from a directory that can change ({@code advisor.rules.dir}). */
    public boolean isReloadable() {
        return directory.isPresent();
    }

    /**
     * Loads the rules directory now, after a poll or reload under way, and reports the outcome. When
     * that poll took the change live meanwhile, the outcome is LOADED all the same.
     */
    public ReloadResult reload() throws InterruptedException {
        if (directory.isEmpty()) {
            throw new IllegalStateException("no rules directory is configured");
        }
        RuleSet before = live.get();
        loading.lockInterruptibly();
        try {
            ReloadResult result = guarded(() -> loadDirectory(true));
            if (result.outcome() == Outcome.UNCHANGED && result.live() != before) {
                return new ReloadResult(Outcome.LOADED, result.live(), null);
            }
            if (result.outcome() == Outcome.UNCHANGED) {
                metrics.reloaded(Outcome.UNCHANGED);
            }
            return result;
        } finally {
            loading.unlock();
        }
    }

    /** Looks for a change in the rules directory; skipped while the first load, a reload or a poll runs. */
    @Scheduled(identity = "rules-watch", every = "${advisor.rules.watch-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (directory.isEmpty() || !first.isDone() || !loading.tryLock()) {
            return;
        }
        try {
            guarded(() -> loadDirectory(false));
        } finally {
            loading.unlock();
        }
    }

    private void loadFirst() {
        loading.lock();
        try {
            ReloadResult result = guarded(() -> {
                RuleFiles files = null;
                if (directory.isPresent()) {
                    try {
                        files = read(RuleFiles.list(directory.get()));
                        lastTried = files.fingerprint();
                    } catch (RuleLoadException e) {
                        lastTried = failedKey(e);
                    }
                    if (files == null || files.drl().isEmpty()) {
                        LOG.warnf("No readable rule files in %s: the packaged rules serve until some appear there",
                                directory.get());
                        files = null;
                    }
                }
                return files != null ? attempt(files, true) : loadBundled();
            });
            if (result.outcome() == Outcome.LOADED) {
                first.complete(result.live());
            } else {
                first.completeExceptionally(new IllegalStateException(result.failure().message()));
            }
        } finally {
            loading.unlock();
        }
    }

    private interface Load {
        ReloadResult run() throws RuleLoadException;
    }

    /**
     * Runs a load and turns anything it throws, an {@link Error} included, into a refusal: nothing
     * stops the watch.
     */
    private ReloadResult guarded(Load load) {
        try {
            return load.run();
        } catch (RuleLoadException e) {
            return refuse(RuleFailure.of(e));
        } catch (Throwable e) {
            LOG.error("Loading the rules failed", e);
            return refuse(new RuleFailure("", 0, describe(e), Instant.now()));
        }
    }

    /**
     * Reads the directory and tries it, unless it holds what is live, or (when polling) what was tried
     * last: a refused content is not retried until it changes. A poll reads nothing while the listing
     * is that of the last read.
     */
    private ReloadResult loadDirectory(boolean requested) throws RuleLoadException {
        RuleSet current = live.get();
        RuleFiles files;
        try {
            SortedMap<String, Stamp> listing = RuleFiles.list(directory.orElseThrow());
            if (!requested && listing.equals(lastListing)) {
                return new ReloadResult(Outcome.UNCHANGED, current, null);
            }
            files = read(listing);
        } catch (RuleLoadException e) {
            String failed = failedKey(e);
            boolean repeated = failed.equals(lastTried);
            lastTried = failed;
            if (repeated && !requested) {
                return new ReloadResult(Outcome.UNCHANGED, current, null);
            }
            throw e;
        }
        String fingerprint = files.fingerprint();
        boolean tried = fingerprint.equals(lastTried);
        lastTried = fingerprint;
        if (current != null && fingerprint.equals(current.files().fingerprint()) || tried && !requested) {
            return new ReloadResult(Outcome.UNCHANGED, current, null);
        }
        return attempt(files, true);
    }

    /** Stands for a directory that could not be read, in {@link #lastTried}: it is not refused again. */
    private static String failedKey(RuleLoadException e) {
        return "failed:" + e.file() + ":" + e.getMessage();
    }

    /** Reads the files of a listing, which becomes the last one read. */
    private RuleFiles read(SortedMap<String, Stamp> listing) throws RuleLoadException {
        lastListing = listing;
        return RuleFiles.read(directory.get(), listing, config.rules().maxFileSize().asLongValue());
    }

    /**
     * The packaged rules: read ahead as the process started ({@link PackagedRules}), else precompiled
     * at build time where that matches, else compiled now.
     */
    private ReloadResult loadBundled() throws RuleLoadException {
        Optional<PackagedRules.ReadAhead> readAhead = PackagedRules.take();
        if (readAhead.isPresent()) {
            try {
                Optional<RuleSet> read = readAhead.get().ruleSet().join();
                if (read.isPresent()) {
                    return live(read.get(), readAhead.get().startedNanos(), " (precompiled, read ahead)");
                }
            } catch (RuntimeException e) {
                LOG.warn("Reading the packaged rules ahead failed; reading them again", e);
            }
        }
        long start = System.nanoTime();
        RuleFiles bundled = RuleFiles.bundled();
        Optional<RuleSet> precompiled = PrecompiledRules.load(bundled);
        if (precompiled.isPresent()) {
            return goLive(precompiled.get(), start, " (precompiled)");
        }
        return attempt(bundled, false);
    }

    /**
     * Compiles and checks a candidate on a throwaway thread, within {@code advisor.rules.check-timeout};
     * makes it live only if everything holds.
     */
    private ReloadResult attempt(RuleFiles files, boolean check) throws RuleLoadException {
        long start = System.nanoTime();
        RuleSet candidate = CandidateCheck.run(() -> {
            RuleSet ruleSet = RuleSetCompiler.compile(files);
            if (check) {
                Scenarios.requireAllPass(ruleSet);
                GeneratedProfiles.requireAllHold(ruleSet);
            }
            return ruleSet;
        }, config.rules().checkTimeout());
        return goLive(candidate, start, "");
    }

    private ReloadResult goLive(RuleSet ruleSet, long start, String how) {
        warmUp(ruleSet);
        return live(ruleSet, start, how);
    }

    /** Makes a rule set that is warmed up live. */
    private ReloadResult live(RuleSet ruleSet, long start, String how) {
        live.set(ruleSet);
        metrics.reloaded(Outcome.LOADED);
        LOG.infof("Rules %s loaded from %s%s: %d rules in %d ms", ruleSet.version(), ruleSet.origin(), how,
                ruleSet.rules().size(), (System.nanoTime() - start) / 1_000_000);
        return new ReloadResult(Outcome.LOADED, ruleSet, null);
    }

    /**
     * Drools builds a rule set's network on its first evaluation (a second or more on a busy machine):
     * done here, before the rule set goes live, the first request is not the one that waits for it.
     */
    static void warmUp(RuleSet ruleSet) {
        for (Profile profile : GeneratedProfiles.all().subList(0, WARM_UP_PROFILES)) {
            try {
                ruleSet.advise(profile);
            } catch (EvaluationException e) {
                LOG.warnf("A warm-up evaluation failed: %s", e.getMessage());
                return;
            }
        }
    }

    private ReloadResult refuse(RuleFailure failure) {
        RuleFailure relative = withoutDirectory(failure);
        lastFailure = relative;
        metrics.reloaded(Outcome.REFUSED);
        RuleSet current = live.get();
        LOG.errorf("Rules refused (%s keep serving): %s:%d: %s", current == null ? "no rules" : "rules " + current.version(),
                relative.file(), relative.line(), relative.message());
        return new ReloadResult(Outcome.REFUSED, current, relative);
    }

    /** The failure with the rules directory's own path taken out: files are named relative to it. */
    private RuleFailure withoutDirectory(RuleFailure failure) {
        if (directory.isEmpty()) {
            return failure;
        }
        String message = failure.message();
        String file = failure.file();
        for (Path dir : new Path[] { directory.get().toAbsolutePath(), realPath(directory.get()), directory.get() }) {
            String prefix = dir.toString();
            if (!prefix.isEmpty() && !prefix.equals(".")) {
                message = message.replace(prefix + "/", "").replace(prefix, "the rules directory");
                file = file.startsWith(prefix + "/") ? file.substring(prefix.length() + 1) : file;
            }
        }
        return new RuleFailure(file, failure.line(), message, failure.at());
    }

    private static Path realPath(Path dir) {
        try {
            return dir.toRealPath();
        } catch (java.io.IOException e) {
            return dir.toAbsolutePath();
        }
    }

    /** What a failure that is not a refusal with a reason says: no class names, no stack trace. */
    private static String describe(Throwable e) {
        if (e instanceof StackOverflowError) {
            return "the rules are nested too deeply to compile (the compiler ran out of stack)";
        }
        if (e instanceof OutOfMemoryError) {
            return "the rules need more memory to compile than the service has";
        }
        return "the rules cannot load; see the service log";
    }

    /** Runs a candidate's compilation and checks on a thread of their own, within a time limit. */
    static final class CandidateCheck {

        private CandidateCheck() {
        }

        interface Work {
            RuleSet run() throws RuleLoadException;
        }

        /**
         * The candidate, or a refusal: the work's own, or one saying it did not finish in time. A thread
         * that does not finish is interrupted and abandoned (the rule files cannot contain a loop, see
         * {@link RuleSafety}; this is the backstop).
         */
        static RuleSet run(Work work, Duration timeout) throws RuleLoadException {
            FutureTask<RuleSet> task = new FutureTask<>(work::run);
            Thread thread = new Thread(task, "rules-check");
            thread.setDaemon(true);
            thread.start();
            try {
                return task.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                task.cancel(true);
                LOG.errorf("The rules check did not finish within %s; its thread is abandoned", timeout);
                throw new RuleLoadException("", 0, "the rules did not compile and pass their checks within "
                        + "advisor.rules.check-timeout (" + timeout.toMillis() + " ms): a rule may loop");
            } catch (InterruptedException e) {
                task.cancel(true);
                Thread.currentThread().interrupt();
                throw new RuleLoadException("", 0, "interrupted while the rules were checked");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuleLoadException refusal) {
                    throw refusal;
                }
                LOG.error("The rules check failed", cause);
                throw new RuleLoadException("", 0, describe(cause));
            }
        }
    }
}
