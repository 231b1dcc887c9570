package io.wechatadvisor.recommendation.simulation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.wechatadvisor.decisions.store.DecisionStore;
import io.wechatadvisor.recommendation.api.ReloadProfile;

/**
 * What-if on recorded traffic, on a real (embedded) database filled through the recommendation
 * endpoint. Ten decisions are seeded: three enterprises whose first product is the enterprise account
 * because they want internal communication, and seven market stalls that the change cannot touch.
 */
@QuarkusTest
@TestProfile(SimulationProfile.class)
class SimulationTest {

    private static final String SIMULATE = "/api/v1/rules/simulate";
    private static final String INTERNAL_45 = "INTERNAL_COMMUNICATION(45)";
    private static final String INTERNAL_0 = "INTERNAL_COMMUNICATION(0)";
    private static final String OFFICE = """
            {"entityType":"ENTERPRISE","wantsPayment":false,"offlinePresence":"NONE","contentCadence":"NONE",
             "goals":["INTERNAL_COMMUNICATION","SELL_PRODUCTS"]}""";
    private static final String MARKET_STALL = """
            {"entityType":"INDIVIDUAL","wantsPayment":true,"offlinePresence":"SINGLE_LOCATION",
             "contentCadence":"NONE","goals":["SELL_PRODUCTS"]}""";
    private static final int OFFICES = 3;
    private static final int STALLS = 7;

    private static final List<String> officeDecisions = new ArrayList<>();

    @Inject
    DecisionStore store;

    @BeforeEach
    void seedOnce() throws IOException {
        synchronized (officeDecisions) {
            if (!officeDecisions.isEmpty()) {
                return;
            }
            for (int i = 0; i < OFFICES + STALLS; i++) {
                Response answer = given().contentType(ContentType.JSON).body(i % 3 == 0 && officeDecisions.size() < OFFICES
                        ? OFFICE : MARKET_STALL).post("/api/v1/recommendations");
                answer.then().statusCode(200);
                if (answer.jsonPath().getString("plan.primary").equals("ENTERPRISE_ACCOUNT")) {
                    officeDecisions.add(answer.jsonPath().getString("decisionId"));
                }
            }
            assertThat(officeDecisions).hasSize(OFFICES);
        }
    }

    @Test
    void aWeightChangeReportsExactlyTheShareItMoves() throws Exception {
        long recorded = store.count();
        JsonPath impact = admin().contentType(ContentType.JSON)
                .body(Map.of("files", Map.of("weights.drl", weights().replace(INTERNAL_45, INTERNAL_0)), "last", 10))
                .post(SIMULATE).then().statusCode(200).extract().jsonPath();

        assertThat(impact.getInt("compared")).isEqualTo(10);
        assertThat(impact.getInt("changed")).isEqualTo(OFFICES);
        assertThat(impact.getMap("matrix")).isEqualTo(Map.of(
                "ENTERPRISE_ACCOUNT", Map.of("MICRO_STORE", OFFICES),
                "MICRO_STORE", Map.of("MICRO_STORE", STALLS)));
        assertThat(impact.getList("examples.ENTERPRISE_ACCOUNT.MICRO_STORE")).containsExactlyInAnyOrderElementsOf(officeDecisions);
        assertThat(impact.getDouble("scoreShift.ENTERPRISE_ACCOUNT")).isEqualTo(-45.0);
        assertThat(impact.getDouble("scoreShift.MICRO_STORE")).isEqualTo(0.0);
        assertThat(impact.getString("liveVersion")).isEqualTo(liveVersion());
        assertThat(impact.getString("candidateVersion")).isNotEqualTo(liveVersion());
        // Nothing written, nothing made live.
        assertThat(store.count()).isEqualTo(recorded);
        assertThat(impact.getString("liveVersion")).isEqualTo(liveVersion());
    }

    @Test
    void aBrokenCandidateIs422WithItsFileAndLineAndTheLiveRulesStay() throws Exception {
        String before = liveVersion();
        String broken = weights().replace(INTERNAL_45, "INTERNAL_COMMUNICATION(45)),");
        int line = lineOf(broken, "INTERNAL_COMMUNICATION(45)),");
        admin().contentType(ContentType.JSON).body(Map.of("files", Map.of("weights.drl", broken)))
                .post(SIMULATE).then().statusCode(422).contentType("application/problem+json")
                .body("failure.file", equalTo("weights.drl"))
                .body("failure.line", equalTo(line))
                .body("detail", containsString("weights.drl:" + line))
                .body("detail", containsString("The live rules are untouched."));
        assertThat(liveVersion()).isEqualTo(before);
        given().contentType(ContentType.JSON).body(MARKET_STALL).post("/api/v1/recommendations")
                .then().statusCode(200).body("rulesVersion", equalTo(before));
    }

    @Test
    void simulatingNeedsTheAdminToken() {
        String body = "{\"files\": {\"weights.drl\": \"\"}}";
        given().contentType(ContentType.JSON).body(body).post(SIMULATE).then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2("wrong").contentType(ContentType.JSON).body(body).post(SIMULATE).then().statusCode(401);
        given().auth().oauth2("wrong").contentType("application/zip").body(new byte[] { 1 }).post(SIMULATE)
                .then().statusCode(401);
    }

