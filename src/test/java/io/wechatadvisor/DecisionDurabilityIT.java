package io.wechatadvisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.wechatadvisor.decisions.domain.DecisionIds;
import io.wechatadvisor.decisions.store.DecisionRow;
import io.wechatadvisor.decisions.store.Journals;
import io.wechatadvisor.decisions.store.PostgresCluster;

/**
 * An answer is sent only once its record is committed: the packaged jar gets a burst of concurrent
 * answers, is killed with SIGKILL (kill -9) while answers are still in flight, and after a restart
 * every decisionId that was answered 200 is found. On the embedded database and on PostgreSQL. On
 * the embedded database, records in the journal that had not reached the database are stored at the
 * next start, and an erased record leaves nothing of itself in the journal.
 */
class DecisionDurabilityIT {

    private static final String TOKEN = "durability-admin-token";
    private static final int BURST = 400;
    private static final int KILL_AFTER = 250;
    private static final int IN_FLIGHT = 16;
    private static final Pattern DECISION_ID = Pattern.compile("\"decisionId\":\"([0-9a-f-]{36})\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void noAnsweredDecisionIsLostOnTheEmbeddedDatabase() throws Exception {
        Path folder = Files.createTempDirectory("advisor-durability");
        List<String> settings = List.of("-Dadvisor.data-dir=" + folder.resolve("data"), "-Dadvisor.admin-token=" + TOKEN);
        killAndFind(folder, settings);
    }

    @Test
    void noAnsweredDecisionIsLostOnPostgresql() throws Exception {
        Path folder = Files.createTempDirectory("advisor-durability-pg");
        try (PostgresCluster postgres = PostgresCluster.start()) {
            List<String> settings = List.of("-Dadvisor.db.url=" + postgres.url(),
                    "-Dadvisor.db.username=" + PostgresCluster.USER, "-Dadvisor.db.password=" + PostgresCluster.PASSWORD,
                    "-Dadvisor.admin-token=" + TOKEN);
            killAndFind(folder, settings);
        }
    }

    @Test
    void recordsAKillLeftInTheJournalAreStoredAtTheNextStart() throws Exception {
        Path folder = Files.createTempDirectory("advisor-journal");
        Path data = folder.resolve("data");
        UUID id = DecisionIds.next(System.currentTimeMillis());
        Journals.append(data, List.of(new DecisionRow(id, "default", DecisionIds.instantOf(id), "API", "journaled-lead",
                "MICRO_STORE", "test", "{\"decisionId\":\"" + id + "\"}")));
        List<String> settings = List.of("-Dadvisor.data-dir=" + data, "-Dadvisor.admin-token=" + TOKEN);
        PackagedApp app = PackagedApp.start(folder, settings);
        try {
            HttpResponse<String> found = HTTP.send(HttpRequest.newBuilder(URI.create(app.base
                    + "/api/v1/decisions?externalId=journaled-lead")).header("Authorization", "Bearer " + TOKEN).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(found.statusCode()).isEqualTo(200);
            assertThat(found.body()).contains(id.toString());
        } finally {
            app.stop(false);
        }
        // The journal keeps the record: after another start it is read from there, once; erased, no byte of it is left.
        PackagedApp again = PackagedApp.start(folder, settings);
        try {
            HttpResponse<String> found = HTTP.send(HttpRequest.newBuilder(URI.create(again.base
                    + "/api/v1/decisions?externalId=journaled-lead")).header("Authorization", "Bearer " + TOKEN).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(found.body().split(id.toString(), -1)).as("the record, stored once").hasSize(2);
            HttpResponse<String> erased = HTTP.send(HttpRequest.newBuilder(URI.create(again.base
                    + "/api/v1/decisions?externalId=journaled-lead")).header("Authorization", "Bearer " + TOKEN).DELETE().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(erased.body()).contains("\"erased\":1");
        } finally {
            again.stop(false);
        }
        assertThat(Journals.segments(data)).isNotEmpty();
        for (Path segment : Journals.files(data)) {
            assertThat(new String(Files.readAllBytes(segment), StandardCharsets.ISO_8859_1))
                    .doesNotContain("journaled-lead").doesNotContain(id.toString());
        }
    }

    private static void killAndFind(Path folder, List<String> settings) throws Exception {
        PackagedApp app = PackagedApp.start(folder, settings);
        Queue<String> answered = new ConcurrentLinkedQueue<>();
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<?>> requests = new ArrayList<>();
        for (int i = 0; i < BURST && answered.size() < KILL_AFTER; i++) {
            inFlight.acquire();
            HttpRequest request = HttpRequest.newBuilder(URI.create(app.base + "/api/v1/recommendations"))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(profile(i))).build();
            requests.add(HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                if (error == null && response.statusCode() == 200) {
                    Matcher id = DECISION_ID.matcher(response.body());
                    assertThat(id.find()).isTrue();
                    answered.add(id.group(1));
                }
                inFlight.release();
            }));
        }
        // kill -9 with up to IN_FLIGHT answers still on their way.
        app.stop(true);
        CompletableFuture.allOf(requests.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        List<String> ids = List.copyOf(answered);
        assertThat(ids).hasSizeGreaterThanOrEqualTo(KILL_AFTER);

        PackagedApp restarted = PackagedApp.start(folder, settings);
        try {
            List<String> missing = new ArrayList<>();
            for (String id : ids) {
                HttpResponse<String> record = HTTP.send(HttpRequest.newBuilder(
                        URI.create(restarted.base + "/api/v1/decisions/" + id)).header("Authorization", "Bearer " + TOKEN)
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (record.statusCode() != 200 || !record.body().contains(id)) {
                    missing.add(id + " " + record.statusCode());
                }
            }
            assertThat(missing).as("answered but not found after kill -9").isEmpty();
        } finally {
            restarted.stop(false);
        }
    }

    private static String profile(int i) {
        return """
                {"entityType":"ENTERPRISE","wantsPayment":%s,"offlinePresence":"MULTIPLE_LOCATIONS",
                 "contentCadence":"WEEKLY","goals":["SELL_PRODUCTS"],"externalId":"burst-%d"}"""
                .formatted(i % 2 == 0, i);
    }
}
