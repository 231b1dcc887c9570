package io.wechatadvisor.recommendation.ruleset;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Context;
import io.wechatadvisor.config.AdvisorConfig;
import io.wechatadvisor.recommendation.ruleset.ReloadResult.Outcome;

/**
 * The facade over the rules: owns the live {@link RuleSet} and replaces it.
 *
 * <ul>
 * <li>The first rule set loads on the {@code rules-compiler} thread as the application starts (the
 * packaged rules precompiled at build time, see {@link PrecompiledRules}). Until it is live, readiness
 * is down; a request on an event loop is answered 503 at once (it must not block), one on a worker
 * thread waits up to {@code advisor.rules.startup-wait}. With {@code advisor.rules.await-at-start}
 * the start itself waits for it (the tests do).</li>
 * <li>With {@code advisor.rules.dir} set, the same thread polls the directory every
 * {@code advisor.rules.watch-interval} and {@link #reload()} asks it to load at once. A candidate goes
 * live only if it compiles, is complete (ids, sources, dates, texts) and passes its scenarios;
 * otherwise the live rule set keeps serving and the failure is kept for {@link #lastFailure()}.</li>
 * <li>Going live is one atomic reference swap. A request reads the live rule set once and is answered
 * by it alone, so its {@code rulesVersion} names every rule that answered it.</li>
 * <li>A directory without rule files (an optional ConfigMap not created, say) means the packaged
 * rules; they serve until rule files appear there.</li>
 * </ul>
 */
@ApplicationScoped
public class LiveRules {

    private static final Logger LOG = Logger.getLogger(LiveRules.class);
    private static final long RELOAD_WAIT_SECONDS = 120;
    private static final String UNREADABLE = "unreadable";
    private static final String FAILED = "the rules failed to load; see GET /api/v1/rules and the service log";

