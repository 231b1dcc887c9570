package io.wechatadvisor.decisions.store;

import java.io.IOException;
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
 * journaled into the database, in one transaction per group of groups: the rows' columns, with the
 * position of each record's JSON in the journal, which keeps it ({@link #reader}), and how far the
 * journal is stored ({@code decision_journal}). Until then a record is found by id from memory
 * ({@link #unstored}), and reads of many records wait until the database holds every record answered
 * before them ({@link #awaitStored}). At start, what a kill left journaled past that mark is stored
 * (records the database already holds are skipped) before anything is answered.</li>
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

    private final Database database;
    private final DecisionOutbox outbox;
    private final BlockingQueue<Pending> queue;
    private final int maxBatch;
    private final int backlog;
    private final Thread writer;
    private volatile boolean stopping;

    /** Embedded only (else null): the journal, what is journaled but not yet inserted, and the storer. */
    private final DecisionJournal journal;
    private final Map<UUID, DecisionJournal.Frame> unstored = new ConcurrentHashMap<>();
    private final BlockingQueue<List<DecisionJournal.Frame>> toStore = new LinkedBlockingQueue<>();
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
    public Optional<DecisionRow> unstored(UUID id) throws IOException {
        DecisionJournal.Frame frame = unstored.get(id);
        if (frame == null) {
            return Optional.empty();
        }
        if (frame.row().json() != null) {
            return Optional.of(frame.row());
        }
        try (DecisionJournal.Reader reader = reader()) {
            return reader.at(frame.position());
        }
    }

    /**
     * A reader of the records the journal keeps (embedded only, else null): a row whose {@code record}
     * column is empty has its JSON at the position in {@code record_at}. Closed by the caller.
     */
    DecisionJournal.Reader reader() {
        return journal == null ? null : new DecisionJournal.Reader(journal.folder());
    }

    /** Erases the journal's copies of records (embedded only) at these positions, forced to the disk. */
    void erase(List<Long> positions) throws IOException {
        if (journal != null && !positions.isEmpty()) {
            DecisionJournal.erase(journal.folder(), positions);
        }
    }

    /**
     * Deletes the journal segments (embedded only) that hold no stored record any more and nothing
     * still to be stored: those before the oldest record's, the stored mark's and the one being written.
     */
    void dropUnreferenced() throws SQLException, IOException {
        if (journal == null) {
            return;
        }
        long keepFrom = journal.segment();
        try (Connection connection = database.dataSource().getConnection()) {
            keepFrom = Math.min(keepFrom, DecisionJournal.segmentOf(DecisionStore.storedTo(connection)));
            Long oldest = DecisionStore.oldestRecordAt(connection);
            if (oldest != null) {
                keepFrom = Math.min(keepFrom, DecisionJournal.segmentOf(oldest));
            }
        }
        journal.deleteBefore(keepFrom);
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
        List<DecisionJournal.Frame> frames = new ArrayList<>(rows.size());
        for (DecisionJournal.Frame frame : journal.append(rows)) {
            // The journal holds the record now: the rest of its way it is only read back from there if
            // asked for by id, unless the outbox needs it. Held in memory it would outlive young GCs.
            DecisionJournal.Frame light = outbox.wants(frame.row()) ? frame
                    : new DecisionJournal.Frame(frame.position(), frame.row().withoutJson());
            unstored.put(light.row().decisionId(), light);
            frames.add(light);
        }
        synchronized (progress) {
            journaledRows += rows.size();
        }
        toStore.add(frames);
    }

    /** The storer: inserts journaled rows into the database, many groups per transaction, in journal order. */
    private void store() {
        List<List<DecisionJournal.Frame>> groups = new ArrayList<>();
        while (!stopping || writer.isAlive() || !toStore.isEmpty()) {
            try {
                List<DecisionJournal.Frame> first = toStore.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                groups.add(first);
                if (!stopping) {
                    // Fewer, larger transactions: a commit costs about as much as inserting many rows.
                    Thread.sleep(GATHER_MILLIS);
                }
                toStore.drainTo(groups, maxBatch - 1);
                List<DecisionJournal.Frame> frames = new ArrayList<>();
                groups.forEach(frames::addAll);
                storeUntilDone(frames);
                frames.forEach(frame -> unstored.remove(frame.row().decisionId()));
                synchronized (progress) {
                    storedRows += frames.size();
                    progress.notifyAll();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                groups.clear();
            }
        }
    }

    /** Inserts the journaled rows the database does not hold yet; retries every second while the database fails. */
    private void storeUntilDone(List<DecisionJournal.Frame> frames) throws InterruptedException {
        boolean first = true;
        while (true) {
            try {
                insert(first ? frames : missing(frames), frames.get(frames.size() - 1).position());
                return;
            } catch (SQLException | RuntimeException e) {
                LOG.errorf(e, "Could not store %d journaled decisions; they are kept in the journal, retrying", frames.size());
                first = false;
                Thread.sleep(RETRY_MILLIS);
            }
        }
    }

    /** At start: stores what a kill left in the journal past the stored mark. */
    private void replay(Path folder) throws IOException, SQLException {
        long storedTo;
        try (Connection connection = database.dataSource().getConnection()) {
            storedTo = DecisionStore.storedTo(connection);
        }
        int replayed = 0;
        for (long segment : DecisionJournal.segments(folder)) {
            if (segment < DecisionJournal.segmentOf(storedTo)) {
                continue;
            }
            List<DecisionJournal.Frame> frames = DecisionJournal.frames(folder, segment, storedTo);
            for (int from = 0; from < frames.size(); from += maxBatch) {
                List<DecisionJournal.Frame> batch = frames.subList(from, Math.min(frames.size(), from + maxBatch));
                List<DecisionJournal.Frame> missing = missing(batch);
                insert(missing, batch.get(batch.size() - 1).position());
                replayed += missing.size();
            }
        }
        if (replayed > 0) {
            LOG.infof("Stored %d decisions from the journal that had not reached the database", replayed);
        }
    }

    /** The journaled rows the database does not hold yet. */
    private List<DecisionJournal.Frame> missing(List<DecisionJournal.Frame> frames) throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            Set<UUID> stored = DecisionStore.stored(connection, frames.stream().map(frame -> frame.row().decisionId()).toList());
            return frames.stream().filter(frame -> !stored.contains(frame.row().decisionId())).toList();
        }
    }

    /** Inserts rows in one transaction (PostgreSQL: the records with them). */
    private void insert(List<DecisionRow> rows) throws SQLException {
        database.inTransaction(connection -> {
            insert(connection, rows, null);
            return null;
        });
    }

    /**
     * Inserts journaled rows in one transaction, their records left in the journal, and marks the
     * journal stored up to {@code storedTo}.
     */
    private void insert(List<DecisionJournal.Frame> frames, long storedTo) throws SQLException {
        List<DecisionRow> rows = frames.stream().map(DecisionJournal.Frame::row).toList();
        long[] positions = frames.stream().mapToLong(DecisionJournal.Frame::position).toArray();
        database.inTransaction(connection -> {
            insert(connection, rows, positions);
            DecisionStore.markStored(connection, storedTo);
            return null;
        });
    }

    /** The rows and the outbox's entries for them, in the caller's transaction: they commit together. */
    private void insert(Connection connection, List<DecisionRow> rows, long[] positions) throws SQLException {
        if (!rows.isEmpty()) {
            DecisionStore.insert(connection, rows, positions);
            outbox.enqueue(connection, rows);
        }
    }

    /**
     * Keeps what waits, then stops: records accepted before shutdown are never dropped. On the embedded
     * database everything journaled is stored.
     */
    void stop(@Observes ShutdownEvent event) throws InterruptedException, IOException {
        stopping = true;
        writer.join(TimeUnit.SECONDS.toMillis(30));
        if (journal != null) {
            storer.join(TimeUnit.SECONDS.toMillis(60));
            journal.close();
        }
    }
}