    @Test
    void aZippedRulesFolderIsComparedAsAWhole() throws Exception {
        Map<String, byte[]> folder = new java.util.TreeMap<>();
        try (Stream<Path> walk = Files.walk(Path.of("rules"))) {
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                folder.put("rules/" + Path.of("rules").relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        }
        folder.put("rules/weights.drl", weights().replace(INTERNAL_45, INTERNAL_0).getBytes(StandardCharsets.UTF_8));
        admin().contentType("application/zip").body(zip(folder)).queryParam("last", 10).post(SIMULATE)
                .then().statusCode(200).body("compared", equalTo(10)).body("changed", equalTo(OFFICES))
                .body("matrix.ENTERPRISE_ACCOUNT.MICRO_STORE", equalTo(OFFICES));
    }

    @Test
    void theScriptPostsAFolderForRuleAuthors() throws Exception {
        Path folder = Files.createTempDirectory("advisor-candidate");
        ReloadProfile.restore(folder);
        Files.writeString(folder.resolve("weights.drl"), weights().replace(INTERNAL_45, INTERNAL_0));
        ProcessBuilder withoutToken = new ProcessBuilder("sh", "bin/simulate.sh", folder.toString(), "10");
        withoutToken.environment().remove("ADVISOR_ADMIN_TOKEN");
        assertThat(withoutToken.start().waitFor()).as("no token: refused before anything is sent").isEqualTo(2);
        ProcessBuilder withToken = new ProcessBuilder("sh", "bin/simulate.sh", folder.toString(), "10");
        withToken.environment().put("ADVISOR_URL", "http://localhost:" + io.restassured.RestAssured.port);
        withToken.environment().put("ADVISOR_ADMIN_TOKEN", SimulationProfile.TOKEN);
        Process run = withToken.start();
        String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(run.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.waitFor()).as(err).isZero();
        JsonPath impact = new JsonPath(out);
        assertThat(impact.getInt("compared")).isEqualTo(10);
        assertThat(impact.getInt("changed")).isEqualTo(OFFICES);
        assertThat(err).contains("3 of 10 recent decisions would change their first product (30.0%)")
                .contains("ENTERPRISE_ACCOUNT -> MICRO_STORE: 3");
    }

    @Test
    void aZipEntryOutsideTheFolderIsRefusedBeforeAnythingCompiles() throws IOException {
        admin().contentType("application/zip").body(zip(Map.of("../weights.drl", new byte[] { 'x' })))
                .post(SIMULATE).then().statusCode(400).body("errors[0].field", equalTo("zip"))
                .body("errors[0].message", containsString("outside the rules folder"));
        admin().contentType("application/zip").body("not a zip".getBytes(StandardCharsets.UTF_8)).post(SIMULATE).then().statusCode(400);
        admin().contentType(ContentType.JSON).body(Map.of("files", Map.of("/etc/passwd", "x"))).post(SIMULATE)
                .then().statusCode(400).body("errors[0].field", equalTo("files"));
    }

    @Test
    void theWindowIsBounded() {
        String files = "\"files\": {\"notes.txt\": \"\"}";
        admin().contentType(ContentType.JSON).body("{" + files + ", \"last\": 50001}").post(SIMULATE)
                .then().statusCode(400).body("errors[0].field", equalTo("last"));
        admin().contentType(ContentType.JSON).body("{" + files + ", \"last\": 0}").post(SIMULATE)
                .then().statusCode(400);
        admin().contentType(ContentType.JSON).body("{" + files + ", \"last\": 5, \"from\": \"2026-01-01T00:00:00Z\"}")
                .post(SIMULATE).then().statusCode(400);
        // A range: every decision of the day; an unchanged candidate changes nothing.
        admin().contentType(ContentType.JSON).body("{" + files + ", \"from\": \"2000-01-01T00:00:00Z\"}").post(SIMULATE)
                .then().statusCode(200).body("compared", equalTo(OFFICES + STALLS)).body("changed", equalTo(0));
        admin().contentType(ContentType.JSON).body("{" + files + ", \"to\": \"2000-01-01T00:00:00Z\"}").post(SIMULATE)
                .then().statusCode(200).body("compared", equalTo(0));
    }

    @Test
    void aReloadReportsTheImpactTheSimulationForetold() throws Exception {
        String edited = weights().replace("CADENCE_MONTHLY_FITS(15)", "CADENCE_MONTHLY_FITS(16)")
                .replace("MVP(15)", "MVP(55)");
        JsonPath foretold = admin().contentType(ContentType.JSON)
                .body(Map.of("files", Map.of("weights.drl", edited), "last", 1000)).post(SIMULATE)
                .then().statusCode(200).extract().jsonPath();
        String before = liveVersion();
        try {
            Files.writeString(SimulationProfile.RULES.resolve("weights.drl"), edited);
            JsonPath reload = admin().post("/api/v1/rules/reload").then().statusCode(200)
                    .body("outcome", equalTo("LOADED")).extract().jsonPath();
            assertThat(reload.getString("impact.liveVersion")).isEqualTo(before);
            assertThat(reload.getString("impact.candidateVersion")).isEqualTo(reload.getString("version"))
                    .isEqualTo(foretold.getString("candidateVersion"));
            for (String field : List.of("compared", "changed", "matrix", "scoreShift", "newlyUnmet", "examples")) {
                assertThat(reload.getMap("impact").get(field)).as(field).isEqualTo(foretold.getMap("").get(field));
            }
            assertThat(reload.getInt("impact.compared")).isEqualTo(OFFICES + STALLS);
        } finally {
            ReloadProfile.restore(SimulationProfile.RULES);
            admin().post("/api/v1/rules/reload").then().statusCode(200);
        }
        assertThat(liveVersion()).isEqualTo(before);
    }

    private static RequestSpecification admin() {
        return given().auth().oauth2(SimulationProfile.TOKEN);
    }

    private static String liveVersion() {
        return given().get("/api/v1/rules").then().statusCode(200).extract().path("version");
    }

    private static String weights() throws IOException {
        return Files.readString(Path.of("rules/weights.drl"));
    }

    private static int lineOf(String text, String fragment) {
        return text.substring(0, text.indexOf(fragment)).split("\n", -1).length;
    }

    private static byte[] zip(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
