package io.wechatadvisor.tenants.api;

import static io.restassured.RestAssured.given;
import static io.wechatadvisor.decisions.api.Leads.admin;
import static io.wechatadvisor.decisions.api.Leads.profile;
import static io.wechatadvisor.decisions.api.Leads.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.wechatadvisor.embed.CrossOrigin;

/**
 * Tenants, their keys, their limits and Idempotency-Key, against a real database: runs on the
 * embedded one and on PostgreSQL (see the subclasses).
 */
abstract class TenantsSuite {

    /** Creates a tenant; answers its first key. */
    static JsonPath create(String id, String extra) {
        return admin().contentType(ContentType.JSON).body("{\"id\":\"" + id + "\",\"name\":\"Agency " + id + "\"" + extra + "}")
                .when().post("/api/v1/tenants").then().statusCode(201).extract().jsonPath();
    }

    static String key(String id) {
        return create(id, "").getString("apiKey");
    }

    static Response answer(String key, String body) {
        RequestSpecification request = given().contentType(ContentType.JSON).body(body);
        if (key != null) {
            request.auth().oauth2(key);
        }
        return request.when().post("/api/v1/recommendations");
    }

    static String decision(String key, String externalId) {
        return answer(key, profile(externalId)).then().statusCode(200).extract().path("decisionId");
    }

    @Test
    void aTenantIsCreatedWithAKeyShownOnceAndListedWithoutSecrets() {
        String id = unique("acme");
        JsonPath created = admin().contentType(ContentType.JSON)
                .body("{\"id\":\"" + id + "\",\"name\":\"ACME\",\"allowedOrigins\":[\"https://www.acme.example\"],"
                        + "\"rateLimitPerMinute\":120}")
                .when().post("/api/v1/tenants").then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/tenants/" + id))
                .body("apiKey", matchesPattern("wak_[0-9a-f]{12}_[A-Za-z0-9_-]{43}"))
                .extract().jsonPath();
        String key = created.getString("apiKey");
        String listed = admin().when().get("/api/v1/tenants").then().statusCode(200).extract().asString();
        assertThat(listed).contains("\"" + id + "\"").doesNotContain(key).doesNotContain("apiKey")
                .doesNotContain("hash");
        admin().when().get("/api/v1/tenants/" + id).then().statusCode(200)
                .body("name", equalTo("ACME")).body("allowedOrigins", equalTo(List.of("https://www.acme.example")))
                .body("rateLimitPerMinute", equalTo(120)).body("keys.size()", equalTo(1))
                .body("keys[0].keyId", equalTo(created.getString("keyId"))).body("keys[0].valid", equalTo(true))
                .body(not(containsString(key)));
    }

