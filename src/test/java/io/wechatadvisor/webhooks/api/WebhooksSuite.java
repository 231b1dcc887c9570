package io.wechatadvisor.webhooks.api;

import static io.restassured.RestAssured.given;
import static io.wechatadvisor.decisions.api.Leads.admin;
import static io.wechatadvisor.decisions.api.Leads.tenantKey;
import static io.wechatadvisor.decisions.api.Leads.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.wechatadvisor.decisions.store.Database;
import io.wechatadvisor.decisions.store.DecisionWriter;
import io.wechatadvisor.webhooks.store.DeliveryStore;
import io.wechatadvisor.webhooks.Receiver;

/**
 * Signed webhooks against a real HTTP receiver and a real database: signatures checked byte for
 * byte, retries after failures, exactly one acknowledged delivery per event, 410 Gone, the refused
 * destinations, the delivery log and the retry endpoint. Runs on H2 and on PostgreSQL.
 */
abstract class WebhooksSuite {

    static Receiver receiver;

    @Inject
    Database database;

    @Inject
    DeliveryStore outbox;

    @Inject
    DecisionWriter writer;

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = new Receiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    static JsonPath register(String key, String tenant, String url, String channels) {
        return given().auth().oauth2(key).contentType(ContentType.JSON)
                .body("{\"url\":\"" + url + "\"" + (channels == null ? "" : ",\"channels\":" + channels) + "}")
                .when().post("/api/v1/tenants/" + tenant + "/webhooks").then().statusCode(201)
                .body("secret", matchesPattern("whsec_[A-Za-z0-9+/]{43}=")).extract().jsonPath();
    }

    static String decide(String key, String externalId, String language) {
        return answer(key, externalId, language).getString("decisionId");
    }

    static JsonPath answer(String key, String externalId, String language) {
        return given().auth().oauth2(key).contentType(ContentType.JSON).header("Accept-Language", language)
                .body("""
                        {"entityType":"ENTERPRISE","wantsPayment":true,"offlinePresence":"MULTIPLE_LOCATIONS",
                         "contentCadence":"DAILY","goals":["SELL_PRODUCTS"],"needsProactivePush":true,
                         "externalId":"%s","context":{"utm":{"source":"newsletter"}},
                         "consent":{"processing":true,"marketing":false}}""".formatted(externalId))
                .when().post("/api/v1/recommendations").then().statusCode(200).extract().jsonPath();
    }

    static List<Map<String, Object>> deliveries(String key, String tenant, String status) {
        RequestSpecification request = given().auth().oauth2(key);
        if (status != null) {
            request.queryParam("status", status);
        }
        return request.when().get("/api/v1/tenants/" + tenant + "/deliveries").then().statusCode(200).extract()
                .jsonPath().getList("$");
    }

    static boolean statusIs(String key, String tenant, String status, int count) {
        return deliveries(key, tenant, status).size() == count;
    }

