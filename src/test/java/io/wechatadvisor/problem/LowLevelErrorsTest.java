package io.wechatadvisor.problem;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Errors met before a request reaches a resource are problem+json too, and a made-up HTTP method is
 * refused before the metrics could grow a series for it.
 */
@QuarkusTest
class LowLevelErrorsTest {

    @TestHTTPResource("/")
    URL app;

    @Test
    void madeUpMethodsAre501AndNeverBecomeMetricsSeries() throws Exception {
        for (int i = 0; i < 50; i++) {
            String method = "Q%06d".formatted(i);
            String answer = RawHttp.send(app, method + " /api/v1/recommendations HTTP/1.1\r\nHost: localhost\r\n"
                    + "Connection: close\r\n\r\n");
            assertThat(RawHttp.status(answer)).as(method).isEqualTo(501);
            assertProblem(answer, 501);
        }
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).doesNotContain("Q000000", "Q000049");
    }

    @Test
    void aRequestWithoutAHostIsAProblem() throws Exception {
        String answer = RawHttp.send(app, "GET /api/v1/rules HTTP/1.1\r\nConnection: close\r\n\r\n");
        assertThat(RawHttp.status(answer)).isEqualTo(400);
        assertProblem(answer, 400);
        assertThat(RawHttp.body(answer)).doesNotContain("stack", "Error id");
    }

    static void assertProblem(String answer, int status) {
        assertThat(RawHttp.header(answer, "Content-Type")).startsWith(Problem.MEDIA_TYPE);
        assertThat(RawHttp.body(answer)).contains("\"status\":" + status, "\"title\":", "\"type\":\"https://");
    }
}
