package io.wechatadvisor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A client that sends half a request and then nothing is disconnected once the idle timeout passes
 * (1 s here, quarkus.http.idle-timeout), so slow clients cannot hold connections open. The socket's
 * 30 s read limit only stops the test from hanging where the service would keep the connection.
 */
@QuarkusTest
@TestProfile(SlowClientTest.ShortIdleTimeout.class)
class SlowClientTest {

    public static class ShortIdleTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.idle-timeout", "1s");
        }
    }

    @TestHTTPResource("/")
    URL app;

    @Test
    void halfSentHeadersAreCutOff() throws Exception {
        assertClosed("POST /api/v1/recommendations HTTP/1.1\r\nHost: localhost\r\nContent-Type: appli");
    }

    @Test
    void aHalfSentBodyIsCutOff() throws Exception {
        assertClosed("POST /api/v1/recommendations HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 200\r\n\r\n{\"entityType\":");
    }

    @Test
    void otherRequestsAreServedMeanwhile() throws Exception {
        try (Socket slow = new Socket(app.getHost(), app.getPort())) {
            slow.getOutputStream().write("GET /q/health HTTP/1.1\r\nHost: loc".getBytes(StandardCharsets.US_ASCII));
            given().get("/q/health/live").then().statusCode(200);
        }
    }

    private void assertClosed(String partialRequest) throws Exception {
        try (Socket socket = new Socket(app.getHost(), app.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(partialRequest.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            byte[] rest = in.readAllBytes();
            assertThat(new String(rest, StandardCharsets.ISO_8859_1)).doesNotContain("HTTP/1.1 200");
        }
    }
}
