package io.wechatadvisor.decisions.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.netty.channel.EventLoop;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.vertx.core.Context;
import io.vertx.core.impl.ContextInternal;
import io.wechatadvisor.decisions.config.DatabaseSelection;
import io.wechatadvisor.decisions.config.DecisionsConfig;

/**
 * Keeps every record before its answer leaves, in groups: one thread takes the records that wait and
 * makes them durable together, and only then completes their futures. While it works the next records
 * gather, so under load one write carries the records of many concurrent requests. Nothing here runs
 * on an event loop.
 * <p>
 * The durability point depends on the database:
 * <ul>
 * <li><b>PostgreSQL</b>: the group's database transaction. An answer waits for its commit.</li>
 * <li><b>Embedded (H2)</b>: the {@link DecisionJournal}, an append-only file. An answer waits for one
 * write of its group to the journal; a second thread ({@code decision-storer}) then inserts what was
 * journaled into the database, in one transaction per group of groups. Until then a record is found by
 * id from memory ({@link #unstored}), and reads of many records wait until the database holds every
 * record answered before them ({@link #awaitStored}). At start, journal segments a kill left behind are
 * stored (records the database already holds are skipped) before anything is answered; after a clean
 * stop the journal is empty.</li>
 * </ul>
 * Either way, a group's rows go to the database in one transaction in {@link #insert}.
 */
@Startup
@ApplicationScoped
public class DecisionWriter {

    private static final Logger LOG = Logger.getLogger(DecisionWriter.class);
    private static final long RETRY_MILLIS = 1000;
    private static final long AWAIT_STORED_MILLIS = 60_000;
    private static final long GATHER_MILLIS = 20;

    /** Records waiting for their commit; {@code context}, when not null, is the event loop's to complete on. */
    private record Pending(List<DecisionRow> rows, CompletableFuture<Void> committed, Context context) {

        void complete(RuntimeException failure) {
            if (failure == null) {
                committed.complete(null);
            } else {
                committed.completeExceptionally(failure);
            }
        }
    }

    /** Rows in the journal, to be inserted into the database; {@code segment} is the journal segment they are in. */
    private record Journaled(List<DecisionRow> rows, long segment) {
    }

    private final Database database;
    private final DecisionOutbox outbox;
    private final BlockingQueue<Pending> queue;
    private final int maxBatch;
    private final int backlog;
    private final Thread writer;
    private volatile boolean stopping;

    /** Embedded only (else null): the journal, what is journaled but not yet inserted, and the storer. */
    private final DecisionJournal journal;
    private final Map<UUID, DecisionRow> unstored = new ConcurrentHashMap<>();
    private final BlockingQueue<Journaled> toStore = new LinkedBlockingQueue<>();
    private final Thread storer;
    /** Rows journaled and rows stored since start; guarded by {@code progress}. */
    private final Object progress = new Object();
    private long journaledRows;
    private long storedRows;

    public DecisionWriter(Database database, DecisionOutbox outbox, DecisionsConfig config) throws IOException, SQLException {
        this.database = database;
        this.outbox = outbox;
        this.queue = new ArrayBlockingQueue<>(config.decisions().queueCapacity());
        this.backlog = config.decisions().journalBacklog();
        this.maxBatch = config.decisions().maxBatch();
        this.writer = new Thread(this::run, "decision-writer");
        this.writer.setDaemon(true);
        if (DatabaseSelection.EMBEDDED.equals(database.name())) {
            Path folder = journalFolder(config.dataFolder());
            replay(folder);
            this.journal = new DecisionJournal(folder);
            this.storer = new Thread(this::store, "decision-storer");
            this.storer.setDaemon(true);
            this.storer.start();
        } else {
            this.journal = null;
            this.storer = null;
        }
        this.writer.start();
    }

    /** The journal's folder: {@code decisions-journal} beside the embedded database, in the data directory. */
    static Path journalFolder(Path dataFolder) {
        return dataFolder.resolve("decisions-journal");
    }

