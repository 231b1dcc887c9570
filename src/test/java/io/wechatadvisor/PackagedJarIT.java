package io.wechatadvisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The packaged application as an operator runs it: {@code java -jar target/quarkus-app/quarkus-run.jar}
 * started from another folder, with no configuration. It must load its packaged rules, answer the
 * contract's examples in both languages and serve Swagger UI.
 */
class PackagedJarIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PROFILE = """
            {"entityType":"ENTERPRISE","wantsPayment":true,"offlinePresence":"MULTIPLE_LOCATIONS",
             "contentCadence":"WEEKLY","goals":["SELL_PRODUCTS"],"needsProactivePush":true,"externalId":"lead-4711"}""";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Process app;
    private static String base;
    private static Path log;

    @BeforeAll
    static void start() throws Exception {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        assertThat(jar).exists();
        Path elsewhere = Files.createTempDirectory("advisor-elsewhere");
        log = elsewhere.resolve("app.log");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        base = "http://localhost:" + port;
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=" + port,
                // A database of its own: the default (~/.wechat-advisor) is shared with every other run.
                "-Dadvisor.data-dir=" + elsewhere.resolve("data"), "-jar", jar.toString())
                .directory(elsewhere.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("ADVISOR_RULES_DIR");
        app = builder.start();
        for (int i = 0; i < 600; i++) {
            earlyAnswers.add(earlyAnswer());
            if (status("/q/health/ready") == 200) {
                return;
            }
            assertThat(app.isAlive()).as("the application died:\n" + Files.readString(log)).isTrue();
            Thread.sleep(20);
        }
        throw new AssertionError("not ready after 60 s:\n" + Files.readString(log));
    }

    private static final java.util.List<String> earlyAnswers = new java.util.ArrayList<>();

    /** A recommendation asked while the service starts: "" before it listens, else status and type. */
    private static String earlyAnswer() throws InterruptedException {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/recommendations"))
                    .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(PROFILE)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.headers().firstValue("Content-Type").orElse("")
                    + (response.headers().firstValue("Retry-After").isPresent() ? " retry" : "");
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    void answersWhileStartingAreCompleteOrA503ToRetry() {
        for (String answer : earlyAnswers) {
            if (!answer.isEmpty()) {
                assertThat(answer).matches("200 application/json.*|503 application/problem\\+json retry");
            }
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (app != null) {
            app.destroy();
            app.waitFor();
        }
    }

    @Test
    void loadsItsPackagedRules() throws Exception {
        JsonNode rules = get("/api/v1/rules");
        assertThat(rules.get("rules").size()).isGreaterThan(40);
        assertThat(Files.readString(log)).contains("loaded from packaged rules");
    }

    @Test
    void answersTheContractExampleInBothLanguages() throws Exception {
        JsonNode english = post("/api/v1/recommendations", PROFILE, "en");
        JsonNode chinese = post("/api/v1/recommendations", PROFILE, "zh-CN");
        assertThat(english.get("externalId").asText()).isEqualTo("lead-4711");
        assertThat(english.at("/recommendations/0/product").asText()).isEqualTo("MINI_PROGRAM_ENTERPRISE");
        assertThat(english.at("/recommendations/0/name").asText()).isEqualTo("Enterprise mini program");
        assertThat(chinese.at("/recommendations/0/name").asText()).isEqualTo("企业小程序");
        assertThat(english.at("/plan/companions/0/product").asText()).isEqualTo("SERVICE_ACCOUNT");
        assertThat(english.at("/plan/companions/0/covers/0").asText()).isEqualTo("PROACTIVE_PUSH");
        assertThat(chinese.get("rulesVersion")).isEqualTo(english.get("rulesVersion"));
    }

    @Test
    void answersEverySwaggerExample() throws Exception {
        JsonNode examples = get("/q/openapi?format=json")
                .at("/paths/~1api~1v1~1recommendations/post/requestBody/content/application~1json/examples");
        assertThat(examples.size()).isEqualTo(4);
        for (Map.Entry<String, JsonNode> example : examples.properties()) {
            JsonNode value = example.getValue().get("value");
            String profile = value.isTextual() ? value.asText() : value.toString();
            for (String language : new String[] { "en", "zh-CN" }) {
                JsonNode answer = post("/api/v1/recommendations", profile, language);
                assertThat(answer.get("recommendations").size() + answer.get("excluded").size())
                        .as(example.getKey()).isEqualTo(6);
            }
        }
    }

    @Test
    void servesSwaggerUi() throws Exception {
        assertThat(status("/q/swagger-ui/")).isEqualTo(200);
    }

    private static int status(String path) throws IOException, InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        }
    }

    private static JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode post(String path, String body, String language) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").header("Accept-Language", language)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
