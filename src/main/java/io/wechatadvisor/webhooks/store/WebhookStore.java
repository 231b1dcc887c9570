package io.wechatadvisor.webhooks.store;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.wechatadvisor.decisions.domain.Channel;
import io.wechatadvisor.decisions.store.Database;
import io.wechatadvisor.webhooks.domain.Endpoint;

/** Plain JDBC over the {@code webhook_endpoint} table (see {@code db/decisions/V3__webhooks.sql}). */
@ApplicationScoped
public class WebhookStore {

    private static final String COLUMNS = "SELECT webhook_id, tenant, url, channels, secret, previous_secret, "
            + "previous_until, created_at, disabled_at, disabled_reason FROM webhook_endpoint";

    private final Database database;

    public WebhookStore(Database database) {
        this.database = database;
    }

    /** Every endpoint of every tenant, disabled ones too, oldest first. */
    public List<Endpoint> endpoints() throws SQLException {
        return database.query(COLUMNS + " ORDER BY created_at, webhook_id", rows -> new Endpoint(rows.getString(1),
                rows.getString(2), rows.getString(3), channels(rows.getString(4)), rows.getString(5),
                rows.getString(6), Database.instant(rows, 7), Database.instant(rows, 8), Database.instant(rows, 9),
                rows.getString(10)));
    }

    public void create(Endpoint endpoint) throws SQLException {
        database.update("INSERT INTO webhook_endpoint (webhook_id, tenant, url, channels, secret, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)", endpoint.id(), endpoint.tenant(), endpoint.url(),
                endpoint.channels().stream().map(Channel::name).sorted().collect(Collectors.joining(" ")),
                endpoint.secret(), Database.utc(endpoint.createdAt()));
    }

    /** Deletes an endpoint and its deliveries; false if the tenant has no such endpoint. */
    public boolean delete(String tenant, String webhookId) throws SQLException {
        return database.update("DELETE FROM webhook_endpoint WHERE tenant = ? AND webhook_id = ?", tenant, webhookId) > 0;
    }

    /** A new secret; the current one keeps signing until {@code previousUntil}. */
    public boolean rotate(String tenant, String webhookId, String secret, Instant previousUntil) throws SQLException {
        return database.update("UPDATE webhook_endpoint SET previous_secret = secret, previous_until = ?, secret = ? "
                + "WHERE tenant = ? AND webhook_id = ?", Database.utc(previousUntil), secret, tenant, webhookId) > 0;
    }

    /** Stops deliveries to an endpoint (it answered 410 Gone). */
    public void disable(String webhookId, Instant at, String reason) throws SQLException {
        database.update("UPDATE webhook_endpoint SET disabled_at = COALESCE(disabled_at, ?), disabled_reason = "
                + "COALESCE(disabled_reason, ?) WHERE webhook_id = ?", Database.utc(at), reason, webhookId);
    }

    private static Set<Channel> channels(String names) {
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        Arrays.stream(names.split(" ")).filter(n -> !n.isEmpty()).map(Channel::valueOf).forEach(channels::add);
        return channels;
    }
}
