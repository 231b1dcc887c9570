package io.wechatadvisor.decisions.store;

import java.sql.SQLException;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.wechatadvisor.decisions.config.DecisionsConfig;

/**
 * Keeps nothing longer than asked: every {@code advisor.decisions.purge-interval} (and shortly after
 * start) the records older than {@code advisor.decisions.retention} are deleted. Replicas sharing a
 * database may all run it: deleting what is already gone changes nothing.
 */
@ApplicationScoped
public class RetentionPurge {

    private static final Logger LOG = Logger.getLogger(RetentionPurge.class);

    private final DecisionStore store;
    private final DecisionsConfig config;

    public RetentionPurge(DecisionStore store, DecisionsConfig config) {
        this.store = store;
        this.config = config;
    }

    @Scheduled(every = "${advisor.decisions.purge-interval}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            purge();
        } catch (SQLException e) {
            LOG.errorf(e, "Purging decisions older than %s failed; the next run tries again",
                    config.decisions().retention());
        }
    }

    /** Deletes the records past retention; answers how many went. */
    public int purge() throws SQLException {
        Instant cutoff = Instant.now().minus(config.decisions().retention());
        int purged = store.purge(cutoff);
        if (purged > 0) {
            LOG.infof("Purged %d decisions recorded before %s (retention %s)", purged, cutoff,
                    config.decisions().retention());
        }
        return purged;
    }
}
