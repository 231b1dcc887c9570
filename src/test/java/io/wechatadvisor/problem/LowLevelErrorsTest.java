package io.wechatadvisor.problem;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Errors met before a request reaches a resource are problem+json too, and a made-up HTTP method is
 * refused before the metrics could grow a series for it. Raw sockets: no HTTP client sends these.
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

    @Test
    void aRequestLineOver4KbIs414WithAProblem() throws Exception {
        assertLimit(longLine(4096), longLine(4097), 414);
    }

    @Test
    void headersOver20KbAre431WithAProblem() throws Exception {
        assertLimit(bigHeaders(20 * 1024), bigHeaders(20 * 1024 + 1), 431);
    }

    /**
     * Vert.x counts as the service does: up to its own limits (8 KB, 24 KB) the service answers the
     * problem; one byte beyond, Vert.x answers before the service, status right and body empty.
     */
    @Test
    void atVertxLimitsTheProblemBeyondThemAnEmptyBodyAndTheServiceKeepsAnswering() throws Exception {
        assertProblem(RawHttp.send(app, longLine(8192)), 414);
        assertEmpty(RawHttp.send(app, longLine(8193)), 414);
        assertProblem(RawHttp.send(app, bigHeaders(24 * 1024)), 431);
        assertEmpty(RawHttp.send(app, bigHeaders(24 * 1024 + 1)), 431);
        assertStillAnswering();
    }

    /**
     * Quarkus' root handler refuses a URI that java.net.URI refuses before any filter or error handler
     * runs: the status is right, the body stays empty (see RouteProblems), and the service goes on.
     */
    @Test
    void aMalformedPercentEncodingInThePathIs400AndTheServiceKeepsAnswering() throws Exception {
        for (String path : new String[] {"/api/v1/%zz", "/api/v1/rules%", "/%"}) {
            String answer = RawHttp.send(app, "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + CLOSE);
            assertEmpty(answer, 400);
        }
        assertStillAnswering();
    }

    private static final String CLOSE = "Connection: close\r\n\r\n";

    /** A request whose line ({@code GET /api/v1/rules?pad=… HTTP/1.1}) has exactly this many bytes. */
    private static String longLine(int length) {
        String start = "GET /api/v1/rules?pad=";
        String end = " HTTP/1.1";
        return start + "a".repeat(length - start.length() - end.length()) + end + "\r\nHost: localhost\r\n" + CLOSE;
    }

    /** A request whose header lines have exactly this many bytes as Vert.x counts them (without CRLFs). */
    private static String bigHeaders(int length) {
        String host = "Host: localhost";
        String close = "Connection: close";
        String pad = "X-Pad: ";
        return "GET /api/v1/rules HTTP/1.1\r\n" + host + "\r\n" + close + "\r\n" + pad
                + "a".repeat(length - host.length() - close.length() - pad.length()) + "\r\n\r\n";
    }

    /** The request at the limit is answered; one byte over, the problem, and the connection closes. */
    private void assertLimit(String atLimit, String overLimit, int status) throws Exception {
        assertThat(RawHttp.status(RawHttp.send(app, atLimit))).isEqualTo(200);
        String answer = RawHttp.send(app, overLimit);
        assertThat(RawHttp.status(answer)).isEqualTo(status);
        assertProblem(answer, status);
        assertThat(RawHttp.header(answer, "Connection")).isEqualTo("close");
        assertStillAnswering();
    }

    private static void assertEmpty(String answer, int status) {
        assertThat(RawHttp.status(answer)).isEqualTo(status);
        assertThat(RawHttp.body(answer)).isEmpty();
    }

    private static void assertStillAnswering() {
        given().get("/api/v1/rules").then().statusCode(200);
    }

    static void assertProblem(String answer, int status) {
        assertThat(RawHttp.header(answer, "Content-Type")).startsWith(Problem.MEDIA_TYPE);
        assertThat(RawHttp.body(answer)).contains("\"status\":" + status, "\"title\":", "\"type\":\"https://");
    }
}
