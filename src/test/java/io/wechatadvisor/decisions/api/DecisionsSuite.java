package io.wechatadvisor.decisions.api;

import static io.restassured.RestAssured.given;
import static io.wechatadvisor.decisions.api.Leads.admin;
import static io.wechatadvisor.decisions.api.Leads.profile;
import static io.wechatadvisor.decisions.api.Leads.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.wechatadvisor.decisions.domain.DecisionIds;
import io.wechatadvisor.decisions.store.DecisionRow;
import io.wechatadvisor.decisions.store.DecisionWriter;
import io.wechatadvisor.decisions.store.RetentionPurge;

/**
 * Every answer leaves a decision record that the admin can read back. Runs on the embedded database
 * and on PostgreSQL (see the subclasses): no mock of either.
 */
abstract class DecisionsSuite {

    static final String UUID_V7 = "[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    static Response answer(String body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/api/v1/recommendations");
    }

    static JsonPath record(String decisionId) {
        return given().auth().oauth2(DecisionsProfile.TOKEN).when().get("/api/v1/decisions/" + decisionId)
                .then().statusCode(200).contentType(ContentType.JSON).extract().jsonPath();
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

    @Test
    void eachBatchItemWithAResultHasItsOwnRecord() {
        String lead = unique("batch");
        String body = "[" + profile(lead + "-0") + ",{\"entityType\":\"NOPE\"}," + profile(lead + "-2") + "]";
        JsonPath items = given().contentType(ContentType.JSON).body(body).when().post("/api/v1/recommendations/batch")
                .then().statusCode(200).extract().jsonPath();
        assertThat(items.getString("[1].result")).isNull();
        for (int index : new int[] { 0, 2 }) {
            String decisionId = items.getString("[" + index + "].result.decisionId");
            assertThat(decisionId).matches(UUID_V7);
            JsonPath record = record(decisionId);
            assertThat(record.getString("channel")).isEqualTo("BATCH");
            assertThat(record.getString("externalId")).isEqualTo(lead + "-" + index);
        }
        assertThat(items.getString("[0].result.decisionId")).isNotEqualTo(items.getString("[2].result.decisionId"));
    }

    @Test
    void theEmbedPageIsItsOwnChannelAndAnUnknownChannelIsRefused() {
        String decisionId = given().contentType(ContentType.JSON).header("Advisor-Channel", "EMBED")
                .body(profile(unique("embed"))).when().post("/api/v1/recommendations")
                .then().statusCode(200).extract().path("decisionId");
        assertThat(record(decisionId).getString("channel")).isEqualTo("EMBED");
        given().contentType(ContentType.JSON).header("Advisor-Channel", "FAX").body(profile(unique("fax")))
                .when().post("/api/v1/recommendations").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void contextAndConsentAreStoredAsSent() {
        String body = """
                {"entityType":"INDIVIDUAL","wantsPayment":false,"offlinePresence":"NONE","contentCadence":"WEEKLY",
                 "externalId":"%s",
                 "context":{"pageUri":"https://www.agency.example/wechat?utm_source=newsletter","referrer":"https://search.example/",
                            "utm":{"source":"newsletter","medium":"email","campaign":"spring","term":"mini program","content":"top"}},
                 "consent":{"processing":true,"marketing":false,"text":"I agree that my answers are kept.",
                            "pipl":{"separateConsent":true,"crossBorder":false}}}""".formatted(unique("consent"));
        String decisionId = answer(body).then().statusCode(200).extract().path("decisionId");
        JsonPath record = record(decisionId);
        assertThat(record.getString("context.pageUri")).isEqualTo("https://www.agency.example/wechat?utm_source=newsletter");
        assertThat(record.getString("context.referrer")).isEqualTo("https://search.example/");
        assertThat(record.getMap("context.utm")).containsEntry("source", "newsletter").containsEntry("medium", "email")
                .containsEntry("campaign", "spring").containsEntry("term", "mini program").containsEntry("content", "top");
        assertThat(record.getBoolean("consent.processing")).isTrue();
        assertThat(record.getBoolean("consent.marketing")).isFalse();
        assertThat(record.getString("consent.text")).isEqualTo("I agree that my answers are kept.");
        assertThat(record.getBoolean("consent.pipl.separateConsent")).isTrue();
        assertThat(record.getBoolean("consent.pipl.crossBorder")).isFalse();
    }

    @Test
    void contextAndConsentAreValidatedLikeEveryField() {
        String base = "{\"entityType\":\"INDIVIDUAL\",\"wantsPayment\":false,\"offlinePresence\":\"NONE\","
                + "\"contentCadence\":\"WEEKLY\",";
        answer(base + "\"context\":{\"pageUri\":\"javascript:alert(1)\"}}").then().statusCode(400)
                .body("errors[0].field", equalTo("context.pageUri"));
        answer(base + "\"context\":{\"utm\":{\"source\":\"" + "x".repeat(257) + "\"}}}").then().statusCode(400)
                .body("errors[0].field", equalTo("context.utm.source"));
        answer(base + "\"consent\":{\"processing\":\"yes\"}}").then().statusCode(400)
                .body("errors[0].field", equalTo("consent.processing"));
        answer(base + "\"consent\":{\"pipl\":{\"crossborder\":true}}}").then().statusCode(400)
                .body("errors[0].field", equalTo("consent.pipl.crossborder"));
        answer(base + "\"consent\":{\"text\":\"" + "x".repeat(4001) + "\"}}").then().statusCode(400)
                .body("errors[0].field", equalTo("consent.text"));
    }

    @Test
    void findsALeadsRecordsNewestFirstPageByPage() {
        String lead = unique("pages");
        java.util.List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(answer(profile(lead)).then().statusCode(200).extract().path("decisionId"));
        }
        java.util.Collections.reverse(ids);
        java.util.List<String> seen = new java.util.ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = admin().queryParam("externalId", lead).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.when().get("/api/v1/decisions").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("decisions.decisionId"));
            cursor = page.getString("next");
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(seen).isEqualTo(ids);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void filtersCombine() {
        String lead = unique("filters");
        answer(profile(lead)).then().statusCode(200);
        given().contentType(ContentType.JSON).header("Advisor-Channel", "EMBED").body(profile(lead))
                .when().post("/api/v1/recommendations").then().statusCode(200);
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        String tomorrow = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1).toString();
        admin().queryParam("externalId", lead).queryParam("channel", "EMBED").when().get("/api/v1/decisions")
                .then().statusCode(200).body("decisions.size()", equalTo(1)).body("decisions[0].channel", equalTo("EMBED"))
                .body("next", org.hamcrest.Matchers.nullValue());
        admin().queryParam("externalId", lead).queryParam("primary", "MINI_PROGRAM_ENTERPRISE")
                .queryParam("from", today).queryParam("to", tomorrow).when().get("/api/v1/decisions")
                .then().statusCode(200).body("decisions.size()", equalTo(2));
        admin().queryParam("externalId", lead).queryParam("primary", "MICRO_STORE").when().get("/api/v1/decisions")
                .then().statusCode(200).body("decisions.size()", equalTo(0));
        admin().queryParam("externalId", lead).queryParam("to", today).when().get("/api/v1/decisions")
                .then().statusCode(200).body("decisions.size()", equalTo(0));
    }

    @Test
    void badFiltersAre400() {
        admin().queryParam("limit", 501).when().get("/api/v1/decisions").then().statusCode(400)
                .contentType("application/problem+json").body("detail", equalTo("Invalid parameter: limit."),
                        "errors[0].field", equalTo("limit"),
                        "errors[0].message", equalTo("must be a whole number from 1 to 500"));
        admin().queryParam("from", "yesterday").when().get("/api/v1/decisions").then().statusCode(400)
                .body("errors[0].field", equalTo("from"), "errors[0].message",
                        equalTo("must be a date (2027-01-31) or a UTC time (2027-01-31T08:00:00Z)"));
        admin().queryParam("primary", "FAX").when().get("/api/v1/decisions").then().statusCode(400)
                .body("errors[0].field", equalTo("primary"),
                        "errors[0].message", startsWith("\"FAX\" is not allowed; use one of: SUBSCRIPTION_ACCOUNT, "));
        admin().queryParam("cursor", "x").when().get("/api/v1/decisions").then().statusCode(400)
                .body("detail", equalTo("Invalid parameter: cursor."), "errors[0].field", equalTo("cursor"),
                        "errors[0].message", equalTo("is not a decision id"));
        given().when().get("/api/v1/decisions").then().statusCode(401);
    }

    @Test
    void exportsNdjsonAndCsv() {
        String lead = unique("=export");
        String first = answer(profile(lead)).then().statusCode(200).extract().path("decisionId");
        String from = java.time.Instant.now().minusSeconds(60).toString();
        String ndjson = admin().accept("application/x-ndjson").queryParam("from", from)
                .when().get("/api/v1/decisions/export").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("application/x-ndjson")).extract().asString();
        java.util.List<String> lines = ndjson.lines().toList();
        assertThat(lines).anySatisfy(line -> assertThat(JsonPath.from(line).getString("decisionId")).isEqualTo(first));
        lines.forEach(line -> assertThat(JsonPath.from(line).getString("decisionId")).matches(UUID_V7));
        String csv = admin().accept("text/csv").queryParam("from", from).when().get("/api/v1/decisions/export")
                .then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv")).extract().asString();
        java.util.List<String> rows = csv.lines().toList();
        assertThat(rows.get(0)).startsWith("decisionId,decidedAt,tenant,channel,externalId,");
        assertThat(rows).anySatisfy(row -> assertThat(row).startsWith(first + ",").contains(",default,API,'" + lead + ",")
                .contains("MINI_PROGRAM_ENTERPRISE:"));
        assertThat(rows).hasSize(lines.size() + 1);
        given().accept("text/csv").when().get("/api/v1/decisions/export").then().statusCode(401);
    }

    @Test
    void erasesALeadsRecordsAndSaysHowMany() {
        String lead = unique("erase");
        String other = unique("keep");
        String one = answer(profile(lead)).then().statusCode(200).extract().path("decisionId");
        answer(profile(lead)).then().statusCode(200);
        String kept = answer(profile(other)).then().statusCode(200).extract().path("decisionId");
        given().queryParam("externalId", lead).when().delete("/api/v1/decisions").then().statusCode(401);
        admin().queryParam("externalId", lead).when().delete("/api/v1/decisions").then().statusCode(200)
                .body("externalId", equalTo(lead)).body("erased", equalTo(2));
        admin().when().get("/api/v1/decisions/" + one).then().statusCode(404);
        record(kept);
        admin().queryParam("externalId", lead).when().delete("/api/v1/decisions").then().statusCode(200)
                .body("erased", equalTo(0));
        admin().when().delete("/api/v1/decisions").then().statusCode(400).body("errors[0].field", equalTo("externalId"));
    }

    @Inject
    DecisionWriter writer;

    @Inject
    RetentionPurge retention;

    @Test
    void recordsPastRetentionArePurged() throws Exception {
        String fresh = answer(profile(unique("fresh"))).then().statusCode(200).extract().path("decisionId");
        java.time.Instant old = java.time.Instant.now().minus(java.time.Duration.ofDays(366));
        UUID oldId = DecisionIds.floor(old); // next() never goes back in time
        writer.write(java.util.List.of(new DecisionRow(oldId, "default", DecisionIds.instantOf(oldId), "API", "old-lead",
                "MICRO_STORE", "test", "{\"decisionId\":\"" + oldId + "\"}")), null).get();
        record(oldId.toString());
        assertThat(retention.purge()).isGreaterThanOrEqualTo(1);
        admin().when().get("/api/v1/decisions/" + oldId).then().statusCode(404);
        record(fresh);
    }
}
