package io.wechatadvisor.recommendation.rules;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.wechatadvisor.recommendation.config.AdvisorConfig;

/**
 * The facade over the rules: owns the live {@link RuleSet}. The first one is compiled on a
 * background thread as the application starts, so Quarkus boots meanwhile; requests that come
 * earlier wait for it (up to {@code advisor.rules.startup-wait}). Every request reads the live rule
 * set once and is answered by it alone.
 */
@ApplicationScoped
public class RuleEngine {

    private static final Logger LOG = Logger.getLogger(RuleEngine.class);

    private final AdvisorConfig config;
    private final AtomicReference<RuleSet> live = new AtomicReference<>();
    private final CompletableFuture<RuleSet> first = new CompletableFuture<>();

    public RuleEngine(AdvisorConfig config) {
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        Thread compiler = new Thread(this::loadFirst, "rules-compiler");
        compiler.setDaemon(true);
        compiler.start();
    }

    private void loadFirst() {
        try {
            RuleFiles files = config.rules().dir().map(Path::of).map(RuleFiles::fromDirectory).orElseGet(RuleFiles::bundled);
            long start = System.nanoTime();
            RuleSet ruleSet = RuleSetCompiler.compile(files);
            live.set(ruleSet);
            first.complete(ruleSet);
            LOG.infof("Rules %s loaded from %s: %d rules in %d ms", ruleSet.version(), ruleSet.origin(),
                    ruleSet.rules().size(), (System.nanoTime() - start) / 1_000_000);
        } catch (RuleLoadException e) {
            LOG.errorf("Rules cannot load: %s:%d: %s", e.file(), e.line(), e.getMessage());
            first.completeExceptionally(e);
        } catch (RuntimeException e) {
            LOG.error("Rules cannot load", e);
            first.completeExceptionally(e);
        }
    }

    /** The live rule set; waits for the first compilation if it is still running. */
    public RuleSet current() {
        RuleSet ruleSet = live.get();
        if (ruleSet != null) {
            return ruleSet;
        }
        try {
            return first.get(config.rules().startupWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RulesUnavailableException("interrupted while the rules compile");
        } catch (ExecutionException e) {
            throw new RulesUnavailableException("the rules failed to load; see the service log");
        } catch (TimeoutException e) {
            throw new RulesUnavailableException("the rules are still compiling");
        }
    }

    /** Whether a rule set is live: the readiness check. */
    public boolean isReady() {
        return live.get() != null;
    }
}
