package io.wechatadvisor.recommendation.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Changing rules without a rebuild, and never serving broken ones. */
@QuarkusTest
@TestProfile(ReloadProfile.class)
class RuleReloadTest {

    private static final Path DIR = ReloadProfile.DIR;
    private static final String RELOAD = "/api/v1/rules/reload";
    private static final String MONTHLY_15 = "CADENCE_MONTHLY_FITS(15)";
    private static final String MONTHLY_16 = "CADENCE_MONTHLY_FITS(16)";

    private String original;

    @BeforeEach
    void restoreTheRules() throws IOException {
        ReloadProfile.restore(DIR);
        reload().then().statusCode(200);
        original = version();
    }

    @Test
    void aValidEditGoesLiveOnRequest() throws IOException {
        edit("weights.drl", MONTHLY_15, MONTHLY_16);
        reload().then().statusCode(200).body("outcome", equalTo("LOADED")).body("version", not(equalTo(original)));
        JsonPath answer = bakery();
        assertThat(answer.getString("rulesVersion")).isNotEqualTo(original);
        assertThat(monthlyFit(answer)).isEqualTo(16);
        reload().then().statusCode(200).body("outcome", equalTo("UNCHANGED"));
    }

    @Test
    void aValidEditGoesLiveByItselfOnceWatched() throws Exception {
        edit("weights.drl", MONTHLY_15, MONTHLY_16);
        assertThat(watchedVersion()).as("the watcher picked the change up").isNotEqualTo(original);
        assertThat(monthlyFit(bakery())).isEqualTo(16);
    }

