package io.wechatadvisor.insight.api;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * Decisions made through the public API, as a lead's browser or an agency's CRM makes them, and a
 * tally of what they answered: what the analytics must then count.
 */
public final class InsightSeed {

    /** Profiles with different entity types, primaries and unmet needs (see the worked examples). */
    static final List<String> PROFILES = List.of(
            """
            {"entityType":"ENTERPRISE","wantsPayment":true,"offlinePresence":"MULTIPLE_LOCATIONS",
             "contentCadence":"WEEKLY","goals":["SELL_PRODUCTS"],"needsProactivePush":true}""",
            """
            {"entityType":"INDIVIDUAL","wantsPayment":true,"offlinePresence":"SINGLE_LOCATION",
             "contentCadence":"NONE","goals":["SELL_PRODUCTS"]}""",
            """
            {"entityType":"MEDIA","wantsPayment":true,"offlinePresence":"NONE","contentCadence":"DAILY",
             "goals":["PUBLISH_CONTENT","SELL_PRODUCTS"],"industry":"MEDIA_PUBLISHING"}""",
            """
            {"entityType":"GOVERNMENT","wantsPayment":false,"offlinePresence":"NONE","contentCadence":"WEEKLY",
             "goals":["PUBLISH_CONTENT"]}""");

    /** What the seeded decisions must add up to. */
    public record Tally(int total, Map<String, Integer> byPrimary, Map<String, Integer> entityTypes,
            Map<String, Integer> unmetNeeds, Map<String, Integer> channels, String utmSource, int withUtm,
            List<String> rulesVersions) {
    }

    private InsightSeed() {
    }

    /** {@link #seed(int, String)} without a key: the decisions of the tenant {@code default}. */
    public static Tally seed(int rounds) {
        return seed(rounds, null);
    }

    /**
     * Makes {@code rounds} × 4 decisions on the API channel (every other one with a fresh utm_source)
     * and one batch of 4, with a tenant's key (or none), and tallies them.
     */
    public static Tally seed(int rounds, String key) {
        String source = "campaign-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Integer> byPrimary = new TreeMap<>();
        Map<String, Integer> entityTypes = new TreeMap<>();
        Map<String, Integer> unmet = new TreeMap<>();
        Map<String, Integer> channels = new TreeMap<>();
        List<String> versions = new ArrayList<>();
        int total = 0;
        int withUtm = 0;
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < PROFILES.size(); i++) {
                String profile = PROFILES.get(i);
                boolean utm = (round + i) % 2 == 0;
                String body = utm ? profile.replaceFirst("\\}$",
                        ",\"context\":{\"utm\":{\"source\":\"" + source + "\",\"medium\":\"email\"}}}") : profile;
                JsonPath answer = as(key).contentType(ContentType.JSON).body(body).when()
                        .post("/api/v1/recommendations").then().statusCode(200).extract().jsonPath();
                count(answer, "", profile, byPrimary, entityTypes, unmet, versions);
                channels.merge("API", 1, Integer::sum);
                total++;
                withUtm += utm ? 1 : 0;
            }
        }
        JsonPath batch = as(key).contentType(ContentType.JSON).body("[" + String.join(",", PROFILES) + "]").when()
                .post("/api/v1/recommendations/batch").then().statusCode(200).extract().jsonPath();
        for (int i = 0; i < PROFILES.size(); i++) {
            count(batch, "[" + i + "].result.", PROFILES.get(i), byPrimary, entityTypes, unmet, versions);
            channels.merge("BATCH", 1, Integer::sum);
            total++;
        }
        return new Tally(total, byPrimary, entityTypes, unmet, channels, source, withUtm, versions);
    }

    private static RequestSpecification as(String key) {
        return key == null ? given() : given().auth().oauth2(key);
    }

    private static void count(JsonPath answer, String prefix, String profile, Map<String, Integer> byPrimary,
            Map<String, Integer> entityTypes, Map<String, Integer> unmet, List<String> versions) {
        byPrimary.merge(answer.getString(prefix + "plan.primary"), 1, Integer::sum);
        entityTypes.merge(JsonPath.from(profile).getString("entityType"), 1, Integer::sum);
        for (String need : answer.<String>getList(prefix + "plan.unmetNeeds.need")) {
            unmet.merge(need, 1, Integer::sum);
        }
        String version = answer.getString(prefix + "rulesVersion");
        if (!versions.contains(version)) {
            versions.add(version);
        }
    }
}
