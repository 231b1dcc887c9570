package io.wechatadvisor.decisions.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What else is written in the transaction of a batch of decisions (the webhooks' outbox): called by
 * {@link DecisionWriter} right after the decision rows are inserted, before the commit, so that a
 * decision and its events are stored together or not at all.
 */
public interface DecisionOutbox {

    /**
     * Whether {@link #enqueue} needs this row's record. On the embedded database the writer drops a
     * record from memory once the journal holds it, unless it is wanted here.
     */
    boolean wants(DecisionRow row);

    /** Enqueues what the rows call for; a row whose {@link DecisionRow#json} is null was not {@linkplain #wants wanted}. */
    void enqueue(Connection connection, List<DecisionRow> rows) throws SQLException;
}
