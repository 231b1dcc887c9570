package io.wechatadvisor.insight.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.wechatadvisor.decisions.domain.Channel;
import io.wechatadvisor.decisions.store.Database;
import io.wechatadvisor.insight.domain.Analytics;
import io.wechatadvisor.recommendation.domain.EntityType;
import io.wechatadvisor.recommendation.domain.Product;

/**
 * The analytics of a period, each figure one {@code GROUP BY} over the {@code decision} table (and
 * {@code decision_unmet_need}), so that only aggregates leave the database: a few hundred rows at
 * most, whatever the number of decisions. Plain SQL that H2 and PostgreSQL both run.
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

    public AnalyticsStore(Database database) {
        this.database = database;
    }

    public Analytics analytics(AnalyticsQuery query) throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            Map<LocalDate, Map<String, Long>> primaryPerDay = new TreeMap<>();
            Map<String, Long> byPrimary = zeros(Product.class);
            select(connection, query, "SELECT decided_day, primary_product, COUNT(*) FROM decision",
                    " GROUP BY decided_day, primary_product", row -> {
                        long count = row.getLong(3);
                        primaryPerDay.computeIfAbsent(day(row), d -> new TreeMap<>()).merge(row.getString(2), count,
                                Long::sum);
                        byPrimary.merge(row.getString(2), count, Long::sum);
                    });

            Map<LocalDate, Map<String, Long>> versionPerDay = new TreeMap<>();
            Map<String, Analytics.RulesVersionSpan> spans = new LinkedHashMap<>();
            select(connection, query, "SELECT decided_day, rules_version, COUNT(*), MIN(decided_at), MAX(decided_at) "
                    + "FROM decision", " GROUP BY decided_day, rules_version", row -> {
                        String version = row.getString(2);
                        long count = row.getLong(3);
                        versionPerDay.computeIfAbsent(day(row), d -> new TreeMap<>()).put(version, count);
                        Instant first = instant(row, 4);
                        Instant last = instant(row, 5);
                        spans.merge(version, new Analytics.RulesVersionSpan(version, count, first, last),
                                (a, b) -> new Analytics.RulesVersionSpan(version, a.count() + b.count(),
                                        a.first().isBefore(b.first()) ? a.first() : b.first(),
                                        a.last().isAfter(b.last()) ? a.last() : b.last()));
                    });

            Map<String, Long> entityTypes = zeros(EntityType.class);
            select(connection, query, "SELECT entity_type, COUNT(*) FROM decision", " GROUP BY entity_type",
                    row -> entityTypes.merge(row.getString(1) == null ? NOT_RECORDED : row.getString(1),
                            row.getLong(2), Long::sum));

            Map<String, Long> channels = zeros(Channel.class);
            select(connection, query, "SELECT channel, COUNT(*) FROM decision", " GROUP BY channel",
                    row -> channels.merge(row.getString(1), row.getLong(2), Long::sum));

            List<Analytics.NeedCount> unmet = new ArrayList<>();
            select(connection, query, "d.", "SELECT u.need, COUNT(*) FROM decision_unmet_need u JOIN decision d "
                    + "ON d.decision_id = u.decision_id", " GROUP BY u.need ORDER BY COUNT(*) DESC, u.need",
                    row -> unmet.add(new Analytics.NeedCount(row.getString(1), row.getLong(2))));

            long[] totals = new long[2];
            select(connection, query, "SELECT COUNT(*), COUNT(utm_source) FROM decision", "", row -> {
                totals[0] = row.getLong(1);
                totals[1] = row.getLong(2);
            });
            List<Analytics.SourceCount> top = new ArrayList<>();
            select(connection, query, "SELECT utm_source, COUNT(*) FROM decision",
                    " AND utm_source IS NOT NULL GROUP BY utm_source ORDER BY COUNT(*) DESC, utm_source "
                            + "FETCH FIRST " + TOP_SOURCES + " ROWS ONLY",
                    row -> top.add(new Analytics.SourceCount(row.getString(1), row.getLong(2))));
            long inTop = top.stream().mapToLong(Analytics.SourceCount::count).sum();

            List<Analytics.Day> days = new ArrayList<>();
            for (LocalDate day = dayOf(query.from()); !day.isAfter(dayOf(query.to().minusNanos(1)));
                    day = day.plusDays(1)) {
                Map<String, Long> primaries = primaryPerDay.getOrDefault(day, Map.of());
                days.add(new Analytics.Day(day, primaries.values().stream().mapToLong(Long::longValue).sum(),
                        primaries, versionPerDay.getOrDefault(day, Map.of())));
            }
            List<Analytics.RulesVersionSpan> versions = spans.values().stream()
                    .sorted((a, b) -> a.first().compareTo(b.first())).toList();
            return new Analytics(new Analytics.Period(query.from(), query.to()), totals[0], byPrimary, days,
                    entityTypes, unmet, channels,
                    new Analytics.UtmSources(top, totals[1] - inTop, totals[0] - totals[1]), versions, null);
        }
    }

    /** Runs {@code select + WHERE (period, tenant) + rest} over the decision table, unaliased. */
    private static void select(Connection connection, AnalyticsQuery query, String select, String rest, Rows rows)
            throws SQLException {
        select(connection, query, "", select, rest, rows);
    }

    /**
     * Runs {@code select + WHERE (period, tenant) + rest}; {@code table} is the decision table's alias
     * with its dot ({@code "d."}) when the select joins it, else empty.
     */
    private static void select(Connection connection, AnalyticsQuery query, String table, String select, String rest,
            Rows rows) throws SQLException {
        StringBuilder sql = new StringBuilder(select).append(" WHERE ").append(table).append("decided_at >= ? AND ")
                .append(table).append("decided_at < ?");
        if (query.tenant() != null) {
            sql.append(" AND ").append(table).append("tenant = ?");
        }
        sql.append(rest);
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            statement.setObject(1, OffsetDateTime.ofInstant(query.from(), ZoneOffset.UTC));
            statement.setObject(2, OffsetDateTime.ofInstant(query.to(), ZoneOffset.UTC));
            if (query.tenant() != null) {
                statement.setString(3, query.tenant());
            }
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.accept(result);
                }
            }
        }
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

    private static Instant instant(ResultSet row, int column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static LocalDate dayOf(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalDate();
    }
}
