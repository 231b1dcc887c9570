package io.wechatadvisor.decisions.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Every answer leaves a decision record that the admin can read back. Runs on the embedded database
 * and on PostgreSQL (see the subclasses): no mock of either.
 */
abstract class DecisionsSuite {

    static final String UUID_V7 = "[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    static String profile(String externalId) {
        return """
                {"entityType":"ENTERPRISE","wantsPayment":true,"offlinePresence":"MULTIPLE_LOCATIONS",
                 "contentCadence":"WEEKLY","goals":["SELL_PRODUCTS"],"needsProactivePush":true,
                 "externalId":"%s"}""".formatted(externalId);
    }

    static Response answer(String body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/api/v1/recommendations");
    }

    static JsonPath record(String decisionId) {
        return given().auth().oauth2(DecisionsProfile.TOKEN).when().get("/api/v1/decisions/" + decisionId)
                .then().statusCode(200).contentType(ContentType.JSON).extract().jsonPath();
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    @Test
    void everyAnswerCarriesTheIdOfItsRecord() {
        String lead = unique("lead");
        Response response = answer(profile(lead));
        response.then().statusCode(200).body("decisionId", matchesPattern(UUID_V7))
                .header("Decision-Id", matchesPattern(UUID_V7));
        String decisionId = response.jsonPath().getString("decisionId");
        assertThat(response.header("Decision-Id")).isEqualTo(decisionId);

        JsonPath record = record(decisionId);
        assertThat(record.getString("decisionId")).isEqualTo(decisionId);
        assertThat(record.getString("tenant")).isEqualTo("default");
        assertThat(record.getString("channel")).isEqualTo("API");
        assertThat(record.getString("externalId")).isEqualTo(lead);
        assertThat(record.getString("language")).isEqualTo("en");
        assertThat(record.getString("rulesVersion")).isEqualTo(response.jsonPath().getString("rulesVersion"));
        assertThat(record.getString("decidedAt")).isNotBlank();
        // The profile as understood: the documented defaults filled in.
        assertThat(record.getString("profile.industry")).isEqualTo("OTHER");
        assertThat(record.getBoolean("profile.needsMomentsSharing")).isFalse();
        // Exactly what was answered: ranking, scores, fits, reasons (rule and effect), exclusions, plan.
        JsonPath answer = response.jsonPath();
        assertThat(record.getList("recommendations.product")).isEqualTo(answer.getList("recommendations.product"));
        assertThat(record.getList("recommendations.score")).isEqualTo(answer.getList("recommendations.score"));
        assertThat(record.getList("recommendations.fit")).isEqualTo(answer.getList("recommendations.fit"));
        assertThat(record.getList("recommendations.reasons.rule")).isEqualTo(answer.getList("recommendations.reasons.rule"));
        assertThat(record.getList("recommendations.reasons.effect")).isEqualTo(answer.getList("recommendations.reasons.effect"));
        assertThat(record.getList("excluded.product")).isEqualTo(answer.getList("excluded.product"));
        assertThat(record.getList("excluded.reasons")).isEqualTo(answer.getList("excluded.reasons.rule"));
        assertThat(record.getString("plan.primary")).isEqualTo(answer.getString("plan.primary"));
        assertThat(record.getList("plan.companions.product")).isEqualTo(answer.getList("plan.companions.product"));
        assertThat(record.getList("plan.needs")).isEqualTo(answer.getList("plan.needs"));
    }

    @Test
    void readingARecordNeedsTheAdminToken() {
        String decisionId = answer(profile(unique("lead"))).then().statusCode(200).extract().path("decisionId");
        given().when().get("/api/v1/decisions/" + decisionId).then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2("wrong").when().get("/api/v1/decisions/" + decisionId).then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void anUnknownIdIs404AndAMalformedOne400() {
        given().auth().oauth2(DecisionsProfile.TOKEN).when().get("/api/v1/decisions/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(DecisionsProfile.TOKEN).when().get("/api/v1/decisions/not-an-id")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("decisionId"));
    }
}