    @Test
    void anEventIsSignedRetriedAfterTwoFailuresAndAcknowledgedOnce() throws Exception {
        String tenant = unique("acme");
        String key = tenantKey(tenant);
        String path = "/" + tenant;
        receiver.script(path, 500, 500, 200);
        String secret = register(key, tenant, receiver.url(path), "[\"API\"]").getString("secret");
        JsonPath answer = answer(key, "lead-1", "zh-CN");
        String decisionId = answer.getString("decisionId");

        assertThat(Receiver.await(20, () -> statusIs(key, tenant, "DELIVERED", 1))).isTrue();
        List<Receiver.Request> got = receiver.requests(path);
        assertThat(got).hasSize(3);
        assertThat(got).allSatisfy(r -> assertThat(r.signedWith(secret)).as("signature").isTrue());
        assertThat(got.stream().map(Receiver.Request::id).distinct().toList()).hasSize(1);
        assertThat(got.stream().map(Receiver.Request::text).distinct().toList()).hasSize(1);
        assertThat(got.stream().filter(r -> r.answered() / 100 == 2).count()).isEqualTo(1);
        assertThat(got.stream().map(Receiver.Request::answered).toList()).containsExactly(500, 500, 200);

        JsonPath event = JsonPath.from(got.get(0).text());
        assertThat(event.getString("type")).isEqualTo("recommendation.created");
        assertThat(event.getString("timestamp")).isNotBlank();
        assertThat(event.getString("data.decisionId")).isEqualTo(decisionId);
        assertThat(event.getString("data.externalId")).isEqualTo("lead-1");
        assertThat(event.getString("data.channel")).isEqualTo("API");
        assertThat(event.getString("data.plan.primary")).isEqualTo(event.getString("data.ranking[0].product"));
        assertThat(event.getString("data.attribution.utm.source")).isEqualTo("newsletter");
        assertThat(event.getBoolean("data.consent.processing")).isTrue();
        Map<String, Object> crm = event.getMap("data.crm");
        assertThat(crm.get("wechat_primary_product")).isEqualTo(event.getString("data.plan.primary"));
        assertThat(crm.get("wechat_primary_score")).isEqualTo(event.getInt("data.ranking[0].score"));
        assertThat(crm.get("wechat_primary_fit")).isEqualTo(event.getString("data.ranking[0].fit"));
        assertThat(crm.get("wechat_companions")).isEqualTo(event.getList("data.plan.companions.product").stream()
                .map(String::valueOf).collect(Collectors.joining(",")));
        assertThat(crm.get("wechat_rules_version")).isEqualTo(event.getString("data.rulesVersion"));
        assertThat(crm.get("wechat_decision_url"))
                .isEqualTo("https://advisor.agency.example/api/v1/decisions/" + decisionId);
        // The primary's reasons as the zh-CN answer worded them.
        assertThat(crm.get("wechat_reasons_text")).isEqualTo(String.join(" ",
                answer.getList("recommendations[0].reasons.text", String.class)));
        assertThat((String) crm.get("wechat_reasons_text")).matches("(?s).*\\p{IsHan}.*");
        assertThat(crm.get("wechat_unmet_needs")).isEqualTo(String.join(",",
                answer.getList("plan.unmetNeeds.need", String.class)));

        Map<String, Object> delivery = deliveries(key, tenant, "DELIVERED").get(0);
        assertThat(delivery.get("messageId")).isEqualTo(got.get(0).id());
        assertThat(delivery.get("decisionId")).isEqualTo(decisionId);
        List<Map<String, Object>> log = JsonPath.from(given().auth().oauth2(key).when()
                .get("/api/v1/tenants/" + tenant + "/deliveries").asString()).getList("[0].attemptLog");
        assertThat(log).extracting(a -> a.get("statusCode")).containsExactly(500, 500, 200);
        assertThat(log).extracting(a -> a.get("error")).containsExactly("HTTP 500", "HTTP 500", null);
        assertThat(log).allSatisfy(a -> assertThat(((Number) a.get("latencyMs")).longValue()).isNotNegative());
    }

    @Test
    void onlyTheListedChannelsMakeEvents() throws Exception {
        String tenant = unique("channels");
        String key = tenantKey(tenant);
        register(key, tenant, receiver.url("/" + tenant), "[\"EMBED\"]");
        decide(key, "api-lead", "en");
        given().auth().oauth2(key).contentType(ContentType.JSON).header("Advisor-Channel", "EMBED")
                .body("{\"entityType\":\"INDIVIDUAL\",\"wantsPayment\":false,\"offlinePresence\":\"NONE\","
                        + "\"contentCadence\":\"WEEKLY\",\"externalId\":\"embed-lead\"}")
                .when().post("/api/v1/recommendations").then().statusCode(200);
        assertThat(Receiver.await(20, () -> statusIs(key, tenant, "DELIVERED", 1))).isTrue();
        assertThat(receiver.requests("/" + tenant)).singleElement()
                .satisfies(r -> assertThat(JsonPath.from(r.text()).getString("data.externalId")).isEqualTo("embed-lead"));
        assertThat(deliveries(key, tenant, null)).hasSize(1);
    }

    @Test
    void theDeliveryLogListsTheEventOfADecisionAnsweredAMomentAgo() throws Exception {
        String tenant = unique("log");
        String key = tenantKey(tenant);
        register(key, tenant, receiver.url("/" + tenant), null);
        UUID decisionId = UUID.fromString(decide(key, "lead-now", "en"));
        // Straight after the answer (on the embedded database its record may be in the journal only).
        assertThat(outbox.list(tenant, null, 10)).singleElement()
                .satisfies(delivery -> assertThat(delivery.decisionId()).isEqualTo(decisionId));
    }

