package io.wechatadvisor.insight.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.wechatadvisor.decisions.domain.Channel;
import io.wechatadvisor.decisions.domain.DecisionIds;
import io.wechatadvisor.decisions.store.Database;
import io.wechatadvisor.decisions.store.DecisionWriter;
import io.wechatadvisor.insight.domain.Analytics;
import io.wechatadvisor.recommendation.domain.EntityType;
import io.wechatadvisor.recommendation.domain.Product;

/**
 * The analytics of a period, each figure one {@code GROUP BY} over the {@code decision} table (and
 * {@code decision_unmet_need}), so that only aggregates leave the database: a few hundred rows at
 * most, whatever the number of decisions. Plain SQL that H2 and PostgreSQL both run. One method per
 * aggregate, each filtered by the same period and tenant ({@link #where}); a new figure is one more.
 */
@ApplicationScoped
public class AnalyticsStore {

    /** The longest a query may run; a period is bounded too (see the resource). */
    static final int QUERY_TIMEOUT_SECONDS = 20;
    static final int TOP_SOURCES = 10;
    static final String NOT_RECORDED = "NOT_RECORDED";

    /** Reads one result row. */
    private interface Rows {
        void accept(ResultSet row) throws SQLException;
    }

    private final Database database;
    private final DecisionWriter writer;

    public AnalyticsStore(Database database, DecisionWriter writer) {
        this.database = database;
        this.writer = writer;
    }

    public Analytics analytics(AnalyticsQuery query) throws SQLException {
        writer.awaitStored(); // every answer sent before this call is counted
        try (Connection connection = database.dataSource().getConnection()) {
            PerDay primaries = primaries(connection, query);
            PerDay versions = rulesVersionsPerDay(connection, query);
            long total = primaries.total().values().stream().mapToLong(Long::longValue).sum();
            return new Analytics(query.scope(), new Analytics.Period(query.from(), query.to()), total,
                    primaries.total(), days(query, primaries, versions), entityTypes(connection, query),
                    unmetNeeds(connection, query), channels(connection, query),
                    utmSources(connection, query, total), rulesVersions(connection, query),
                    deliveries(connection, query));
        }
    }

    /** Counts per key (a product, a rules version): over the period, and per UTC day. */
    private record PerDay(Map<String, Long> total, Map<LocalDate, Map<String, Long>> days) {
    }

    /** Decisions per primary product, and per day (every product listed in the total, zeros too). */
    PerDay primaries(Connection connection, AnalyticsQuery query) throws SQLException {
        PerDay counts = new PerDay(zeros(Product.class), new TreeMap<>());
        select(connection, query, "SELECT decided_day, primary_product, COUNT(*) FROM decision",
                " GROUP BY decided_day, primary_product", row -> count(counts, row));
        return counts;
    }

    /** Decisions per rules version and per day. */
    PerDay rulesVersionsPerDay(Connection connection, AnalyticsQuery query) throws SQLException {
        PerDay counts = new PerDay(new LinkedHashMap<>(), new TreeMap<>());
        select(connection, query, "SELECT decided_day, rules_version, COUNT(*) FROM decision",
                " GROUP BY decided_day, rules_version", row -> count(counts, row));
        return counts;
    }

    /** Each rules version that answered: its count, first and last decision, oldest first. */
    List<Analytics.RulesVersionSpan> rulesVersions(Connection connection, AnalyticsQuery query) throws SQLException {
        List<Analytics.RulesVersionSpan> spans = new ArrayList<>();
        select(connection, query, "SELECT rules_version, COUNT(*), MIN(decided_at), MAX(decided_at) FROM decision",
                " GROUP BY rules_version ORDER BY MIN(decided_at), rules_version",
                row -> spans.add(new Analytics.RulesVersionSpan(row.getString(1), row.getLong(2),
                        Database.instant(row, 3), Database.instant(row, 4))));
        return spans;
    }

