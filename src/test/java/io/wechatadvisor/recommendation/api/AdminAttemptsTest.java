package io.wechatadvisor.recommendation.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Guessing the admin token is slowed down: after advisor.admin-attempts.max-failures wrong tokens
 * from one address within the window, that address gets 429 with Retry-After, even with the right
 * token, until the window ends. Its own profile, so the block never reaches other tests.
 */
@QuarkusTest
@TestProfile(AdminAttemptsTest.ThreeAttempts.class)
class AdminAttemptsTest {

    public static class ThreeAttempts extends ReloadProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("advisor.admin-attempts.max-failures", "3");
            return overrides;
        }
    }

    private static final String RELOAD = "/api/v1/rules/reload";

    @Test
    void wrongTokensFromOneAddressAreRefusedFor429UntilTheWindowEnds() {
        given().header("Authorization", "Bearer " + ReloadProfile.TOKEN).post(RELOAD).then().statusCode(200);
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", "Bearer guess-" + i).post(RELOAD).then().statusCode(401);
        }
        given().header("Authorization", "Bearer guess-4").post(RELOAD)
                .then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("status", equalTo(429))
                .body("detail", containsString("Too many wrong admin tokens"));
        given().header("Authorization", "Bearer " + ReloadProfile.TOKEN).post(RELOAD)
                .then().statusCode(429).header("Retry-After", notNullValue());
        given().get("/api/v1/rules").then().statusCode(200);
    }
}
