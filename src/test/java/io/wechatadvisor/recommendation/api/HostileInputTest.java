package io.wechatadvisor.recommendation.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The worst inputs one can build within the body limit answer 4xx, and the service keeps answering
 * other requests while they run. The client's timeout is a safety net against a hang, not a speed
 * check: how fast these answers come is measured in docs/performance.md.
 */
@QuarkusTest
class HostileInputTest {

    private static final String PATH = "/api/v1/recommendations";
    private static final String HEAD = "{\"entityType\":\"INDIVIDUAL\",\"wantsPayment\":true,\"offlinePresence\":\"NONE\","
            + "\"contentCadence\":\"NONE\"";
    private static final Duration HANG = Duration.ofSeconds(60);

    @TestHTTPResource("/")
    URL app;

    private static String goals(String element, int count) {
        return HEAD + ",\"goals\":[" + String.join(",", Collections.nCopies(count, element)) + "]}";
    }

    @Test
    void aNullGoalIsRefusedAtTheFirstOne() {
        given().contentType(ContentType.JSON).body(goals("null", 16_000)).when().post(PATH)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("goals[0]"))
                .body("errors[0].message", containsString("is required"));
    }

    @Test
    void tooManyGoalsAreRefused() {
        given().contentType(ContentType.JSON).body(goals("\"BOOKINGS\"", ProfileRequest.MAX_GOALS + 1)).when().post(PATH)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("goals"))
                .body("errors[0].message", containsString("at most " + ProfileRequest.MAX_GOALS));
        given().contentType(ContentType.JSON).body(goals("\"BOOKINGS\"", ProfileRequest.MAX_GOALS)).when().post(PATH)
                .then().statusCode(200);
    }

    @Test
    void aBatchItemWithNullGoalsIsOneItemError() {
        String body = "[" + Profiles.BAKERY + "," + goals("null", 32_000) + "]";
        given().contentType(ContentType.JSON).body(body).when().post(PATH + "/batch")
                .then().statusCode(200)
                .body("[0].result.externalId", equalTo("lead-4711"))
                .body("[1].error.errors.field", contains("goals[0]"));
    }

    /** Each body is under the 2 MB limit; each is sent several times at once, to occupy every event loop. */
    private static Map<String, String> worstInputs() {
        String deep = "[".repeat(200_000) + "]".repeat(200_000);
        return Map.of(
                "100,000 null goals", PATH + "|" + goals("null", 100_000),
                "100,000 goals", PATH + "|" + goals("\"BOOKINGS\"", 100_000),
                "100,000 unknown goals", PATH + "|" + goals("\"X\"", 100_000),
                "deep nesting", PATH + "|" + HEAD + ",\"goals\":" + deep + "}",
                "a 1.9 MB externalId", PATH + "|" + HEAD + ",\"externalId\":\"" + "x".repeat(1_900_000) + "\"}",
                "a batch item of 300,000 null goals", PATH + "/batch|[" + goals("null", 300_000) + "]",
                "a batch of 1,000 items with 200 null goals each",
                PATH + "/batch|[" + String.join(",", Collections.nCopies(1_000, goals("null", 200))) + "]",
                "a batch of 200,000 empty objects", PATH + "/batch|[" + "{},".repeat(200_000) + "{}]",
                "a batch nested deeply", PATH + "/batch|" + deep);
    }

    @Test
    void theWorstInputsAre4xxAndTheServiceKeepsAnswering() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(HANG).build();
        URI base = app.toURI();
        List<CompletableFuture<String>> hostile = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            for (Map.Entry<String, String> input : worstInputs().entrySet()) {
                String[] pathAndBody = input.getValue().split("\\|", 2);
                HttpRequest request = HttpRequest.newBuilder(base.resolve(pathAndBody[0])).timeout(HANG)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(pathAndBody[1])).build();
                hostile.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                        .thenApply(response -> input.getKey() + ": " + response.statusCode()
                                + (response.statusCode() == 200 ? itemStatuses(response.body()) : "")));
            }
        }
        HttpRequest normal = HttpRequest.newBuilder(base.resolve(PATH)).timeout(HANG)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Profiles.BAKERY)).build();
        int answered = 0;
        do {
            assertThat(client.send(normal, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            answered++;
        } while (answered < 20 || hostile.stream().anyMatch(f -> !f.isDone()));
        for (CompletableFuture<String> outcome : hostile) {
            assertThat(outcome.get()).matches(".*: (400|413|200 \\[only errors\\])");
        }
    }

    /** A batch answers 200 with one error per bad item; none of these may hold a result. */
    private static String itemStatuses(String body) {
        return body.contains("\"result\"") ? " [with results]" : " [only errors]";
    }
}
