package io.wechatadvisor.embed;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.net.URL;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * CORS by Quarkus' own filter: the test profile allows the origin of the test host page
 * (quarkus.http.cors.origins); any other foreign origin is refused, and no answer says "*".
 */
@QuarkusTest
class EmbedCorsTest {

    private static final String API = "/api/v1/recommendations";
    private static final String PROFILE = """
            {"entityType":"ENTERPRISE","wantsPayment":true,"offlinePresence":"SINGLE_LOCATION","contentCadence":"MONTHLY"}""";
    private static final String STRANGER = "https://stranger.example";

    @TestHTTPResource("/")
    URL app;

    private static String allowed() {
        return ConfigProvider.getConfig().getValue("quarkus.http.cors.origins", String.class).split(",")[0].trim();
    }

    @Test
    void theTestProfileAllowsTheHostPageOriginOnAnotherPort() {
        assertThat(allowed()).startsWith("http://127.0.0.1:");
        assertThat(allowed()).isNotEqualTo(origin(app));
    }

    @Test
    void aPreflightFromTheAllowedOriginIsAnswered() {
        Response response = given().header("Origin", allowed())
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .when().options(API);
        response.then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(allowed()))
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Headers", containsString("Content-Type"))
                .header("Access-Control-Allow-Credentials", not(equalTo("true")));
    }

    @Test
    void aPostFromTheAllowedOriginGetsTheAnswerAndItsOrigin() {
        given().header("Origin", allowed()).contentType(ContentType.JSON).body(PROFILE)
                .when().post(API)
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(allowed()))
                .header("Access-Control-Allow-Credentials", not(equalTo("true")))
                .body("recommendations[0].product", equalTo("MINI_PROGRAM_ENTERPRISE"));
    }

    @Test
    void aPreflightFromAnotherOriginIsRefused() {
        given().header("Origin", STRANGER)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .when().options(API)
                .then().statusCode(403)
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void aPostFromAnotherOriginIsRefusedUnanswered() {
        String body = given().header("Origin", STRANGER).contentType(ContentType.JSON).body(PROFILE)
                .when().post(API)
                .then().statusCode(403)
                .header("Access-Control-Allow-Origin", nullValue())
                .contentType("application/problem+json")
                .body("status", equalTo(403))
                .body("detail", containsString("quarkus.http.cors.origins"))
                .extract().asString();
        assertThat(body).doesNotContain("recommendations");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            the proxy keeps the Host             | https://advisor.example      | advisor.example      |
            the proxy keeps the Host, with port  | https://advisor.example:8443 | advisor.example:8443 |
            the proxy names it X-Forwarded-Host  | https://advisor.example      | 10.0.0.7:8080        | advisor.example
            """)
    void behindATlsProxyTheServicesOwnPagesAreServed(String name, String origin, String host, String forwardedHost) {
        var request = given().header("Origin", origin).header("Host", host).header("X-Forwarded-Proto", "https");
        if (forwardedHost != null) {
            request.header("X-Forwarded-Host", forwardedHost);
        }
        request.contentType(ContentType.JSON).body(PROFILE).when().post(API)
                .then().statusCode(200)
                .body("recommendations[0].product", equalTo("MINI_PROGRAM_ENTERPRISE"));
    }

    @Test
    void anotherHostOrPortBehindTheProxyIsStillRefused() {
        for (String origin : new String[] { "https://advisor.example.evil", "https://advisor.example:444" }) {
            given().header("Origin", origin).header("Host", "advisor.example").contentType(ContentType.JSON)
                    .body(PROFILE).when().post(API)
                    .then().statusCode(403);
        }
    }

    @Test
    void answersVaryByOrigin() {
        given().contentType(ContentType.JSON).body(PROFILE).when().post(API)
                .then().statusCode(200).header("Vary", containsString("Origin"));
        given().header("Origin", allowed()).header("Access-Control-Request-Method", "POST").when().options(API)
                .then().statusCode(200).header("Vary", containsString("Origin"));
        given().header("Origin", STRANGER).contentType(ContentType.JSON).body(PROFILE).when().post(API)
                .then().statusCode(403).header("Vary", containsString("Origin"));
    }

    @Test
    void theServicesOwnOriginIsServed() {
        given().header("Origin", origin(app)).contentType(ContentType.JSON).body(PROFILE)
                .when().post(API)
                .then().statusCode(200)
                .body("recommendations[0].product", equalTo("MINI_PROGRAM_ENTERPRISE"));
    }

    @Test
    void noAnswerAllowsEveryOrigin() {
        for (String origin : new String[] { allowed(), STRANGER, "null", origin(app) }) {
            String allowOrigin = given().header("Origin", origin)
                    .header("Access-Control-Request-Method", "POST")
                    .when().options(API).header("Access-Control-Allow-Origin");
            assertThat(allowOrigin).as("preflight from %s", origin).isNotEqualTo("*");
            allowOrigin = given().header("Origin", origin).contentType(ContentType.JSON).body(PROFILE)
                    .when().post(API).header("Access-Control-Allow-Origin");
            assertThat(allowOrigin).as("post from %s", origin).isNotEqualTo("*");
        }
    }

    private static String origin(URL url) {
        return url.getProtocol() + "://" + url.getHost() + ":" + url.getPort();
    }
}
