package io.wechatadvisor.decisions.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.wechatadvisor.decisions.config.DecisionsConfig;

/**
 * Group commit: one thread writes the records that wait, all of them in one transaction, and only
 * then completes their futures. While it commits, the next records gather, so under load a
 * transaction carries the records of many concurrent requests and a record waits at most about
 * one commit; idle, a record is written at once. Nothing here runs on an event loop.
 */
@ApplicationScoped
public class DecisionWriter {

    private static final Logger LOG = Logger.getLogger(DecisionWriter.class);

    /** A record waiting for its commit. */
    private record Pending(List<DecisionRow> rows, CompletableFuture<Void> committed) {
    }

    private final Database database;
    private final DecisionOutbox outbox;
    private final BlockingQueue<Pending> queue;
    private final int maxBatch;
    private final Thread thread;
    private volatile boolean stopping;

    public DecisionWriter(Database database, DecisionOutbox outbox, DecisionsConfig config) {
        this.database = database;
        this.outbox = outbox;
        this.queue = new ArrayBlockingQueue<>(config.decisions().queueCapacity());
        this.maxBatch = config.decisions().maxBatch();
        this.thread = new Thread(this::run, "decision-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Queues rows (one request's records) for the next commit. The future completes once they are
     * committed, or exceptionally if they cannot be (the database fails, or too many wait).
     */
    public CompletableFuture<Void> write(List<DecisionRow> rows) {
        CompletableFuture<Void> committed = new CompletableFuture<>();
        if (rows.isEmpty()) {
            committed.complete(null);
        } else if (stopping || !queue.offer(new Pending(rows, committed))) {
            committed.completeExceptionally(new RecordingFailedException(
                    stopping ? "the service is stopping" : "too many records are waiting for the database"));
        }
        return committed;
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (!stopping || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Pending> batch) {
        List<DecisionRow> rows = new ArrayList<>(batch.size());
        for (Pending pending : batch) {
            rows.addAll(pending.rows());
        }
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try {
                DecisionStore.insert(connection, rows);
                outbox.enqueue(connection, rows);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            LOG.errorf(e, "Could not record %d decisions", rows.size());
            RecordingFailedException failure = new RecordingFailedException("the database refused the records");
            batch.forEach(pending -> pending.committed().completeExceptionally(failure));
            return;
        }
        batch.forEach(pending -> pending.committed().complete(null));
    }

    /** Writes what waits, then stops: records accepted before shutdown are never dropped. */
    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        stopping = true;
        thread.join(TimeUnit.SECONDS.toMillis(30));
    }
}