    /** Decisions per entity type; records made before the column existed count as NOT_RECORDED. */
    Map<String, Long> entityTypes(Connection connection, AnalyticsQuery query) throws SQLException {
        Map<String, Long> entityTypes = zeros(EntityType.class);
        select(connection, query, "SELECT entity_type, COUNT(*) FROM decision", " GROUP BY entity_type",
                row -> entityTypes.merge(row.getString(1) == null ? NOT_RECORDED : row.getString(1),
                        row.getLong(2), Long::sum));
        return entityTypes;
    }

    /** Decisions per channel. */
    Map<String, Long> channels(Connection connection, AnalyticsQuery query) throws SQLException {
        Map<String, Long> channels = zeros(Channel.class);
        select(connection, query, "SELECT channel, COUNT(*) FROM decision", " GROUP BY channel",
                row -> channels.merge(row.getString(1), row.getLong(2), Long::sum));
        return channels;
    }

    /** The needs no recommended product covered, most frequent first. */
    List<Analytics.NeedCount> unmetNeeds(Connection connection, AnalyticsQuery query) throws SQLException {
        List<Analytics.NeedCount> unmet = new ArrayList<>();
        select(connection, query, "d.", "SELECT u.need, COUNT(*) FROM decision_unmet_need u JOIN decision d "
                + "ON d.decision_id = u.decision_id", " GROUP BY u.need ORDER BY COUNT(*) DESC, u.need",
                row -> unmet.add(new Analytics.NeedCount(row.getString(1), row.getLong(2))));
        return unmet;
    }

    /** The most frequent utm_source values, the rest, and the decisions without one, of {@code total}. */
    Analytics.UtmSources utmSources(Connection connection, AnalyticsQuery query, long total) throws SQLException {
        long[] withSource = new long[1];
        select(connection, query, "SELECT COUNT(utm_source) FROM decision", "", row -> withSource[0] = row.getLong(1));
        List<Analytics.SourceCount> top = new ArrayList<>();
        select(connection, query, "SELECT utm_source, COUNT(*) FROM decision",
                " AND utm_source IS NOT NULL GROUP BY utm_source ORDER BY COUNT(*) DESC, utm_source "
                        + "FETCH FIRST " + TOP_SOURCES + " ROWS ONLY",
                row -> top.add(new Analytics.SourceCount(row.getString(1), row.getLong(2))));
        long inTop = top.stream().mapToLong(Analytics.SourceCount::count).sum();
        return new Analytics.UtmSources(top, withSource[0] - inTop, total - withSource[0]);
    }

    /**
     * Webhook delivery health of the period's decisions: their events delivered, waiting (not tried
     * yet or due again), failed; the median and 95th percentile latency of acknowledged attempts.
     * Null while the scope has no endpoint and no delivery.
     */
    Analytics.Deliveries deliveries(Connection connection, AnalyticsQuery query) throws SQLException {
        Map<String, Long> byStatus = new LinkedHashMap<>();
        select(connection, query, "d.", "SELECT w.status, COUNT(*) FROM webhook_delivery w JOIN decision d "
                + "ON d.decision_id = w.decision_id", " GROUP BY w.status",
                row -> byStatus.put(row.getString(1), row.getLong(2)));
        if (byStatus.isEmpty() && !hasEndpoints(connection, query)) {
            return null;
        }
        Long[] latency = new Long[2];
        select(connection, query, "d.", "SELECT PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY a.latency_ms), "
                + "PERCENTILE_CONT(0.95) WITHIN GROUP (ORDER BY a.latency_ms) FROM webhook_attempt a "
                + "JOIN webhook_delivery w ON w.delivery_id = a.delivery_id JOIN decision d ON d.decision_id = "
                + "w.decision_id", " AND a.status_code BETWEEN 200 AND 299", row -> {
                    latency[0] = millis(row, 1);
                    latency[1] = millis(row, 2);
                });
        return new Analytics.Deliveries(byStatus.getOrDefault("DELIVERED", 0L),
                byStatus.getOrDefault("PENDING", 0L) + byStatus.getOrDefault("RETRYING", 0L),
                byStatus.getOrDefault("FAILED", 0L), latency[0], latency[1]);
    }

