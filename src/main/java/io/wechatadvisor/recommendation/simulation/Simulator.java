package io.wechatadvisor.recommendation.simulation;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.jboss.logging.Logger;

import io.wechatadvisor.config.AdvisorConfig;
import io.wechatadvisor.decisions.store.DecisionQuery;
import io.wechatadvisor.decisions.store.DecisionRow;
import io.wechatadvisor.decisions.store.DecisionStore;
import io.wechatadvisor.problem.ProblemException;
import io.wechatadvisor.problem.ProblemType;
import io.wechatadvisor.recommendation.domain.Advice;
import io.wechatadvisor.recommendation.domain.Profile;
import io.wechatadvisor.recommendation.evaluation.EvaluationException;
import io.wechatadvisor.recommendation.ruleset.RuleFiles;
import io.wechatadvisor.recommendation.ruleset.RuleLoadException;
import io.wechatadvisor.recommendation.ruleset.RuleSet;
import io.wechatadvisor.recommendation.ruleset.RuleSetCompiler;

/**
 * Replays the profiles of recorded decisions through two rule sets and reports what changes
 * ({@link Impact}). Reads decisions, writes nothing, and never touches the live rules: a candidate is
 * compiled here into a rule set of its own, which is dropped afterwards.
 *
 * <p>One simulation runs at a time (another is answered 429), on a thread of its own, within
 * {@code advisor.simulation.timeout}: past it the request is answered 503 and the run stops at the
 * next profile.
 */
@ApplicationScoped
public class Simulator {

    private static final Logger LOG = Logger.getLogger(Simulator.class);

    private final DecisionStore store;
    private final ObjectMapper mapper;
    private final AdvisorConfig.Simulation config;
    private final Semaphore running = new Semaphore(1);

    public Simulator(DecisionStore store, ObjectMapper mapper, AdvisorConfig config) {
        this.store = store;
        this.mapper = mapper;
        this.config = config.simulation();
    }

    /** The most decisions one run replays. */
    public int maxProfiles() {
        return config.maxProfiles();
    }

    /** How many recent decisions a request that names none replays. */
    public int defaultLast() {
        return config.defaultLast();
    }

    /**
     * Compiles {@code candidate} and compares it with {@code live} over the decisions of {@code window}.
     *
     * @throws RuleLoadException when the candidate does not compile or is incomplete
     */
    public Impact simulate(RuleSet live, RuleFiles candidate, Impact.Window window) throws RuleLoadException {
        if (!running.tryAcquire()) {
            throw new ProblemException(ProblemType.SIMULATION_BUSY.problem(
                    "Another simulation is running; send this one again when it has answered."));
        }
        FutureTask<Impact> task = new FutureTask<>(() -> {
            try {
                return compare(live, RuleSetCompiler.compile(candidate), window);
            } finally {
                running.release();
            }
        });
        Thread thread = new Thread(task, "rules-simulation");
        thread.setDaemon(true);
        thread.start();
        Duration timeout = config.timeout();
        try {
            return task.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            throw new ProblemException(ProblemType.SIMULATION_TIMEOUT.problem("The simulation did not finish within "
                    + "advisor.simulation.timeout (" + timeout.toMillis() + " ms); replay fewer decisions (last, or "
                    + "a shorter from..to)."));
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new ProblemException(ProblemType.SIMULATION_TIMEOUT.problem("The simulation was interrupted."));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuleLoadException refused) {
                throw refused;
            }
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("the simulation failed", e.getCause());
        }
    }

    /**
     * What a reload just made live: {@code before} and {@code after} over the most recent
     * {@code advisor.simulation.reload-last} decisions. Empty when that is 0, or when the decisions
     * cannot be read (the reload stands; the log says why).
     */
    public Optional<Impact> afterReload(RuleSet before, RuleSet after) {
        if (config.reloadLast() <= 0 || before == null || before == after) {
            return Optional.empty();
        }
        try {
            return Optional.of(compare(before, after, new Impact.Window(config.reloadLast(), null, null)));
        } catch (RuntimeException e) {
            LOG.warn("The impact of the reload could not be computed", e);
            return Optional.empty();
        }
    }

    private Impact compare(RuleSet live, RuleSet candidate, Impact.Window window) {
        boolean range = window.last() == null;
        int limit = range ? config.maxProfiles() + 1 : window.last();
        DecisionQuery query = new DecisionQuery(null, null, window.from(), window.to(), null, null, null, limit);
        Tally tally = new Tally();
        int[] read = { 0 };
        try {
            store.stream(query, row -> {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("the simulation ran out of time");
                }
                if (++read[0] <= config.maxProfiles()) {
                    replay(row, live, candidate, tally);
                }
            });
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("the decisions could not be read", e);
        }
        return tally.result(live.version(), candidate.version(), window, read[0] > config.maxProfiles());
    }

    private void replay(DecisionRow row, RuleSet live, RuleSet candidate, Tally tally) {
        Profile profile;
        Advice before;
        try {
            JsonNode record = mapper.readTree(row.json());
            profile = mapper.treeToValue(record.path("profile"), Profile.class);
            before = live.advise(profile);
        } catch (Exception e) {
            tally.skip();
            return;
        }
        Advice after;
        try {
            after = candidate.advise(profile);
        } catch (EvaluationException e) {
            tally.fail(row.decisionId());
            return;
        }
        tally.compare(row.decisionId(), before, after);
    }
}
