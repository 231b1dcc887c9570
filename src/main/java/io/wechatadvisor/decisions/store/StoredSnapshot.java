package io.wechatadvisor.decisions.store;

import java.sql.SQLException;

import org.jboss.logging.Logger;

/**
 * What a store holds, kept in memory so that a request reads a field instead of the database: read at
 * once, again after every change made through this replica ({@link #reload}), and on a schedule for
 * changes made through others ({@link #refresh}, where a failed read keeps the last snapshot serving).
 */
public final class StoredSnapshot<T> {

    /** Reads the whole snapshot from the database. */
    @FunctionalInterface
    public interface Reader<T> {
        T read() throws SQLException;
    }

    private static final Logger LOG = Logger.getLogger(StoredSnapshot.class);

    private final Reader<T> reader;
    private final String failure;
    private volatile T snapshot;

    /** Reads the first snapshot now; {@code failure} is logged when a scheduled re-read fails. */
    public StoredSnapshot(Reader<T> reader, String failure) throws SQLException {
        this.reader = reader;
        this.failure = failure;
        reload();
    }

    /** The last snapshot read. */
    public T get() {
        return snapshot;
    }

    /** Re-reads the snapshot; one read at a time, so a later read never loses to an earlier one. */
    public synchronized void reload() throws SQLException {
        snapshot = reader.read();
    }

    /** Re-reads the snapshot; if that fails, logs it and keeps the last one. */
    public void refresh() {
        try {
            reload();
        } catch (SQLException e) {
            LOG.warn(failure, e);
        }
    }
}
