package io.wechatadvisor.embed;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An agency's web site in the tests: HTML pages served by the JDK's HTTP server on 127.0.0.1, so
 * their origin differs from the advisor's (reached as localhost).
 */
final class HostPages implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, String> pages = new ConcurrentHashMap<>();

    private HostPages(HttpServer server) {
        this.server = server;
    }

    /** Serves on 127.0.0.1 at the given port (0: any free port). */
    static HostPages on(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 0);
            HostPages host = new HostPages(server);
            server.createContext("/", host::handle);
            server.start();
            return host;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot serve the test host page on 127.0.0.1:" + port, e);
        }
    }

    /** The port of the first origin of quarkus.http.cors.origins (the test profile allows it). */
    static int allowedPort(String corsOrigins) {
        return URI.create(corsOrigins.split(",")[0].trim()).getPort();
    }

    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Publishes a page at the path and answers its full address. */
    String put(String path, String html) {
        pages.put(path, html);
        return origin() + path;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String html = "GET".equals(exchange.getRequestMethod()) ? pages.get(exchange.getRequestURI().getPath()) : null;
            if (html == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = html.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
