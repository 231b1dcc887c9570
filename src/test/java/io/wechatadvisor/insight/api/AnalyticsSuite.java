package io.wechatadvisor.insight.api;

import static io.restassured.RestAssured.given;
import static io.wechatadvisor.decisions.api.Leads.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.wechatadvisor.decisions.api.DecisionsProfile;
import io.wechatadvisor.decisions.api.Leads;

/**
 * GET /api/v1/analytics counts exactly the decisions made through the API. Runs on the embedded
 * database and on PostgreSQL (the subclasses). Other test classes may share the database, so every
 * count is checked as the difference the seeded decisions make, and every breakdown against total.
 */
abstract class AnalyticsSuite {

    /** A period around now: the seeded decisions fall in it, whatever the time of day. */
    static final String FROM = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
    static final String TO = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();

    static JsonPath analytics(String from, String to) {
        return analytics(DecisionsProfile.TOKEN, from, to, null);
    }

    /** The analytics as a key (the admin token or a tenant key) sees them, of one tenant if named. */
    static JsonPath analytics(String key, String from, String to, String tenant) {
        var request = given().auth().oauth2(key).queryParam("from", from).queryParam("to", to);
        if (tenant != null) {
            request.queryParam("tenant", tenant);
        }
        return request.when().get("/api/v1/analytics").then().statusCode(200).contentType(ContentType.JSON)
                .extract().jsonPath();
    }

    @Test
    void theSeededDecisionsAreCountedExactly() {
        JsonPath before = analytics(FROM, TO);
        InsightSeed.Tally seeded = InsightSeed.seed(2);
        JsonPath after = analytics(FROM, TO);

        assertThat(after.getLong("total") - before.getLong("total")).isEqualTo(seeded.total());
        assertThat(difference(before, after, "byPrimary")).isEqualTo(seeded.byPrimary());
        assertThat(difference(before, after, "entityTypes")).isEqualTo(seeded.entityTypes());
        assertThat(difference(before, after, "channels")).isEqualTo(seeded.channels());
        assertThat(seeded.unmetNeeds()).as("the seed has unmet needs to count").isNotEmpty();
        assertThat(difference(needs(before), needs(after))).isEqualTo(seeded.unmetNeeds());
        // The campaign is new: its count is exactly the seeded one.
        assertThat(after.getList("utmSources.top.findAll { it.source == '" + seeded.utmSource() + "' }.count"))
                .containsExactly(seeded.withUtm());
        assertThat(after.<String>getList("rulesVersions.rulesVersion")).containsAll(seeded.rulesVersions());
        everyBreakdownAddsUpToTotal(after);
    }

    @Test
    void aTenantKeyCountsItsOwnDecisionsOnlyAndTheAdminCountsEveryTenant() {
        String acme = unique("acme");
        String globex = unique("globex");
        String acmeKey = Leads.tenantKey(acme, "Agency " + acme);
        String globexKey = Leads.tenantKey(globex, "Agency " + globex);
        JsonPath everyBefore = analytics(FROM, TO);
        InsightSeed.Tally acmeSeeded = InsightSeed.seed(1, acmeKey);
        InsightSeed.Tally globexSeeded = InsightSeed.seed(2, globexKey);

        // The tenants are new: a tenant's numbers are exactly its seeded decisions, nobody else's.
        JsonPath own = analytics(acmeKey, FROM, TO, null);
        assertThat(own.getMap("scope")).isEqualTo(Map.of("allTenants", false, "tenant", acme, "name",
                "Agency " + acme));
        assertThat(own.getLong("total")).isEqualTo(acmeSeeded.total());
        assertThat(difference(null, own.getMap("byPrimary"))).isEqualTo(acmeSeeded.byPrimary());
        assertThat(difference(null, own.getMap("entityTypes"))).isEqualTo(acmeSeeded.entityTypes());
        assertThat(difference(null, own.getMap("channels"))).isEqualTo(acmeSeeded.channels());
        assertThat(needs(own)).isEqualTo(acmeSeeded.unmetNeeds());
        assertThat(own.<String>getList("utmSources.top.source")).containsExactly(acmeSeeded.utmSource());
        everyBreakdownAddsUpToTotal(own);
        assertThat(analytics(globexKey, FROM, TO, null).getLong("total")).isEqualTo(globexSeeded.total());

        // The admin naming a tenant sees what that tenant sees; without a name, every tenant.
        assertThat(analytics(DecisionsProfile.TOKEN, FROM, TO, acme).getMap("")).isEqualTo(own.getMap(""));
        JsonPath every = analytics(FROM, TO);
        assertThat(every.getBoolean("scope.allTenants")).isTrue();
        assertThat(every.getString("scope.tenant")).isNull();
        assertThat(every.getLong("total") - everyBefore.getLong("total"))
                .isEqualTo(acmeSeeded.total() + globexSeeded.total());
        assertThat(every.<String>getList("utmSources.top.source"))
                .contains(acmeSeeded.utmSource(), globexSeeded.utmSource());
    }

    @Test
    void aTenantKeyCannotWidenToAnotherTenant() {
        String acme = unique("acme");
        String acmeKey = Leads.tenantKey(acme, "Agency " + acme);
        String globex = unique("globex");
        Leads.tenantKey(globex, "Agency " + globex);

        for (String other : List.of(globex, "default", "nobody")) {
            given().auth().oauth2(acmeKey).queryParam("tenant", other).when().get("/api/v1/analytics").then()
                    .statusCode(403).contentType("application/problem+json")
                    .body("type", equalTo("https://wechat-advisor.io/problems/other-tenant"));
        }
        assertThat(analytics(acmeKey, FROM, TO, acme).getString("scope.tenant")).isEqualTo(acme);
        given().auth().oauth2(DecisionsProfile.TOKEN).queryParam("tenant", "nobody").when().get("/api/v1/analytics")
                .then().statusCode(404).contentType("application/problem+json");
        assertThat(analytics(DecisionsProfile.TOKEN, FROM, TO, "default").getMap("scope"))
                .isEqualTo(Map.of("allTenants", false, "tenant", "default", "name", "default"));
        given().auth().oauth2("wak_000000000000_" + "A".repeat(43)).when().get("/api/v1/analytics").then()
                .statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
    }

