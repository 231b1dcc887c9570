package io.wechatadvisor.problem;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/** Sends bytes no HTTP client would send (made-up methods, no Host header) and reads the whole answer. */
public final class RawHttp {

    private RawHttp() {
    }

    /** The answer, status line to body, as text; the connection is closed by the server or after 30 s. */
    public static String send(URL app, String request) throws IOException {
        try (Socket socket = new Socket(app.getHost(), app.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                answer.write(buffer, 0, read);
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    /** The status code of a raw answer. */
    public static int status(String answer) {
        return Integer.parseInt(answer.substring(answer.indexOf(' ') + 1, answer.indexOf(' ') + 4));
    }

    /** The body of a raw answer (after the blank line). */
    public static String body(String answer) {
        int end = answer.indexOf("\r\n\r\n");
        return end < 0 ? "" : answer.substring(end + 4);
    }

    /** The value of a header in a raw answer, or null. */
    public static String header(String answer, String name) {
        int end = answer.indexOf("\r\n\r\n");
        for (String line : answer.substring(0, end < 0 ? answer.length() : end).split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }
}
