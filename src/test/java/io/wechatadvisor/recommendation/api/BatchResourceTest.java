package io.wechatadvisor.recommendation.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.util.Collections;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class BatchResourceTest {

    private static final String PATH = "/api/v1/recommendations/batch";

    /** Every field set, an externalId of the maximum length, pretty-printed: the largest honest profile. */
    private static final String FULL_PROFILE = """
            {
              "entityType": "OTHER_ORGANIZATION",
              "wantsPayment": true,
              "offlinePresence": "MULTIPLE_LOCATIONS",
              "contentCadence": "SEVERAL_PER_WEEK",
              "goals": ["SELL_PRODUCTS", "PUBLISH_CONTENT", "CUSTOMER_SERVICE", "INTERNAL_COMMUNICATION", "BOOKINGS",
                        "BRAND_AWARENESS"],
              "industry": "GOVERNMENT_AFFAIRS",
              "needsProactivePush": true,
              "needsMomentsSharing": true,
              "needsBackOfficeIntegration": true,
              "needsNativeDeviceFeatures": true,
              "highInteractivity": true,
              "validatingNewIdea": true,
              "plansMiniGamesOrAds": false,
              "externalId": "%s"
            }""".formatted("x".repeat(128));

    @Test
    void oneBadLeadDoesNotSinkTheOthers() {
        String body = "[" + Profiles.BAKERY + ", {\"entityType\":\"ROBOT\"}, 42, " + Profiles.MARKET_STALL + "]";
        given().contentType(ContentType.JSON).header("Accept-Language", "zh-CN").body(body)
                .when().post(PATH)
                .then().statusCode(200)
                .body("$", hasSize(4))
                .body("index", contains(0, 1, 2, 3))
                .body("[0].result.externalId", equalTo("lead-4711"))
                .body("[0].result.recommendations[0].name", equalTo("企业小程序"))
                .body("[0].error", nullValue())
                .body("[1].result", nullValue())
                .body("[1].error.status", equalTo(400))
                .body("[1].error.errors.field", contains("entityType"))
                .body("[2].error.detail", containsString("JSON object"))
                .body("[3].result.recommendations[0].product", equalTo("MICRO_STORE"));
    }

    @Test
    void eachItemMatchesItsSingleAnswer() {
        String single = given().contentType(ContentType.JSON).body(Profiles.BAKERY)
                .post("/api/v1/recommendations").then().statusCode(200).extract().asString();
        String batchItem = given().contentType(ContentType.JSON).body("[" + Profiles.BAKERY + "]").post(PATH)
                .then().statusCode(200).extract().jsonPath().prettify();
        assertThat(batchItem).contains("\"externalId\": \"lead-4711\"");
        given().contentType(ContentType.JSON).body("[" + Profiles.BAKERY + "]").post(PATH)
                .then().body("[0].result.rulesVersion", equalTo(io.restassured.path.json.JsonPath.from(single)
                        .getString("rulesVersion")));
    }

    @Test
    void aThousandFullProfilesFitTheBodyLimit() {
        String body = "[\n" + String.join(",\n", Collections.nCopies(1000, FULL_PROFILE)) + "\n]";
        assertThat(body.length()).isLessThan(2 * 1024 * 1024);
        given().contentType(ContentType.JSON).body(body)
                .when().post(PATH)
                .then().statusCode(200)
                .body("$", hasSize(1000))
                .body("[999].index", equalTo(999))
                .body("[999].result.recommendations.size()", equalTo(5));
    }

    @Test
    void aBatchOverTheLimitIsRefusedWhole() {
        String body = "[" + String.join(",", Collections.nCopies(1001, "{}")) + "]";
        given().contentType(ContentType.JSON).body(body)
                .when().post(PATH)
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("the limit is 1000"));
    }

    @Test
    void aBatchMustBeAnArray() {
        given().contentType(ContentType.JSON).body(Profiles.BAKERY)
                .when().post(PATH)
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("JSON array"));
    }

    @Test
    void anEmptyBatchGetsAnEmptyAnswer() {
        given().contentType(ContentType.JSON).body("[]").when().post(PATH).then().statusCode(200).body("$", hasSize(0));
    }
}
