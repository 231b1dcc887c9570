package io.wechatadvisor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A client that sends half a request and then nothing is disconnected once the idle timeout passes
 * (3 s here, quarkus.http.idle-timeout), so slow clients cannot hold connections open; and half-sent
 * requests count against the connection cap (10 here, quarkus.http.limits.max-connections), so they
 * cannot hold more connections, nor more heap, than the cap allows. The sockets' 30 s read limit only
 * stops the test from hanging where the service would keep a connection.
 */
@QuarkusTest
@TestProfile(SlowClientTest.ShortIdleTimeout.class)
class SlowClientTest {

    public static class ShortIdleTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.idle-timeout", "3s", "quarkus.http.limits.max-connections", String.valueOf(CAP));
        }
    }

    static final int CAP = 10;

    private static final String HALF_SENT_HEAD = "GET /q/health/live HTTP/1.1\r\nHost: localhost\r\nX-Pad: ";

    @TestHTTPResource("/")
    URL app;

    @Test
    void halfSentRequestsHoldNoMoreThanTheCapAndAreCutOffAtTheIdleTimeout() throws Exception {
        List<Socket> halfSent = new ArrayList<>();
        try {
            for (int i = 0; i < 3 * CAP; i++) {
                halfSent.add(send(HALF_SENT_HEAD));
            }
            try (Socket overTheCap = send("GET /q/health/live HTTP/1.1\r\nHost: localhost\r\n\r\n")) {
                assertThat(readToEnd(overTheCap)).as("a request over the cap is closed unanswered").isEmpty();
            }
            for (Socket socket : halfSent) {
                assertThat(readToEnd(socket)).doesNotContain("HTTP/1.1 200");
            }
        } finally {
            for (Socket socket : halfSent) {
                socket.close();
            }
        }
        given().get("/q/health/live").then().statusCode(200);
    }

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
        List<Socket> halfSent = new ArrayList<>();
        try {
            for (int i = 0; i < CAP / 2; i++) {
                halfSent.add(send(HALF_SENT_HEAD));
            }
            for (int i = 0; i < 3; i++) {
                given().get("/q/health/live").then().statusCode(200);
            }
        } finally {
            for (Socket socket : halfSent) {
                socket.close();
            }
        }
    }

    private void assertClosed(String partialRequest) throws Exception {
        try (Socket socket = send(partialRequest)) {
            assertThat(readToEnd(socket)).doesNotContain("HTTP/1.1 200");
        }
    }

    private Socket send(String request) throws IOException {
        Socket socket = new Socket(app.getHost(), app.getPort());
        socket.setSoTimeout(30_000);
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    /** What the service sent until it closed the connection; a reset counts as closed. */
    private static String readToEnd(Socket socket) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        try {
            in.transferTo(received);
        } catch (SocketException reset) {
            // closed by the service
        }
        return received.toString(StandardCharsets.ISO_8859_1);
    }
}
