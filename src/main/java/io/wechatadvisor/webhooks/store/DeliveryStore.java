package io.wechatadvisor.webhooks.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import io.wechatadvisor.decisions.store.Database;
import io.wechatadvisor.decisions.store.DecisionWriter;
import io.wechatadvisor.webhooks.domain.Delivery;
import io.wechatadvisor.webhooks.domain.DeliveryStatus;

/**
 * Plain JDBC over the outbox ({@code webhook_delivery}) and its attempts. Claiming uses
 * {@code FOR UPDATE SKIP LOCKED} (PostgreSQL and H2 2.x), so replicas sharing a database never
 * claim the same row at once.
 */
@ApplicationScoped
public class DeliveryStore {

    private static final String INSERT = "INSERT INTO webhook_delivery (delivery_id, webhook_id, tenant, decision_id, "
            + "payload, status, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)";
    private static final String COLUMNS = "SELECT delivery_id, webhook_id, tenant, decision_id, status, attempts, "
            + "next_attempt_at, created_at, delivered_at FROM webhook_delivery";

    /** A new outbox row. */
    public record NewDelivery(UUID id, String webhookId, String tenant, UUID decisionId, String payload,
            Instant createdAt) {
    }

    /** A claimed row, ready to send: its exact body, and how many attempts it had. */
    public record Claimed(UUID id, String webhookId, String payload, int attempts) {
    }

    private final Database database;
    private final DecisionWriter writer;

    public DeliveryStore(Database database, DecisionWriter writer) {
        this.database = database;
        this.writer = writer;
    }

    /** Inserts outbox rows, due at once, on the caller's connection (its transaction). */
    public static void insert(Connection connection, List<NewDelivery> deliveries) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (NewDelivery delivery : deliveries) {
                insert.setObject(1, delivery.id());
                insert.setString(2, delivery.webhookId());
                insert.setString(3, delivery.tenant());
                insert.setObject(4, delivery.decisionId());
                insert.setString(5, delivery.payload());
                insert.setObject(6, Database.utc(delivery.createdAt()));
                insert.setObject(7, Database.utc(delivery.createdAt()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * Claims due rows in one transaction: finds up to {@code limit} due rows, oldest first, locks those
     * no other replica holds, keeps those {@code take} accepts, and moves their next attempt to
     * {@code leaseUntil}, so nobody else sends them unless this replica dies first. Finding and locking
     * are two statements: the first reads one status at a time in the order of the
     * {@code webhook_delivery_due} index and stops at the limit (one statement with both statuses sorts
     * every due row, payload and all, and on H2 locks them: 180 ms with 10,000 waiting); the second locks
     * the rows found by key and checks again that they are due, so a row another replica leased between
     * the two is left alone.
     */
    public List<Claimed> claim(Instant now, int limit, Instant leaseUntil, Collection<String> skipped,
            Predicate<String> take) throws SQLException {
        return database.inTransaction(connection -> {
            List<UUID> due = due(connection, now, limit, skipped);
            Map<UUID, Claimed> locked = due.isEmpty() ? Map.of() : lock(connection, due, now);
            List<Claimed> claimed = new ArrayList<>();
            for (UUID id : due) {
                Claimed row = locked.get(id);
                if (row != null && take.test(row.webhookId())) {
                    claimed.add(row);
                }
            }
            if (!claimed.isEmpty()) {
                try (PreparedStatement lease = connection.prepareStatement(
                        "UPDATE webhook_delivery SET next_attempt_at = ? WHERE delivery_id = ?")) {
                    for (Claimed row : claimed) {
                        lease.setObject(1, Database.utc(leaseUntil));
                        lease.setObject(2, row.id());
                        lease.addBatch();
                    }
                    lease.executeBatch();
                }
            }
            return claimed;
        });
    }

    /** The ids of up to {@code limit} due rows, oldest first, of endpoints not {@code skipped}; nothing locked. */
    private static List<UUID> due(Connection connection, Instant now, int limit, Collection<String> skipped)
            throws SQLException {
        record Due(UUID id, Instant at) {
        }
        List<Due> due = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT delivery_id, next_attempt_at "
                + "FROM webhook_delivery WHERE status = ? AND next_attempt_at <= ?"
                + (skipped.isEmpty() ? "" : " AND webhook_id NOT IN (" + marks(skipped.size()) + ")")
                + " ORDER BY status, next_attempt_at LIMIT ?")) {
            for (DeliveryStatus status : List.of(DeliveryStatus.PENDING, DeliveryStatus.RETRYING)) {
                int index = 1;
                select.setString(index++, status.name());
                select.setObject(index++, Database.utc(now));
                for (String webhookId : skipped) {
                    select.setString(index++, webhookId);
                }
                select.setInt(index, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        due.add(new Due(rows.getObject(1, UUID.class),
                                rows.getObject(2, OffsetDateTime.class).toInstant()));
                    }
                }
            }
        }
        return due.stream().sorted(Comparator.comparing(Due::at)).limit(limit).map(Due::id).toList();
    }

