package io.wechatadvisor.tenants.api;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.wechatadvisor.decisions.api.DecisionsProfile;
import io.wechatadvisor.decisions.api.Leads;

/** With advisor.tenancy.required=true a call without a key is 401; with one it is answered. */
@QuarkusTest
@TestProfile(RequiredTenancyTest.Required.class)
class RequiredTenancyTest {

    public static class Required extends DecisionsProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("advisor.tenancy.required", "true");
            return overrides;
        }
    }

    @Test
    void aCallWithoutAKeyIs401AndWithOneIsAnswered() {
        given().contentType(ContentType.JSON).body(Leads.profile("no-key")).when().post("/api/v1/recommendations")
                .then().statusCode(401).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("[" + Leads.profile("no-key") + "]").when()
                .post("/api/v1/recommendations/batch").then().statusCode(401);
        String key = TenantsSuite.key(Leads.unique("required"));
        TenantsSuite.answer(key, Leads.profile("with-key")).then().statusCode(200);
    }
}
