package io.wechatadvisor.recommendation.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RulesResourceTest {

    @Test
    void listsTheLiveRuleSetWithSourcesAndDates() {
        given().get("/api/v1/rules")
                .then().statusCode(200)
                .body("version", matchesPattern("[0-9a-f]{16}"))
                .body("loadedAt", notNullValue())
                .body("rules.size()", greaterThan(40))
                .body("rules.id", hasItems("EL-MP-CONTENT-POLICY", "NEED-PAYMENT", "FIT-OFFLINE", "WARN-MP-REVIEW",
                        "PLAN-NEARBY-DISCOVERY", "BASE-ELIGIBLE"))
                .body("rules.asOf", everyItem(notNullValue()))
                .body("rules.file", everyItem(notNullValue()))
                .body("rules.find { it.id == 'FIT-OFFLINE' }.source", equalTo("MP-VS-OFFICIAL"))
                .body("sources.key", hasItems("ACCOUNT-TYPES", "MP-PERSONAL-VS-ENTERPRISE", "MP-VS-MICROSTORE",
                        "MP-VS-OFFICIAL", "MP-VS-OFFICIAL-2"));
    }

    @Test
    void isReadyOnceTheRulesCompiled() throws InterruptedException {
        awaitReady();
        given().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'rules' }.data.rules", greaterThan(0));
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void reloadIsOffWithoutAnAdminToken() {
        given().header("Authorization", "Bearer anything").post("/api/v1/rules/reload")
                .then().statusCode(401).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("advisor.admin-token"));
    }

    /** Readiness answers 503 while the first rule set compiles; a generous bound, not a timing check. */
    static void awaitReady() throws InterruptedException {
        for (int i = 0; i < 600 && given().get("/q/health/ready").statusCode() != 200; i++) {
            Thread.sleep(100);
        }
    }
}
