package io.wechatadvisor.recommendation.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Every error class of the contract answers one problem+json body, naming the field. */
@QuarkusTest
class ErrorResponsesTest {

    private static final String PATH = "/api/v1/recommendations";
    private static final String VALID_REST = "\"wantsPayment\":true,\"offlinePresence\":\"NONE\",\"contentCadence\":\"NONE\"";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown enum value      | {"entityType":"ROBOT",VALID}                          | entityType | one of: INDIVIDUAL, ENTERPRISE, GOVERNMENT, MEDIA, OTHER_ORGANIZATION
            unknown goal            | {"entityType":"MEDIA",VALID,"goals":["FAME"]}         | goals[0]   | one of: SELL_PRODUCTS, PUBLISH_CONTENT
            lower-case enum         | {"entityType":"media",VALID}                          | entityType | one of:
            number for an enum      | {"entityType":3,VALID}                                | entityType | one of:
            missing entityType      | {VALID}                                               | entityType | is required; one of: INDIVIDUAL
            string for a boolean    | {"entityType":"MEDIA",VALID,"highInteractivity":"yes"} | highInteractivity | true or false
            number for a boolean    | {"entityType":"MEDIA",VALID,"needsMomentsSharing":1}  | needsMomentsSharing | true or false
            number for a string     | {"entityType":"MEDIA",VALID,"externalId":42}          | externalId | a string
            string for an array     | {"entityType":"MEDIA",VALID,"goals":"BOOKINGS"}        | goals      | an array
            null in goals           | {"entityType":"MEDIA",VALID,"goals":[null]}           | goals[0]   | is required
            unknown field           | {"entityType":"MEDIA",VALID,"wantPush":true}          | wantPush   | not a known field
            externalId too long     | {"entityType":"MEDIA",VALID,"externalId":"LONG"}      | externalId | size must be between 0 and 128
            """)
    void anInvalidFieldIsNamed(String name, String body, String field, String message) {
        String json = body.replace("VALID", VALID_REST).replace("LONG", "x".repeat(129));
        Response response = given().contentType(ContentType.JSON).body(json).when().post(PATH);
        response.then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("type", startsWith("https://"))
                .body("title", equalTo("The request is not valid"))
                .body("errors.field", hasItem(field))
                .body("errors.find { it.field == '" + field + "' }.message", containsString(message));
        assertNothingInternal(response.asString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed JSON      | {"entityType" "MEDIA"} | not valid JSON
            cut-off JSON        | {"entityType":       | ends too early
            empty body          | ''                   | JSON body is required
            an array            | [1,2]                | must be a JSON object
            trailing content    | {"entityType":"MEDIA",VALID} x | not valid JSON
            a repeated field    | {"entityType":"MEDIA","entityType":"MEDIA",VALID} | repeats a field
            """)
    void anUnreadableBodyIsA400(String name, String body, String detail) {
        Response response = given().contentType(ContentType.JSON).body(body.replace("VALID", VALID_REST)).post(PATH);
        response.then().statusCode(400).contentType("application/problem+json").body("detail", containsString(detail));
        assertNothingInternal(response.asString());
    }

    @Test
    void aBodyThatIsNotJsonIsA415() {
        given().contentType(ContentType.TEXT).body("entityType=MEDIA").when().post(PATH)
                .then().statusCode(415).contentType("application/problem+json").body("status", equalTo(415));
    }

    @Test
    void aBodyOverTheLimitIsA413AndTheServiceKeepsAnswering() {
        String huge = "[" + ("{\"entityType\":\"MEDIA\"," + VALID_REST + "},").repeat(30_000) + "{}]";
        assertThat(huge.length()).isGreaterThan(2 * 1024 * 1024);
        given().contentType(ContentType.JSON).body(huge).when().post(PATH + "/batch")
                .then().statusCode(413).contentType("application/problem+json")
                .body("title", equalTo("The request body is too large"));
        given().contentType(ContentType.JSON).body(Profiles.BAKERY).when().post(PATH).then().statusCode(200);
    }

    @Test
    void unknownPathsAndMethodsAreProblemsToo() {
        given().get("/api/v1/nothing-here").then().statusCode(404).contentType("application/problem+json");
        given().delete(PATH).then().statusCode(405).contentType("application/problem+json");
        given().contentType(ContentType.JSON).accept(ContentType.HTML).body(Profiles.BAKERY).post(PATH)
                .then().statusCode(406).contentType("application/problem+json");
    }

    static void assertNothingInternal(String body) {
        assertThat(body).doesNotContain("Exception", "io.wechatadvisor", "com.fasterxml", "java.", "\tat ", "/work/",
                ".java");
    }

    @Test
    void aProblemNeverCarriesStackTracesOrClassNames() {
        for (String body : new String[] { "{", "[", "{\"entityType\":{}}", "{\"goals\":[[]]}", "\"text\"", "123" }) {
            Response response = given().contentType(ContentType.JSON).body(body).post(PATH);
            response.then().statusCode(400).contentType("application/problem+json")
                    .body("detail", allOf(org.hamcrest.Matchers.notNullValue()));
            assertNothingInternal(response.asString());
        }
    }
}
