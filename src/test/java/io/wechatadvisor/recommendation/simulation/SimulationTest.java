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

    private static RequestSpecification admin() {
        return given().auth().oauth2(SimulationProfile.TOKEN);
    }

    private static String liveVersion() {
        return given().get("/api/v1/rules").then().statusCode(200).extract().path("version");
    }

    private static String weights() throws IOException {
        return Files.readString(Path.of("rules/weights.drl"));
    }
}