    private static boolean hasEndpoints(Connection connection, AnalyticsQuery query) throws SQLException {
        String count = "SELECT COUNT(*) FROM webhook_endpoint";
        List<Long> endpoints = query.tenant() == null ? Database.query(connection, count, row -> row.getLong(1))
                : Database.query(connection, count + " WHERE tenant = ?", row -> row.getLong(1), query.tenant());
        return endpoints.get(0) > 0;
    }

    private static Long millis(ResultSet row, int column) throws SQLException {
        double value = row.getDouble(column);
        return row.wasNull() ? null : Math.round(value);
    }

    /** Every UTC day of the period, oldest first, days without decisions too. */
    private static List<Analytics.Day> days(AnalyticsQuery query, PerDay primaries, PerDay versions) {
        List<Analytics.Day> days = new ArrayList<>();
        for (LocalDate day = firstDay(query); !day.isAfter(lastDay(query)); day = day.plusDays(1)) {
            Map<String, Long> counts = primaries.days().getOrDefault(day, Map.of());
            days.add(new Analytics.Day(day, counts.values().stream().mapToLong(Long::longValue).sum(), counts,
                    versions.days().getOrDefault(day, Map.of())));
        }
        return days;
    }

    /** Adds a (day, key, count) row to the counts. */
    private static void count(PerDay counts, ResultSet row) throws SQLException {
        long count = row.getLong(3);
        counts.days().computeIfAbsent(day(row), d -> new TreeMap<>()).merge(row.getString(2), count, Long::sum);
        counts.total().merge(row.getString(2), count, Long::sum);
    }

    /** Runs {@code select + WHERE (period, tenant) + rest} over the decision table, unaliased. */
    private static void select(Connection connection, AnalyticsQuery query, String select, String rest, Rows rows)
            throws SQLException {
        select(connection, query, "", select, rest, rows);
    }

    /**
     * Runs {@code select + WHERE (period, tenant) + rest}; {@code table} is the decision table's alias
     * with its dot ({@code "d."}) when the select joins it, else empty. The period is also given as a
     * range of decision ids (each carries its time), which the primary key and the (tenant,
     * decision_id) index serve.
     */
    private static void select(Connection connection, AnalyticsQuery query, String table, String select, String rest,
            Rows rows) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(select + where(query, table) + rest)) {
            statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            statement.setObject(1, DecisionIds.floor(query.from()));
            statement.setObject(2, DecisionIds.above(query.to()));
            statement.setObject(3, Database.utc(query.from()));
            statement.setObject(4, Database.utc(query.to()));
            if (query.tenant() != null) {
                statement.setString(5, query.tenant());
            }
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.accept(result);
                }
            }
        }
    }

    /** The WHERE clause of every aggregate: the period (as ids and as times), and the tenant if one. */
    static String where(AnalyticsQuery query, String table) {
        return " WHERE " + table + "decision_id >= ? AND " + table + "decision_id < ? AND " + table + "decided_at >= ? AND " + table
                + "decided_at < ?" + (query.tenant() == null ? "" : " AND " + table + "tenant = ?");
    }

    private static <E extends Enum<E>> Map<String, Long> zeros(Class<E> type) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (E value : type.getEnumConstants()) {
            counts.put(value.name(), 0L);
        }
        return counts;
    }

    private static LocalDate day(ResultSet row) throws SQLException {
        LocalDate day = row.getObject(1, LocalDate.class);
        return day == null ? LocalDate.MIN : day;
    }

    private static LocalDate firstDay(AnalyticsQuery query) {
        return query.from().atOffset(ZoneOffset.UTC).toLocalDate();
    }

    private static LocalDate lastDay(AnalyticsQuery query) {
        return query.to().minusNanos(1).atOffset(ZoneOffset.UTC).toLocalDate();
    }
}