    /** Locks the rows of {@code ids} that are still due and no other replica holds, by id. */
    private static Map<UUID, Claimed> lock(Connection connection, List<UUID> ids, Instant now) throws SQLException {
        Map<UUID, Claimed> locked = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT delivery_id, webhook_id, payload, "
                + "attempts FROM webhook_delivery WHERE delivery_id IN (" + marks(ids.size()) + ") AND status IN "
                + "('PENDING', 'RETRYING') AND next_attempt_at <= ? FOR UPDATE SKIP LOCKED")) {
            int index = 1;
            for (UUID id : ids) {
                select.setObject(index++, id);
            }
            select.setObject(index, Database.utc(now));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    UUID id = rows.getObject(1, UUID.class);
                    locked.put(id, new Claimed(id, rows.getString(2), rows.getString(3), rows.getInt(4)));
                }
            }
        }
        return locked;
    }

    /**
     * Records an attempt and what follows it: {@code status} with the next attempt at {@code next}
     * (null once DELIVERED or FAILED). Attempts are numbered in the database, so a resend never
     * overwrites the log of an earlier one.
     */
    public void attempted(UUID id, Delivery.Attempt result, DeliveryStatus status, Instant next) throws SQLException {
        database.inTransaction(connection -> {
            boolean updated = Database.execute(connection, "UPDATE webhook_delivery SET status = ?, attempts = "
                    + "attempts + 1, next_attempt_at = ?, delivered_at = COALESCE(?, delivered_at) WHERE delivery_id = ?",
                    status.name(), Database.utc(next),
                    status == DeliveryStatus.DELIVERED ? Database.utc(result.at()) : null, id) > 0;
            if (updated) {
                // A row erased meanwhile (its decision or its endpoint) keeps no log.
                Database.execute(connection, "INSERT INTO webhook_attempt (delivery_id, attempt, attempted_at, "
                        + "status_code, latency_ms, error) SELECT ?, COALESCE(MAX(attempt), 0) + 1, ?, "
                        + "CAST(? AS INTEGER), ?, ? FROM webhook_attempt WHERE delivery_id = ?",
                        id, Database.utc(result.at()), result.statusCode(), result.latencyMs(), result.error(), id);
            }
            return null;
        });
    }

    /** Ends the deliveries of an endpoint that is gone. */
    public void failAll(String webhookId) throws SQLException {
        database.update("UPDATE webhook_delivery SET status = 'FAILED', next_attempt_at = NULL WHERE webhook_id = ? "
                + "AND status IN ('PENDING', 'RETRYING')", webhookId);
    }

    /** Makes a delivery due now; false if there is none (for this tenant, unless null). */
    public boolean retryNow(String tenant, UUID id, Instant now) throws SQLException {
        return database.update("UPDATE webhook_delivery SET status = CASE WHEN attempts = 0 THEN 'PENDING' ELSE "
                + "'RETRYING' END, next_attempt_at = ? WHERE delivery_id = ?" + (tenant == null ? "" : " AND tenant = ?"),
                tenant == null ? new Object[] { Database.utc(now), id }
                        : new Object[] { Database.utc(now), id, tenant }) > 0;
    }

    /**
     * One delivery with its attempts (for this tenant, unless null). No wait for the journal: a delivery's
     * id is learnt from the log, so the delivery is stored already.
     */
    public Optional<Delivery> find(String tenant, UUID id) throws SQLException {
        List<Delivery> found = query(" WHERE delivery_id = ?" + (tenant == null ? "" : " AND tenant = ?"),
                tenant == null ? List.of(id) : List.of(id, tenant), 1);
        return found.stream().findFirst();
    }

    /**
     * A tenant's deliveries, newest first, optionally of one status, with their attempts. The events of
     * every decision answered before the call are among them.
     */
    public List<Delivery> list(String tenant, DeliveryStatus status, int limit) throws SQLException {
        writer.awaitStored();
        return status == null ? query(" WHERE tenant = ?", List.of(tenant), limit)
                : query(" WHERE tenant = ? AND status = ?", List.of(tenant, status.name()), limit);
    }

    private List<Delivery> query(String where, List<Object> parameters, int limit) throws SQLException {
        List<Delivery> deliveries = database.query(COLUMNS + where + " ORDER BY delivery_id DESC LIMIT " + limit,
                rows -> {
                    UUID id = rows.getObject(1, UUID.class);
                    return new Delivery(id, Delivery.messageId(id), rows.getString(2), rows.getString(3),
                            rows.getObject(4, UUID.class), DeliveryStatus.valueOf(rows.getString(5)), rows.getInt(6),
                            Database.instant(rows, 7), Database.instant(rows, 8), Database.instant(rows, 9),
                            new ArrayList<>());
                }, parameters.toArray());
        if (!deliveries.isEmpty()) {
            attempts(deliveries);
        }
        return List.copyOf(deliveries);
    }

    /** Adds each delivery's attempts to its log, in order. */
    private void attempts(List<Delivery> deliveries) throws SQLException {
        record Logged(UUID delivery, Delivery.Attempt attempt) {
        }
        Map<UUID, Delivery> byId = new HashMap<>();
        deliveries.forEach(delivery -> byId.put(delivery.id(), delivery));
        List<Logged> attempts = database.query("SELECT delivery_id, attempt, attempted_at, status_code, latency_ms, "
                + "error FROM webhook_attempt WHERE delivery_id IN (" + marks(byId.size()) + ") ORDER BY delivery_id, "
                + "attempt", rows -> {
                    int code = rows.getInt(4);
                    Integer statusCode = rows.wasNull() ? null : code;
                    return new Logged(rows.getObject(1, UUID.class), new Delivery.Attempt(rows.getInt(2),
                            Database.instant(rows, 3), statusCode, rows.getLong(5), rows.getString(6)));
                }, byId.keySet().toArray());
        attempts.forEach(logged -> byId.get(logged.delivery()).attemptLog().add(logged.attempt()));
    }

    private static String marks(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }
}