    @Test
    void everyDayOfThePeriodIsListedAndTodayHoldsTheSeededDecisions() {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        String weekAgo = LocalDate.now(ZoneOffset.UTC).minusDays(6).toString();
        JsonPath before = analytics(weekAgo, tomorrow);
        InsightSeed.Tally seeded = InsightSeed.seed(1);
        JsonPath after = analytics(weekAgo, tomorrow);

        assertThat(after.<String>getList("perDay.day")).hasSize(7).startsWith(weekAgo).endsWith(today);
        Map<String, Integer> todayBefore = before.getMap("perDay.find { it.day == '" + today + "' }.byPrimary");
        Map<String, Integer> todayAfter = after.getMap("perDay.find { it.day == '" + today + "' }.byPrimary");
        assertThat(difference(todayBefore, todayAfter)).isEqualTo(seeded.byPrimary());
        assertThat(after.getInt("perDay.find { it.day == '" + today + "' }.byRulesVersion."
                + "'" + seeded.rulesVersions().get(0) + "'")).isGreaterThanOrEqualTo(seeded.total());
        everyBreakdownAddsUpToTotal(after);
    }

    @Test
    void aPeriodWithoutDecisionsIsAllZeros() {
        JsonPath empty = analytics("2001-01-01", "2001-01-08");
        assertThat(empty.getLong("total")).isZero();
        assertThat(empty.getMap("byPrimary").values()).containsOnly(0);
        assertThat(empty.getList("perDay.total")).hasSize(7).containsOnly(0);
        assertThat(empty.getList("unmetNeeds")).isEmpty();
        assertThat(empty.getList("rulesVersions")).isEmpty();
        assertThat(empty.getMap("").containsKey("deliveries")).as("no webhooks yet: no deliveries block").isFalse();
    }

    @Test
    void withoutAPeriodTheLastThirtyDaysAreCounted() {
        JsonPath answer = given().auth().oauth2(DecisionsProfile.TOKEN).when().get("/api/v1/analytics").then()
                .statusCode(200).extract().jsonPath();
        Instant from = Instant.parse(answer.getString("period.from"));
        Instant to = Instant.parse(answer.getString("period.to"));
        assertThat(ChronoUnit.DAYS.between(from, to)).isEqualTo(30);
        assertThat(to).isBetween(Instant.now().minusSeconds(60), Instant.now());
    }

    @Test
    void theAdminTokenIsRequired() {
        given().when().get("/api/v1/analytics").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2("wrong").when().get("/api/v1/analytics").then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void aBadPeriodIs400() {
        badPeriod("2027-02-01", "2027-01-01", "from");
        badPeriod("2027-01-01", "2027-01-01", "from");
        badPeriod("2026-01-01", "2027-01-03", "to");
        badPeriod("yesterday", null, "from");
        badPeriod(null, "2027-13-01", "to");
        // 366 days is the most: a leap year fits.
        analytics("2028-01-01", "2029-01-01");
    }

    private static void badPeriod(String from, String to, String field) {
        var request = given().auth().oauth2(DecisionsProfile.TOKEN);
        if (from != null) {
            request.queryParam("from", from);
        }
        if (to != null) {
            request.queryParam("to", to);
        }
        request.when().get("/api/v1/analytics").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo(field));
    }

    static void everyBreakdownAddsUpToTotal(JsonPath analytics) {
        long total = analytics.getLong("total");
        for (String breakdown : List.of("byPrimary", "entityTypes", "channels")) {
            assertThat(analytics.getMap(breakdown, String.class, Long.class).values().stream()
                    .mapToLong(Long::longValue).sum()).as(breakdown).isEqualTo(total);
        }
        assertThat(analytics.getList("perDay.total", Long.class).stream().mapToLong(Long::longValue).sum())
                .as("perDay").isEqualTo(total);
        assertThat(analytics.getList("utmSources.top.count", Long.class).stream().mapToLong(Long::longValue).sum()
                + analytics.getLong("utmSources.others") + analytics.getLong("utmSources.none")).as("utmSources")
                .isEqualTo(total);
        assertThat(analytics.getList("rulesVersions.count", Long.class).stream().mapToLong(Long::longValue).sum())
                .as("rulesVersions").isEqualTo(total);
    }

    private static Map<String, Integer> needs(JsonPath analytics) {
        Map<String, Integer> needs = new HashMap<>();
        for (Map<String, Object> entry : analytics.<Map<String, Object>>getList("unmetNeeds")) {
            needs.put((String) entry.get("need"), ((Number) entry.get("count")).intValue());
        }
        return needs;
    }

    private static Map<String, Integer> difference(JsonPath before, JsonPath after, String path) {
        return difference(before.getMap(path), after.getMap(path));
    }

    /** after − before, without the zero entries. */
    static Map<String, Integer> difference(Map<String, Integer> before, Map<String, Integer> after) {
        Map<String, Integer> difference = new java.util.TreeMap<>();
        after.forEach((key, count) -> {
            int change = count - (before == null ? 0 : before.getOrDefault(key, 0));
            if (change != 0) {
                difference.put(key, change);
            }
        });
        return difference;
    }
}
