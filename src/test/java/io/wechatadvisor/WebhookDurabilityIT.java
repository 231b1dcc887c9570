package io.wechatadvisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;
import io.wechatadvisor.decisions.store.PostgresCluster;
import io.wechatadvisor.webhooks.Receiver;

/**
 * kill -9 between decision and delivery loses no event: the packaged jar answers decisions while
 * their endpoint holds every attempt, is killed with SIGKILL while some are being sent and the rest
 * wait in the outbox, and after a restart every event arrives, signed, the ones that were in flight
 * again with the same webhook-id and the same body. On the embedded database and on PostgreSQL.
 */
class WebhookDurabilityIT {

    private static final String TOKEN = "webhook-durability-admin-token";
    private static final int DECISIONS = 20;
    private static final Pattern DECISION_ID = Pattern.compile("\"decisionId\":\"([0-9a-f-]{36})\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void noEventIsLostOnTheEmbeddedDatabase() throws Exception {
        Path folder = Files.createTempDirectory("advisor-webhook-durability");
        killAndDeliver(folder, List.of("-Dadvisor.data-dir=" + folder.resolve("data")));
    }

    @Test
    void noEventIsLostOnPostgresql() throws Exception {
        Path folder = Files.createTempDirectory("advisor-webhook-durability-pg");
        try (PostgresCluster postgres = PostgresCluster.start()) {
            killAndDeliver(folder, List.of("-Dadvisor.db.url=" + postgres.url(),
                    "-Dadvisor.db.username=" + PostgresCluster.USER,
                    "-Dadvisor.db.password=" + PostgresCluster.PASSWORD));
        }
    }

    private static void killAndDeliver(Path folder, List<String> database) throws Exception {
        List<String> settings = new ArrayList<>(database);
        settings.addAll(List.of("-Dadvisor.admin-token=" + TOKEN, "-Dadvisor.webhooks.allow-http-hosts=127.0.0.1",
                "-Dadvisor.webhooks.retry-schedule=0s,1s,1s,1s", "-Dadvisor.webhooks.request-timeout=2s",
                "-Dadvisor.webhooks.poll-interval=100ms"));
        try (Receiver receiver = new Receiver()) {
            CountDownLatch held = new CountDownLatch(1);
            receiver.hold("/crm", held);
            PackagedApp app = PackagedApp.start(folder, settings);
            String secret;
            List<String> decided = new ArrayList<>();
            try {
                HttpResponse<String> registered = HTTP.send(HttpRequest.newBuilder(
                        URI.create(app.base + "/api/v1/tenants/default/webhooks"))
                        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"" + receiver.url("/crm") + "\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
                secret = JsonPath.from(registered.body()).getString("secret");
                for (int i = 0; i < DECISIONS; i++) {
                    decided.add(decide(app, i));
                }
                assertThat(Receiver.await(20, () -> !receiver.requests("/crm").isEmpty())).isTrue();
            } finally {
                // kill -9: attempts in flight (held by the receiver), the rest still in the outbox.
                app.stop(true);
            }
            List<Receiver.Request> inFlight = receiver.requests("/crm");
            int before = inFlight.size();
            held.countDown();
            assertThat(before).isBetween(1, DECISIONS - 1);

            PackagedApp restarted = PackagedApp.start(folder, settings);
            try {
                assertThat(Receiver.await(60, () -> delivered(restarted) == DECISIONS))
                        .as("every event delivered after the restart").isTrue();
                List<Receiver.Request> after = receiver.requests("/crm").subList(before, receiver.requests("/crm").size());
                assertThat(after).allSatisfy(r -> assertThat(r.signedWith(secret)).isTrue());
                Set<String> arrived = after.stream().map(r -> JsonPath.from(r.text()).getString("data.decisionId"))
                        .collect(Collectors.toSet());
                assertThat(arrived).containsExactlyInAnyOrderElementsOf(decided);
                Map<String, String> bodies = after.stream()
                        .collect(Collectors.toMap(Receiver.Request::id, Receiver.Request::text, (a, b) -> a));
                for (Receiver.Request cut : inFlight) {
                    assertThat(bodies).as("re-sent with the same id").containsEntry(cut.id(), cut.text());
                }
                assertThat(new HashSet<>(after.stream().map(Receiver.Request::id).toList())).hasSize(DECISIONS);
            } finally {
                restarted.stop(false);
            }
        }
    }

    private static String decide(PackagedApp app, int i) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(app.base + "/api/v1/recommendations"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("""
                        {"entityType":"ENTERPRISE","wantsPayment":%s,"offlinePresence":"SINGLE_LOCATION",
                         "contentCadence":"WEEKLY","externalId":"durable-%d"}""".formatted(i % 2 == 0, i))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        Matcher id = DECISION_ID.matcher(answer.body());
        assertThat(id.find()).isTrue();
        return id.group(1);
    }

    private static int delivered(PackagedApp app) {
        try {
            HttpResponse<String> list = HTTP.send(HttpRequest.newBuilder(URI.create(app.base
                    + "/api/v1/tenants/default/deliveries?status=DELIVERED&limit=500"))
                    .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
            return list.statusCode() == 200 ? JsonPath.from(list.body()).getList("$").size() : -1;
        } catch (Exception e) {
            return -1;
        }
    }
}