    @Test
    void goneDisablesTheEndpoint() throws Exception {
        String tenant = unique("gone");
        String key = tenantKey(tenant);
        String path = "/" + tenant;
        receiver.script(path, 410);
        String webhookId = register(key, tenant, receiver.url(path), null).getString("id");
        decide(key, "lead-gone", "en");
        assertThat(Receiver.await(20, () -> statusIs(key, tenant, "FAILED", 1))).isTrue();
        given().auth().oauth2(key).when().get("/api/v1/tenants/" + tenant + "/webhooks/" + webhookId).then()
                .statusCode(200).body("disabledAt", notNullValue()).body("disabledReason", equalTo(
                        "The endpoint answered 410 Gone."));
        decide(key, "lead-after", "en");
        assertThat(deliveries(key, tenant, null)).hasSize(1);
        assertThat(receiver.requests(path)).hasSize(1);
        String deliveryId = (String) deliveries(key, tenant, null).get(0).get("id");
        given().auth().oauth2(key).when().post("/api/v1/deliveries/" + deliveryId + "/retry").then().statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void anExhaustedDeliveryFailsAndTheRetryEndpointSendsItAgain() throws Exception {
        String tenant = unique("retry");
        String key = tenantKey(tenant);
        String path = "/" + tenant;
        receiver.script(path, 503, 503, 503);
        String secret = register(key, tenant, receiver.url(path), null).getString("secret");
        decide(key, "lead-retry", "en");
        assertThat(Receiver.await(20, () -> statusIs(key, tenant, "FAILED", 1))).isTrue();
        Map<String, Object> failed = deliveries(key, tenant, "FAILED").get(0);
        assertThat(failed.get("attempts")).isEqualTo(3);
        assertThat(failed.get("nextAttemptAt")).isNull();

        given().auth().oauth2(key).when().post("/api/v1/deliveries/" + failed.get("id") + "/retry").then()
                .statusCode(202).body("id", equalTo(failed.get("id")))
                // Due now: the worker may have sent it already.
                .body("status", anyOf(equalTo("RETRYING"), equalTo("DELIVERED")));
        assertThat(Receiver.await(20, () -> statusIs(key, tenant, "DELIVERED", 1))).isTrue();
        List<Receiver.Request> got = receiver.requests(path);
        assertThat(got).hasSize(4).allSatisfy(r -> assertThat(r.signedWith(secret)).isTrue());
        assertThat(got.stream().map(Receiver.Request::id).distinct()).hasSize(1);
        assertThat(deliveries(key, tenant, "DELIVERED").get(0).get("attempts")).isEqualTo(4);
    }

    @Test
    void aSlowEndpointDoesNotHoldBackAnother() throws Exception {
        String tenant = unique("slow");
        String key = tenantKey(tenant);
        CountDownLatch release = new CountDownLatch(1);
        receiver.hold("/" + tenant + "-slow", release);
        register(key, tenant, receiver.url("/" + tenant + "-slow"), null);
        register(key, tenant, receiver.url("/" + tenant + "-fast"), null);
        try {
            for (int i = 0; i < 8; i++) {
                decide(key, "lead-" + i, "en");
            }
            assertThat(Receiver.await(20, () -> receiver.requests("/" + tenant + "-fast").size() == 8))
                    .as("the fast endpoint got every event while the slow one answered none").isTrue();
            // The slow endpoint holds at most advisor.webhooks.max-in-flight-per-endpoint (4) attempts.
            assertThat(receiver.requests("/" + tenant + "-slow")).hasSizeBetween(1, 4);
        } finally {
            release.countDown();
        }
        assertThat(Receiver.await(30, () -> statusIs(key, tenant, "DELIVERED", 16))).isTrue();
    }

    @Test
    void aRotatedSecretSignsBesideTheNewOneAndSecretsAreShownOnce() throws Exception {
        String tenant = unique("rotate");
        String key = tenantKey(tenant);
        String path = "/" + tenant;
        JsonPath created = register(key, tenant, receiver.url(path), null);
        String old = created.getString("secret");
        String list = given().auth().oauth2(key).when().get("/api/v1/tenants/" + tenant + "/webhooks").then()
                .statusCode(200).body("[0].id", equalTo(created.getString("id"))).extract().asString();
        assertThat(list).doesNotContain(old).doesNotContain("secret\"");
        String fresh = given().auth().oauth2(key).when()
                .post("/api/v1/tenants/" + tenant + "/webhooks/" + created.getString("id") + "/rotate-secret").then()
                .statusCode(200).body("previousSecretUntil", notNullValue()).extract().path("secret");
        assertThat(fresh).startsWith("whsec_").isNotEqualTo(old);
        decide(key, "lead-rotate", "en");
        assertThat(Receiver.await(20, () -> receiver.requests(path).size() == 1)).isTrue();
        Receiver.Request request = receiver.requests(path).get(0);
        assertThat(request.signature().split(" ")).hasSize(2);
        assertThat(request.signedWith(fresh)).isTrue();
        assertThat(request.signedWith(old)).isTrue();
    }

    @Test
    void unsafeOrMalformedUrlsAreRefused() {
        String tenant = unique("ssrf");
        String key = tenantKey(tenant);
        Map<String, Integer> refused = Map.of(
                "http://example.com/hook", 400,
                "ftp://example.com/hook", 400,
                "https://user:pw@example.com/hook", 400,
                "not a url", 400,
                "https://localhost/hook", 422,
                "https://10.1.2.3/hook", 422,
                "https://169.254.169.254/latest/meta-data", 422,
                "https://[::1]/hook", 422,
                "https://[fd00::1]/hook", 422,
                "https://192.168.0.10/hook", 422);
        refused.forEach((url, status) -> given().auth().oauth2(key).contentType(ContentType.JSON)
                .body("{\"url\":\"" + url + "\"}").when().post("/api/v1/tenants/" + tenant + "/webhooks").then()
                .statusCode(status).contentType("application/problem+json").body("errors[0].field", equalTo("url")));
        given().auth().oauth2(key).contentType(ContentType.JSON)
                .body("{\"url\":\"https://crm.example/hook\",\"channels\":[\"PHONE\"]}").when()
                .post("/api/v1/tenants/" + tenant + "/webhooks").then().statusCode(400)
                .body("errors[0].field", equalTo("channels[0]"));
        given().auth().oauth2(key).when().get("/api/v1/tenants/" + tenant + "/webhooks").then().statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void theAnalyticsShowDeliveriesOnceTheTenantHasAnEndpointEvenWithoutEvents() {
        String acme = unique("acme");
        String acmeKey = tenantKey(acme);
        String globexKey = tenantKey(unique("globex"));
        register(acmeKey, acme, receiver.url("/" + acme), null);

        String emptyPeriod = "/api/v1/analytics?from=2001-01-01&to=2001-01-08";
        given().auth().oauth2(acmeKey).when().get(emptyPeriod).then().statusCode(200)
                .body("deliveries.delivered", equalTo(0), "deliveries.retrying", equalTo(0),
                        "deliveries.failed", equalTo(0));
        assertThat(given().auth().oauth2(globexKey).when().get(emptyPeriod).then().statusCode(200).extract()
                .jsonPath().getMap("")).as("no endpoint, no delivery: no deliveries block").doesNotContainKey("deliveries");
    }

    @Test
    void aTenantReachesOnlyItsOwnWebhooksAndDeliveries() throws Exception {
        String acme = unique("acme");
        String acmeKey = tenantKey(acme);
        String globexKey = tenantKey(unique("globex"));
        String webhookId = register(acmeKey, acme, receiver.url("/" + acme), null).getString("id");
        decide(acmeKey, "lead-own", "en");
        assertThat(Receiver.await(20, () -> statusIs(acmeKey, acme, "DELIVERED", 1))).isTrue();
        String deliveryId = (String) deliveries(acmeKey, acme, null).get(0).get("id");

        given().auth().oauth2(globexKey).when().get("/api/v1/tenants/" + acme + "/webhooks").then().statusCode(404);
        given().auth().oauth2(globexKey).when().get("/api/v1/tenants/" + acme + "/deliveries").then().statusCode(404);
        given().auth().oauth2(globexKey).when().delete("/api/v1/tenants/" + acme + "/webhooks/" + webhookId).then()
                .statusCode(404);
        given().auth().oauth2(globexKey).when().post("/api/v1/deliveries/" + deliveryId + "/retry").then()
                .statusCode(404);
        given().when().get("/api/v1/tenants/" + acme + "/webhooks").then().statusCode(401);
        admin().when().get("/api/v1/tenants/" + unique("nobody") + "/webhooks").then().statusCode(404)
                .contentType("application/problem+json");
        admin().when().get("/api/v1/tenants/default/webhooks").then().statusCode(200);
        admin().when().get("/api/v1/tenants/" + acme + "/deliveries").then().statusCode(200).body("size()", equalTo(1));
        given().auth().oauth2(acmeKey).queryParam("status", "LOST").when().get("/api/v1/tenants/" + acme + "/deliveries")
                .then().statusCode(400).body("detail", equalTo("Invalid parameter: status."), "errors[0].field",
                        equalTo("status"), "errors[0].message",
                        equalTo("\"LOST\" is not allowed; use one of: PENDING, RETRYING, DELIVERED, FAILED"));
        given().auth().oauth2(acmeKey).queryParam("limit", "501").when().get("/api/v1/tenants/" + acme + "/deliveries")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("limit"), "errors[0].message", equalTo("must be a whole number from 1 to 500"));
        given().auth().oauth2(acmeKey).when().post("/api/v1/deliveries/not-an-id/retry").then().statusCode(404);

        given().auth().oauth2(acmeKey).when().delete("/api/v1/tenants/" + acme + "/webhooks/" + webhookId).then()
                .statusCode(204);
        given().auth().oauth2(acmeKey).when().get("/api/v1/tenants/" + acme + "/deliveries").then().statusCode(200)
                .body("size()", equalTo(0));
        given().auth().oauth2(acmeKey).when().get("/api/v1/tenants/" + acme + "/webhooks/" + webhookId).then()
                .statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aRowAnotherReplicaHoldsIsSkippedNotSentTwice() throws Exception {
        String tenant = unique("replicas");
        String key = tenantKey(tenant);
        // An endpoint for EMBED only: the API decisions below make no events of their own.
        String webhookId = register(key, tenant, receiver.url("/" + tenant), "[\"EMBED\"]").getString("id");
        UUID first = UUID.fromString(decide(key, "replica-1", "en"));
        UUID second = UUID.fromString(decide(key, "replica-2", "en"));
        // Rows due in an hour, so this replica's own worker leaves them alone.
        Instant later = Instant.now().plusSeconds(3600);
        UUID held = UUID.randomUUID();
        UUID free = UUID.randomUUID();
        writer.awaitStored(); // on the embedded database the decisions may still be in the journal only
        try (Connection connection = database.dataSource().getConnection()) {
            DeliveryStore.insert(connection, List.of(
                    new DeliveryStore.NewDelivery(held, webhookId, tenant, first, "{}", later),
                    new DeliveryStore.NewDelivery(free, webhookId, tenant, second, "{}", later)));
        }
        Instant due = later.plusSeconds(60);
        try (Connection other = database.dataSource().getConnection()) {
            // "Another replica" is sending the first row: it holds its lock.
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement(
                    "SELECT delivery_id FROM webhook_delivery WHERE delivery_id = ? FOR UPDATE")) {
                lock.setObject(1, held);
                lock.executeQuery().close();
            }
            List<DeliveryStore.Claimed> claimed = outbox.claim(due, 100, due.plusSeconds(30), Set.of(),
                    webhookId::equals);
            assertThat(claimed).extracting(DeliveryStore.Claimed::id).containsExactly(free);
            other.commit();
        }
        List<DeliveryStore.Claimed> rest = outbox.claim(due, 100, due.plusSeconds(30), Set.of(), webhookId::equals);
        assertThat(rest).extracting(DeliveryStore.Claimed::id).containsExactly(held);
        // Both are leased now: claiming again finds nothing.
        assertThat(outbox.claim(due, 100, due.plusSeconds(30), Set.of(), webhookId::equals)).isEmpty();
    }
}