    /**
     * Queues rows (one request's records) for the next group. The future completes once they are
     * kept, or exceptionally if they cannot be (the journal or the database fails, or too many wait):
     * on {@code context} if one is given (an event loop's: the caller's), else on the writer's thread.
     */
    public CompletableFuture<Void> write(List<DecisionRow> rows, Context context) {
        CompletableFuture<Void> committed = new CompletableFuture<>();
        if (rows.isEmpty()) {
            committed.complete(null);
        } else if (stopping || !queue.offer(new Pending(rows, committed, context))) {
            committed.completeExceptionally(new RecordingFailedException(
                    stopping ? "the service is stopping" : "too many records are waiting for the database"));
        }
        return committed;
    }

    /** A record answered but not yet in the database (embedded only), by id. */
    public Optional<DecisionRow> unstored(UUID id) {
        return Optional.ofNullable(unstored.get(id));
    }

    /**
     * Returns once the database holds every record answered before this call. The one rule: a read that
     * answers a caller about many records (decisions, their erasure, analytics, the webhook delivery log)
     * calls this first, so that it sees what was answered a moment ago; a read by an id that only the
     * database hands out, and the delivery worker, do not wait.
     */
    public void awaitStored() throws SQLException {
        if (journal == null) {
            return;
        }
        long deadline = System.currentTimeMillis() + AWAIT_STORED_MILLIS;
        synchronized (progress) {
            long target = journaledRows;
            while (storedRows < target) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    throw new SQLException("Answered decisions are still waiting for the database.");
                }
                try {
                    progress.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("Interrupted while waiting for the decisions to be stored.", e);
                }
            }
        }
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
                keep(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    /** Makes a group durable (journal or database), then completes its futures. */
    private void keep(List<Pending> batch) throws InterruptedException {
        List<DecisionRow> rows = new ArrayList<>(batch.size());
        for (Pending pending : batch) {
            rows.addAll(pending.rows());
        }
        try {
            if (journal == null) {
                insert(rows);
            } else {
                journal(rows);
            }
        } catch (IOException | SQLException | RuntimeException e) {
            LOG.errorf(e, "Could not record %d decisions", rows.size());
            complete(batch, new RecordingFailedException("the database refused the records"));
            return;
        }
        complete(batch, null);
    }

    /**
     * Completes a group's futures, each on its caller's context: one task per event loop carries the
     * whole group's completions there (one wake-up of each loop, not one per request).
     */
    private static void complete(List<Pending> batch, RuntimeException failure) {
        Map<EventLoop, List<Pending>> byLoop = new HashMap<>(4);
        for (Pending pending : batch) {
            if (pending.context() == null) {
                pending.complete(failure);
            } else {
                byLoop.computeIfAbsent(((ContextInternal) pending.context()).nettyEventLoop(), loop -> new ArrayList<>())
                        .add(pending);
            }
        }
        byLoop.forEach((loop, group) -> {
            try {
                // Already on the loop: each completes on its own request's context without a second task.
                loop.execute(() -> group.forEach(
                        pending -> ((ContextInternal) pending.context()).emit(ignored -> pending.complete(failure))));
            } catch (RejectedExecutionException e) {
                // The event loop is shutting down: complete here rather than leave its callers waiting.
                group.forEach(pending -> pending.complete(failure));
            }
        });
    }

    /**
     * Appends rows to the journal and hands them to the storer; waits while too many are not yet stored
     * (unless stopping: then the journal keeps them for the next start).
     */
    private void journal(List<DecisionRow> rows) throws IOException, InterruptedException {
        synchronized (progress) {
            while (!stopping && journaledRows - storedRows >= backlog) {
                progress.wait(RETRY_MILLIS);
            }
        }
        long segment = journal.append(rows);
        for (DecisionRow row : rows) {
            unstored.put(row.decisionId(), row);
        }
        synchronized (progress) {
            journaledRows += rows.size();
        }
        toStore.add(new Journaled(rows, segment));
    }

    /** The storer: inserts journaled rows into the database, many groups per transaction, in journal order. */
    private void store() {
        List<Journaled> groups = new ArrayList<>();
        long deletedBefore = journal.segment();
        while (!stopping || writer.isAlive() || !toStore.isEmpty()) {
            try {
                Journaled first = toStore.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                groups.add(first);
                if (!stopping) {
                    // Fewer, larger transactions: a commit costs about as much as inserting many rows.
                    Thread.sleep(GATHER_MILLIS);
                }
                toStore.drainTo(groups, maxBatch - 1);
                List<DecisionRow> rows = new ArrayList<>();
                groups.forEach(group -> rows.addAll(group.rows()));
                storeUntilDone(rows);
                rows.forEach(row -> unstored.remove(row.decisionId()));
                synchronized (progress) {
                    storedRows += rows.size();
                    progress.notifyAll();
                }
                long segment = groups.get(groups.size() - 1).segment();
                if (segment > deletedBefore) {
                    journal.deleteBefore(segment);
                    deletedBefore = segment;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException e) {
                LOG.warnf(e, "Could not delete a journal segment whose records are stored; it is replayed at the next start");
            } finally {
                groups.clear();
            }
        }
    }

    /** Inserts rows the database does not hold yet; retries every second while the database fails. */
    private void storeUntilDone(List<DecisionRow> rows) throws InterruptedException {
        boolean first = true;
        while (true) {
            try {
                insert(first ? rows : missing(rows));
                return;
            } catch (SQLException | RuntimeException e) {
                LOG.errorf(e, "Could not store %d journaled decisions; they are kept in the journal, retrying", rows.size());
                first = false;
                Thread.sleep(RETRY_MILLIS);
            }
        }
    }

    /** At start: stores the records a kill left in the journal, then deletes its segments. */
    private void replay(Path folder) throws IOException, SQLException {
        for (long segment : DecisionJournal.segments(folder)) {
            List<DecisionRow> rows = DecisionJournal.read(DecisionJournal.file(folder, segment));
            List<DecisionRow> missing = new ArrayList<>();
            for (int from = 0; from < rows.size(); from += maxBatch) {
                missing.addAll(missing(rows.subList(from, Math.min(rows.size(), from + maxBatch))));
            }
            for (int from = 0; from < missing.size(); from += maxBatch) {
                insert(missing.subList(from, Math.min(missing.size(), from + maxBatch)));
            }
            if (!missing.isEmpty()) {
                LOG.infof("Stored %d decisions from the journal that had not reached the database", missing.size());
            }
            Files.delete(DecisionJournal.file(folder, segment));
        }
    }

    /** The rows the database does not hold yet. */
    private List<DecisionRow> missing(List<DecisionRow> rows) throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            Set<UUID> stored = DecisionStore.stored(connection, rows.stream().map(DecisionRow::decisionId).toList());
            return rows.stream().filter(row -> !stored.contains(row.decisionId())).toList();
        }
    }

    /** Inserts rows in one transaction. */
    private void insert(List<DecisionRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        database.inTransaction(connection -> {
            DecisionStore.insert(connection, rows);
            outbox.enqueue(connection, rows);
            return null;
        });
    }

    /**
     * Keeps what waits, then stops: records accepted before shutdown are never dropped. On the embedded
     * database everything journaled is stored and the journal emptied.
     */
    void stop(@Observes ShutdownEvent event) throws InterruptedException, IOException {
        stopping = true;
        writer.join(TimeUnit.SECONDS.toMillis(30));
        if (journal != null) {
            storer.join(TimeUnit.SECONDS.toMillis(60));
            journal.close();
            if (!storer.isAlive() && !writer.isAlive() && unstored.isEmpty()) {
                journal.deleteBefore(Long.MAX_VALUE);
            }
        }
    }
}
