package io.wechatadvisor.decisions.api;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** What the database suites (decisions, tenants, webhooks, analytics) send: fresh ids, tenants, a lead, admin calls. */
public final class Leads {

    private Leads() {
    }

    /** A call with the admin token of {@link DecisionsProfile}. */
    public static RequestSpecification admin() {
        return given().auth().oauth2(DecisionsProfile.TOKEN);
    }

    /** {@code prefix-} and 8 random hex digits: a tenant id or external id no other test uses. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a tenant (with the admin token) named after its id; answers its first API key. */
    public static String tenantKey(String id) {
        return tenantKey(id, id);
    }

    /** Creates a tenant (with the admin token); answers its first API key. */
    public static String tenantKey(String id, String name) {
        return admin().contentType(ContentType.JSON).body("{\"id\":\"" + id + "\",\"name\":\"" + name + "\"}")
                .when().post("/api/v1/tenants").then().statusCode(201).extract().path("apiKey");
    }

    /** An enterprise lead's profile with this externalId, as JSON. */
    public static String profile(String externalId) {
        return """
                {"entityType":"ENTERPRISE","wantsPayment":true,"offlinePresence":"MULTIPLE_LOCATIONS",
                 "contentCadence":"WEEKLY","goals":["SELL_PRODUCTS"],"needsProactivePush":true,
                 "externalId":"%s"}""".formatted(externalId);
    }
}