    @Test
    void tenantAdministrationNeedsTheAdminTokenAndValidInput() {
        String id = unique("guarded");
        String key = key(id);
        given().when().get("/api/v1/tenants").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(key).when().get("/api/v1/tenants/" + id).then().statusCode(401);
        given().auth().oauth2(key).when().post("/api/v1/tenants/" + id + "/keys").then().statusCode(401);
        admin().contentType(ContentType.JSON).body("{\"id\":\"" + id + "\"}").when().post("/api/v1/tenants")
                .then().statusCode(409).contentType("application/problem+json");
        admin().contentType(ContentType.JSON)
                .body("{\"id\":\"Not An Id\",\"allowedOrigins\":[\"https://ok.example\",\"https://x.example/path\"],"
                        + "\"rateLimitPerMinute\":0}")
                .when().post("/api/v1/tenants").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("id", "allowedOrigins[1]", "rateLimitPerMinute")));
        admin().contentType(ContentType.JSON).body("{\"id\":\"default\"}").when().post("/api/v1/tenants")
                .then().statusCode(400);
        admin().when().get("/api/v1/tenants/nobody").then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("No tenant \"nobody\"."));
        // Every endpoint that names a tenant words a missing one the same way.
        admin().when().get("/api/v1/tenants/nobody/webhooks").then().statusCode(404)
                .body("detail", equalTo("No tenant \"nobody\"."));
        admin().queryParam("tenant", "nobody").when().get("/api/v1/analytics").then().statusCode(404)
                .body("detail", equalTo("No tenant \"nobody\"."));
    }

    @Test
    void aTenantSeesOnlyItsOwnDecisionsAndTheAdminSeesAll() {
        String acme = key(unique("acme"));
        String globex = key(unique("globex"));
        String lead = unique("lead");
        String acmeDecision = decision(acme, lead);
        String globexDecision = decision(globex, lead);
        String defaultDecision = decision(null, lead);

        given().auth().oauth2(acme).when().get("/api/v1/decisions/" + acmeDecision).then().statusCode(200)
                .body("tenant", matchesPattern("acme-.*"));
        given().auth().oauth2(acme).when().get("/api/v1/decisions/" + globexDecision).then().statusCode(404);
        given().auth().oauth2(acme).when().get("/api/v1/decisions/" + defaultDecision).then().statusCode(404);
        given().auth().oauth2(acme).queryParam("externalId", lead).when().get("/api/v1/decisions").then()
                .statusCode(200).body("decisions.decisionId", equalTo(List.of(acmeDecision)));
        admin().queryParam("externalId", lead).when().get("/api/v1/decisions").then().statusCode(200)
                .body("decisions.decisionId", equalTo(List.of(defaultDecision, globexDecision, acmeDecision)));
        String export = given().auth().oauth2(globex).accept("application/x-ndjson").when()
                .get("/api/v1/decisions/export").then().statusCode(200).extract().asString();
        assertThat(export.lines().toList()).hasSize(1).allSatisfy(line -> assertThat(JsonPath.from(line)
                .getString("decisionId")).isEqualTo(globexDecision));

        given().auth().oauth2(acme).queryParam("externalId", lead).when().delete("/api/v1/decisions").then()
                .statusCode(200).body("erased", equalTo(1));
        admin().queryParam("externalId", lead).when().get("/api/v1/decisions").then().statusCode(200)
                .body("decisions.decisionId", equalTo(List.of(defaultDecision, globexDecision)));
    }

    @Test
    void aRotatedKeyWorksForTheGracePeriodAndARevokedOneIs401() {
        String id = unique("rotating");
        JsonPath first = create(id, "");
        String oldKey = first.getString("apiKey");
        JsonPath rotated = admin().when().post("/api/v1/tenants/" + id + "/keys").then().statusCode(201)
                .extract().jsonPath();
        String newKey = rotated.getString("apiKey");
        assertThat(newKey).isNotEqualTo(oldKey).startsWith("wak_");
        decision(newKey, unique("new"));
        decision(oldKey, unique("old"));
        JsonPath tenant = admin().when().get("/api/v1/tenants/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(tenant.getString("keys[0].keyId")).isEqualTo(first.getString("keyId"));
        java.time.Instant graceEnd = java.time.Instant.parse(tenant.getString("keys[0].expiresAt"));
        assertThat(graceEnd).isBetween(java.time.Instant.now().plus(java.time.Duration.ofHours(23)),
                java.time.Instant.now().plus(java.time.Duration.ofHours(25)));
        assertThat(tenant.getString("keys[1].expiresAt")).isNull();

        admin().when().delete("/api/v1/tenants/" + id + "/keys/" + first.getString("keyId")).then().statusCode(204);
        answer(oldKey, profile(unique("revoked"))).then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(oldKey).when().get("/api/v1/decisions").then().statusCode(401);
        decision(newKey, unique("still"));
        admin().when().delete("/api/v1/tenants/" + id + "/keys/000000000000").then().statusCode(404);
    }

    @Test
    void aWrongKeyIs401() {
        answer("wak_000000000000_" + "A".repeat(43), profile(unique("wrong"))).then().statusCode(401)
                .contentType("application/problem+json").body("status", equalTo(401));
        answer("not-a-key", profile(unique("wrong"))).then().statusCode(401);
        String key = key(unique("tampered"));
        answer(key.substring(0, key.length() - 1) + (key.endsWith("A") ? "B" : "A"), profile(unique("wrong")))
                .then().statusCode(401);
    }

    @Test
    void overItsRateLimitATenantIs429WithTheRateLimitHeaders() {
        String key = create(unique("limited"), ",\"rateLimitPerMinute\":2").getString("apiKey");
        Response refused = null;
        // A minute boundary may reset the window once: within 2 windows the third call is refused.
        for (int call = 0; call < 5 && refused == null; call++) {
            Response response = answer(key, profile(unique("call")));
            if (response.statusCode() == 429) {
                refused = response;
            } else {
                assertThat(response.statusCode()).isEqualTo(200);
            }
        }
        assertThat(refused).as("a call over the limit is refused").isNotNull();
        refused.then().contentType("application/problem+json").body("status", equalTo(429))
                .header("Retry-After", matchesPattern("[1-9][0-9]?"))
                .header("RateLimit-Policy", equalTo("\"tenant\";q=2;w=60"))
                .header("RateLimit", matchesPattern("\"tenant\";r=0;t=[1-9][0-9]?"));
        assertThat(refused.header("RateLimit")).endsWith("t=" + refused.header("Retry-After"));
        // Another tenant is not affected.
        decision(key(unique("other")), unique("free"));
    }

    @Test
    void theSameIdempotencyKeyAndBodyReplaysTheAnswerWithoutANewRecord() {
        String key = key(unique("idem"));
        String lead = unique("retry");
        String idempotencyKey = UUID.randomUUID().toString();
        Response first = given().auth().oauth2(key).header("Idempotency-Key", idempotencyKey).contentType(ContentType.JSON)
                .body(profile(lead)).when().post("/api/v1/recommendations");
        first.then().statusCode(200).header("Idempotent-Replayed", org.hamcrest.Matchers.nullValue())
                .header("Decision-Id", notNullValue());
        String decisionId = first.jsonPath().getString("decisionId");
        assertThat(first.header("Decision-Id")).isEqualTo(decisionId);
        // The same body, formatted differently, is the same request.
        Response replay = given().auth().oauth2(key).header("Idempotency-Key", idempotencyKey).contentType(ContentType.JSON)
                .body(profile(lead).replace("\n", " ")).when().post("/api/v1/recommendations");
        replay.then().statusCode(200).contentType(ContentType.JSON).header("Idempotent-Replayed", equalTo("true"))
                .header("Decision-Id", equalTo(decisionId)).header("Content-Language", equalTo("en"))
                .body("decisionId", equalTo(decisionId));
        assertThat(replay.asString()).isEqualTo(first.asString());
        admin().queryParam("externalId", lead).when().get("/api/v1/decisions").then().statusCode(200)
                .body("decisions.size()", equalTo(1));

        given().auth().oauth2(key).header("Idempotency-Key", idempotencyKey).contentType(ContentType.JSON)
                .body(profile(unique("other"))).when().post("/api/v1/recommendations").then().statusCode(422)
                .contentType("application/problem+json").body("type", containsString("idempotency-key-reused"));
        // Keys are per tenant: another tenant's request with the same key is its own.
        String otherTenant = given().auth().oauth2(key(unique("idem2"))).header("Idempotency-Key", idempotencyKey)
                .contentType(ContentType.JSON).body(profile(lead)).when().post("/api/v1/recommendations").then()
                .statusCode(200).header("Idempotent-Replayed", org.hamcrest.Matchers.nullValue())
                .extract().path("decisionId");
        assertThat(otherTenant).isNotEqualTo(decisionId);
        given().header("Idempotency-Key", "k".repeat(256)).contentType(ContentType.JSON).body(profile(lead))
                .when().post("/api/v1/recommendations").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("Idempotency-Key"));
    }

    @Test
    void aBatchWithAnIdempotencyKeyIsAnsweredOnce() {
        String lead = unique("batch-retry");
        String body = "[" + profile(lead) + "," + profile(lead) + "]";
        String idempotencyKey = UUID.randomUUID().toString();
        JsonPath first = given().header("Idempotency-Key", idempotencyKey).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/recommendations/batch").then().statusCode(200).extract().jsonPath();
        JsonPath replay = given().header("Idempotency-Key", idempotencyKey).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/recommendations/batch").then().statusCode(200)
                .header("Idempotent-Replayed", equalTo("true")).extract().jsonPath();
        assertThat(replay.getList("result.decisionId")).isEqualTo(first.getList("result.decisionId")).hasSize(2);
        admin().queryParam("externalId", lead).when().get("/api/v1/decisions").then().statusCode(200)
                .body("decisions.size()", equalTo(2));
        given().header("Idempotency-Key", idempotencyKey).contentType(ContentType.JSON).body("[" + profile(lead) + "]")
                .when().post("/api/v1/recommendations/batch").then().statusCode(422);
    }

    @Test
    void theEmbedPageOfATenantIsFramedOnlyByItsOrigins() {
        String id = unique("framed");
        create(id, ",\"allowedOrigins\":[\"https://www.framed.example\",\"http://localhost:8081\"]");
        given().queryParam("tenant", id).when().get("/embed").then().statusCode(200)
                .header("Content-Security-Policy",
                        org.hamcrest.Matchers.endsWith("frame-ancestors https://www.framed.example http://localhost:8081"));
        given().when().get("/embed").then().statusCode(200)
                .header("Content-Security-Policy", org.hamcrest.Matchers.endsWith("frame-ancestors *"));
        String closed = unique("closed");
        create(closed, "");
        given().queryParam("tenant", closed).when().get("/embed").then().statusCode(200)
                .header("Content-Security-Policy", org.hamcrest.Matchers.endsWith("frame-ancestors 'none'"));
        given().queryParam("tenant", "nobody").when().get("/embed").then().statusCode(404)
                .body("detail", equalTo("No tenant \"nobody\"."));
    }

    @Test
    void aTenantsOriginMayCallFromTheBrowserForThatTenantOnly() {
        String id = unique("browser");
        String origin = "https://" + id + ".example";
        String key = create(id, ",\"allowedOrigins\":[\"" + origin + "\"]").getString("apiKey");
        given().header("Origin", origin).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,authorization,idempotency-key")
                .when().options("/api/v1/recommendations").then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(origin))
                .header("Access-Control-Allow-Headers", containsString("Idempotency-Key"));
        String decisionId = given().header("Origin", origin).auth().oauth2(key).contentType(ContentType.JSON)
                .body(profile(unique("cors"))).when().post("/api/v1/recommendations").then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(origin))
                .header("Access-Control-Expose-Headers", containsString("Decision-Id")).extract().path("decisionId");
        admin().when().get("/api/v1/decisions/" + decisionId).then().body("tenant", equalTo(id));
        given().header("Origin", origin).header("Advisor-Tenant", id).contentType(ContentType.JSON)
                .body(profile(unique("cors"))).when().post("/api/v1/recommendations").then().statusCode(200);
        // The origin is this tenant's, not another's, nor the tenant default's.
        given().header("Origin", origin).auth().oauth2(key(unique("elsewhere"))).contentType(ContentType.JSON)
                .body(profile(unique("cors"))).when().post("/api/v1/recommendations").then().statusCode(403)
                .contentType("application/problem+json");
        given().header("Origin", origin).contentType(ContentType.JSON).body(profile(unique("cors")))
                .when().post("/api/v1/recommendations").then().statusCode(403);
        // The internal header cannot be sent from outside.
        given().header(CrossOrigin.VERIFIED_ORIGIN, "https://evil.example").header("Advisor-Tenant", id)
                .contentType(ContentType.JSON).body(profile(unique("cors"))).when().post("/api/v1/recommendations")
                .then().statusCode(200);
    }

    @Test
    void theEmbedPagesCallsBelongToItsTenantFromItsOriginsOnly() {
        String id = unique("public");
        create(id, ",\"allowedOrigins\":[\"https://www.public.example\"]");
        String decisionId = given().header("Advisor-Tenant", id).header("Advisor-Channel", "EMBED")
                .contentType(ContentType.JSON)
                .body(profile(unique("embedded"))).when().post("/api/v1/recommendations").then().statusCode(200)
                .extract().path("decisionId");
        admin().when().get("/api/v1/decisions/" + decisionId).then().statusCode(200).body("tenant", equalTo(id));
        given().header("Advisor-Tenant", id).header("Origin", "https://evil.example").contentType(ContentType.JSON)
                .body(profile(unique("evil"))).when().post("/api/v1/recommendations").then().statusCode(403);
        given().header("Advisor-Tenant", "nobody").contentType(ContentType.JSON).body(profile(unique("nobody")))
                .when().post("/api/v1/recommendations").then().statusCode(401);
    }
}