    private final AdvisorConfig config;
    private final RuleMetrics metrics;
    private final AtomicReference<RuleSet> live = new AtomicReference<>();
    private final CompletableFuture<RuleSet> first = new CompletableFuture<>();
    private final ScheduledExecutorService compiler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "rules-compiler");
        thread.setDaemon(true);
        return thread;
    });
    private volatile RuleFailure lastFailure;
    /** Fingerprint of the directory content last tried; read and written on the compiler thread only. */
    private String lastTried;

    public LiveRules(AdvisorConfig config, RuleMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    void onStart(@Observes StartupEvent event) throws InterruptedException {
        compiler.execute(this::loadFirst);
        if (config.rules().awaitAtStart()) {
            try {
                first.get();
            } catch (ExecutionException e) {
                LOG.error("The service starts without rules: they failed to load");
            }
        }
        directory().ifPresent(dir -> {
            long every = config.rules().watchInterval().toMillis();
            compiler.scheduleWithFixedDelay(this::poll, every, every, TimeUnit.MILLISECONDS);
        });
    }

    void onStop(@Observes ShutdownEvent event) {
        compiler.shutdownNow();
    }

    /** The live rule set; waits for the first compilation if it is still running. */
    public RuleSet current() {
        RuleSet ruleSet = live.get();
        if (ruleSet != null) {
            return ruleSet;
        }
        if (Context.isOnEventLoopThread()) {
            throw new RulesUnavailableException(first.isCompletedExceptionally() ? FAILED : "the rules are still loading");
        }
        try {
            return first.get(config.rules().startupWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RulesUnavailableException("interrupted while the rules compile");
        } catch (ExecutionException e) {
            throw new RulesUnavailableException(FAILED);
        } catch (TimeoutException e) {
            throw new RulesUnavailableException("the rules are still compiling");
        }
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
        return directory().isPresent();
    }

    /** Loads the rules directory now, on the compiler thread, and waits for the outcome. */
    public ReloadResult reload() {
        if (directory().isEmpty()) {
            throw new IllegalStateException("no rules directory is configured");
        }
        try {
            ReloadResult result = compiler.submit(() -> loadDirectory(true)).get(RELOAD_WAIT_SECONDS, TimeUnit.SECONDS);
            if (result.outcome() == Outcome.UNCHANGED) {
                metrics.reloaded(Outcome.UNCHANGED);
            }
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RulesUnavailableException("interrupted while the rules compile");
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the reload did not complete", e);
        }
    }

    private Optional<Path> directory() {
        return config.rules().dir().map(Path::of);
    }

    private void loadFirst() {
        RuleFiles files = directory().map(this::readOrNull).orElse(null);
        boolean usable = files != null && !files.drl().isEmpty();
        if (directory().isPresent() && !usable) {
            LOG.warnf("No rule files in %s: the packaged rules serve until some appear there", directory().get());
            lastTried = files == null ? UNREADABLE : files.fingerprint();
        }
        ReloadResult result = usable ? attempt(files, true) : loadBundled();
        if (result.outcome() == Outcome.LOADED) {
            first.complete(result.live());
        } else {
            first.completeExceptionally(new IllegalStateException(result.failure().message()));
        }
    }

    private void poll() {
        try {
            loadDirectory(false);
        } catch (RuntimeException e) {
            LOG.error("Polling the rules directory failed", e);
        }
    }

    /**
     * Reads the directory and tries it, unless it holds what is live, or (when polling) what was tried
     * last: a refused content is not retried until it changes.
     */
    private ReloadResult loadDirectory(boolean requested) {
        RuleFiles files = readOrNull(directory().orElseThrow());
        String fingerprint = files == null ? UNREADABLE : files.fingerprint();
        RuleSet current = live.get();
        boolean tried = fingerprint.equals(lastTried);
        lastTried = fingerprint;
        if (current != null && fingerprint.equals(current.files().fingerprint()) || tried && !requested) {
            return new ReloadResult(Outcome.UNCHANGED, current, null);
        }
        if (files == null) {
            return refuse(new RuleFailure("", 0, "the rules directory cannot be read", Instant.now()));
        }
        return attempt(files, true);
    }

    /** The packaged rules: precompiled at build time where that matches, else compiled now. */
    private ReloadResult loadBundled() {
        long start = System.nanoTime();
        RuleFiles bundled = RuleFiles.bundled();
        return PrecompiledRules.load(bundled).map(ruleSet -> goLive(ruleSet, start, " (precompiled)"))
                .orElseGet(() -> attempt(bundled, false));
    }

    /** Compiles and checks a candidate; makes it live only if everything holds. */
    private ReloadResult attempt(RuleFiles files, boolean runScenarios) {
        long start = System.nanoTime();
        try {
            RuleSet candidate = RuleSetCompiler.compile(files);
            if (runScenarios) {
                Scenarios.requireAllPass(candidate);
            }
            return goLive(candidate, start, "");
        } catch (RuleLoadException e) {
            return refuse(RuleFailure.of(e));
        } catch (RuntimeException e) {
            LOG.error("Rules cannot load", e);
            return refuse(new RuleFailure("", 0, "the rules cannot load; see the service log", Instant.now()));
        }
    }

    private ReloadResult goLive(RuleSet ruleSet, long start, String how) {
        live.set(ruleSet);
        metrics.reloaded(Outcome.LOADED);
        LOG.infof("Rules %s loaded from %s%s: %d rules in %d ms", ruleSet.version(), ruleSet.origin(), how,
                ruleSet.rules().size(), (System.nanoTime() - start) / 1_000_000);
        return new ReloadResult(Outcome.LOADED, ruleSet, null);
    }

    private ReloadResult refuse(RuleFailure failure) {
        lastFailure = failure;
        metrics.reloaded(Outcome.REFUSED);
        RuleSet current = live.get();
        LOG.errorf("Rules refused (%s keep serving): %s:%d: %s", current == null ? "no rules" : "rules " + current.version(),
                failure.file(), failure.line(), failure.message());
        return new ReloadResult(Outcome.REFUSED, current, failure);
    }

    private RuleFiles readOrNull(Path dir) {
        try {
            return RuleFiles.fromDirectory(dir);
        } catch (UncheckedIOException e) {
            return null;
        }
    }
}