    @Test
    void aSyntaxErrorIsRefusedWithItsLineAndTheOldRulesKeepServing() throws IOException {
        Files.writeString(DIR.resolve("zz-broken.drl"), """
                package io.wechatadvisor.recommendation.domain;

                rule "half written"
                when
                    Profile( wantsPayment ==
                then
                end
                """);
        reload().then().statusCode(422)
                .contentType("application/problem+json")
                .body("failure.file", equalTo("zz-broken.drl"))
                .body("failure.line", greaterThan(0))
                .body("failure.message", not(equalTo("")))
                .body("detail", containsString("The live rules keep serving"));
        assertThat(bakery().getString("rulesVersion")).isEqualTo(original);
        given().get("/api/v1/rules").then().statusCode(200)
                .body("version", equalTo(original))
                .body("lastFailure.file", equalTo("zz-broken.drl"))
                .body("lastFailure.at", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void aChangeThatBreaksAScenarioIsRefused() throws IOException {
        edit("weights.drl", "BASE_ELIGIBLE(40)", "BASE_ELIGIBLE(30)");
        reload().then().statusCode(422)
                .body("failure.file", startsWith("scenarios/"))
                .body("failure.message", containsString("fails"));
        assertThat(bakery().getString("rulesVersion")).isEqualTo(original);
    }

    @Test
    void aDeletedFileIsRefused() throws IOException {
        Files.delete(DIR.resolve("weights.drl"));
        reload().then().statusCode(422);
        assertThat(bakery().getString("rulesVersion")).isEqualTo(original);

        ReloadProfile.restore(DIR);
        Files.delete(DIR.resolve("i18n/messages_zh_CN.properties"));
        reload().then().statusCode(422).body("failure.file", equalTo("i18n/messages_zh_CN.properties"));

        ReloadProfile.delete(DIR);
        reload().then().statusCode(422).body("failure.message", containsString("cannot be read"));
        assertThat(bakery().getString("rulesVersion")).isEqualTo(original);
    }

    @Test
    void everyAnswerDuringSwapsComesFromOneCompleteRuleSet() throws Exception {
        edit("weights.drl", MONTHLY_15, MONTHLY_16);
        String v16 = reload().then().statusCode(200).extract().path("version");
        Map<String, Integer> expected = Map.of(original, 15, v16, 16);

        AtomicBoolean swapping = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<Integer>> counts = new java.util.ArrayList<>();
        for (int c = 0; c < 4; c++) {
            counts.add(clients.submit(() -> {
                int answered = 0;
                while (swapping.get()) {
                    var response = given().contentType(ContentType.JSON).body(Profiles.BAKERY)
                            .post("/api/v1/recommendations");
                    JsonPath answer = response.jsonPath();
                    Integer fit = response.statusCode() == 200 ? expected.get(answer.getString("rulesVersion")) : null;
                    if (fit == null || monthlyFit(answer) != fit || !addsUp(answer)) {
                        wrong.add(response.statusCode() + " " + response.asString());
                    }
                    answered++;
                }
                return answered;
            }));
        }
        for (int swap = 0; swap < 6; swap++) {
            edit("weights.drl", swap % 2 == 0 ? MONTHLY_16 : MONTHLY_15, swap % 2 == 0 ? MONTHLY_15 : MONTHLY_16);
            reload().then().statusCode(200).body("outcome", equalTo("LOADED"));
        }
        swapping.set(false);
        int answered = 0;
        for (Future<Integer> count : counts) {
            answered += count.get();
        }
        clients.shutdown();
        assertThat(wrong).isEmpty();
        assertThat(answered).isGreaterThan(0);
    }

    @Test
    void reloadNeedsTheAdminToken() {
        given().post(RELOAD).then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer wrong").post(RELOAD).then().statusCode(401);
        given().header("Authorization", "Basic " + ReloadProfile.TOKEN).post(RELOAD).then().statusCode(401);
        given().header("Authorization", "bearer " + ReloadProfile.TOKEN).post(RELOAD).then().statusCode(200);
    }

    @Test
    void refusalsAreCounted() throws IOException {
        Files.writeString(DIR.resolve("zz-broken.drl"), "rule");
        reload().then().statusCode(422);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        double refused = metrics.lines().filter(l -> l.startsWith("advisor_rules_reloads_total{outcome=\"refused\"}"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        assertThat(refused).isGreaterThanOrEqualTo(1);
        assertThat(metrics).contains("advisor_recommendations_total{product=\"MINI_PROGRAM_ENTERPRISE\"}");
    }

    @Test
    void aLoopingRuleIsRefusedAndALaterGoodChangeStillLoads() throws Exception {
        Files.writeString(DIR.resolve("zz-loop.drl"), rule("spins", "Profile()", "while (true) {}"));
        reload().then().statusCode(422)
                .body("failure.file", equalTo("zz-loop.drl"))
                .body("failure.message", containsString("a consequence may only call verdict"));
        Files.delete(DIR.resolve("zz-loop.drl"));
        edit("weights.drl", MONTHLY_15, MONTHLY_16);
        assertThat(watchedVersion()).as("the watcher still picks changes up").isNotEqualTo(original);
    }

    @Test
    void deeplyNestedRulesAreRefusedAndTheWatchGoesOn() throws Exception {
        String nested = "(".repeat(20_000) + "wantsPayment" + ")".repeat(20_000);
        Files.writeString(DIR.resolve("zz-deep.drl"), rule("deep", "Profile( " + nested + " )",
                "verdict.score(drools, Product.MICRO_STORE, Weight.MVP.getPoints());"));
        reload().then().statusCode(422).contentType("application/problem+json")
                .body("failure.message", not(containsString("Error")));
        Files.delete(DIR.resolve("zz-deep.drl"));
        edit("weights.drl", MONTHLY_15, MONTHLY_16);
        assertThat(watchedVersion()).as("the watcher still picks changes up").isNotEqualTo(original);
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedUnread() throws IOException {
        Files.writeString(DIR.resolve("zz-huge.drl"), " ".repeat(1_100_000));
        reload().then().statusCode(422)
                .body("failure.file", equalTo("zz-huge.drl"))
                .body("failure.message", containsString("advisor.rules.max-file-size"));
        assertThat(bakery().getString("rulesVersion")).isEqualTo(original);
    }

    @Test
    void aFailureNamesFilesRelativeToTheRulesDirectory() throws IOException {
        try (var drl = Files.newDirectoryStream(DIR, "*.drl")) {
            for (Path file : drl) {
                Files.delete(file);
            }
        }
        reload().then().statusCode(422);
        String failure = given().get("/api/v1/rules").then().statusCode(200).extract().path("lastFailure.message");
        assertThat(failure).contains("rules directory").doesNotContain(DIR.toString())
                .doesNotContain(DIR.toRealPath().toString());
    }

    @Test
    void aRuleThatFailsForOneProfileFailsThatProfileAlone() throws IOException {
        // Excludes the last two products for one rare profile, which the checks before going live do not meet.
        Files.writeString(DIR.resolve("zz-rare.drl"), rule("excludes everything for one rare profile", """
                Profile( entityType == EntityType.INDIVIDUAL, plansMiniGamesOrAds, industry == Industry.LEGAL,
                             goals contains Goal.BOOKINGS, goals contains Goal.CUSTOMER_SERVICE,
                             goals contains Goal.INTERNAL_COMMUNICATION, goals contains Goal.BRAND_AWARENESS,
                             goals contains Goal.SELL_PRODUCTS, goals contains Goal.PUBLISH_CONTENT, needsProactivePush,
                             needsMomentsSharing, needsBackOfficeIntegration, needsNativeDeviceFeatures, highInteractivity,
                             validatingNewIdea )""",
                "verdict.exclude(drools, Product.SUBSCRIPTION_ACCOUNT); verdict.exclude(drools, Product.MICRO_STORE);"));
        reload().then().statusCode(200).body("outcome", equalTo("LOADED"));
        String rare = """
                {"entityType":"INDIVIDUAL","wantsPayment":false,"offlinePresence":"NONE","contentCadence":"NONE",
                 "goals":["BOOKINGS","CUSTOMER_SERVICE","INTERNAL_COMMUNICATION","BRAND_AWARENESS","SELL_PRODUCTS",
                 "PUBLISH_CONTENT"],"industry":"LEGAL","needsProactivePush":true,"needsMomentsSharing":true,
                 "needsBackOfficeIntegration":true,"needsNativeDeviceFeatures":true,"highInteractivity":true,
                 "validatingNewIdea":true,"plansMiniGamesOrAds":true}""";
        String answer = given().contentType(ContentType.JSON).body(rare).post("/api/v1/recommendations")
                .then().statusCode(500).contentType("application/problem+json")
                .body("status", equalTo(500)).body("instance", startsWith("urn:uuid:"))
                .extract().asString();
        assertThat(answer).doesNotContain("Exception").doesNotContain("at io.").doesNotContain("stack");

        given().contentType(ContentType.JSON).body("[" + Profiles.BAKERY + "," + rare + "," + Profiles.BAKERY + "]")
                .post("/api/v1/recommendations/batch").then().statusCode(200)
                .body("[0].result.rulesVersion", not(equalTo(original)))
                .body("[1].result", org.hamcrest.Matchers.nullValue())
                .body("[1].error.status", equalTo(500))
                .body("[2].result.recommendations.size()", greaterThan(0));
        bakery();
    }

    @Test
    void aCandidateThatBreaksAnInvariantForAGeneratedProfileIsRefused() throws IOException {
        ReloadProfile.delete(DIR.resolve("scenarios"));
        edit("weights.drl", "PAYMENT_IMPOSSIBLE(-160)", "PAYMENT_IMPOSSIBLE(-1)");
        reload().then().statusCode(422).body("failure.message", containsString("payment must dominate"));
        assertThat(bakery().getString("rulesVersion")).isEqualTo(original);
    }

    private static String rule(String name, String when, String then) {
        return """
                package io.wechatadvisor.recommendation.domain;
                global Verdict verdict;

                rule "%s"
                    @id("FIT-OFFLINE") @source("MP-VS-OFFICIAL") @asOf("2026-11-24")
                when
                    %s
                then
                    %s
                end
                """.formatted(name, when, then);
    }

    private String watchedVersion() throws InterruptedException {
        String version = original;
        for (int i = 0; i < 600 && version.equals(original); i++) {
            Thread.sleep(100);
            version = bakery().getString("rulesVersion");
        }
        return version;
    }

    private static io.restassured.response.Response reload() {
        return given().header("Authorization", "Bearer " + ReloadProfile.TOKEN).post(RELOAD);
    }

    private static String version() {
        return given().get("/api/v1/rules").then().statusCode(200).extract().path("version");
    }

    private static JsonPath bakery() {
        return given().contentType(ContentType.JSON).body(Profiles.BAKERY).post("/api/v1/recommendations")
                .then().statusCode(200).extract().jsonPath();
    }

    private static int monthlyFit(JsonPath answer) {
        return answer.getInt("recommendations.find { it.product == 'SERVICE_ACCOUNT' }.reasons"
                + ".find { it.rule == 'FIT-CADENCE-MONTHLY' }.effect");
    }

    private static boolean addsUp(JsonPath answer) {
        List<Map<String, Object>> recommendations = answer.getList("recommendations");
        Set<Object> products = new java.util.HashSet<>();
        for (Map<String, Object> r : recommendations) {
            products.add(r.get("product"));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> reasons = (List<Map<String, Object>>) r.get("reasons");
            if (reasons.stream().mapToInt(x -> (Integer) x.get("effect")).sum() != (Integer) r.get("score")) {
                return false;
            }
        }
        return products.size() + answer.getList("excluded").size() == 6;
    }

    private static void edit(String file, String from, String to) throws IOException {
        Path path = DIR.resolve(file);
        String content = Files.readString(path);
        assertThat(content).contains(from);
        Files.writeString(path, content.replace(from, to));
    }
}
