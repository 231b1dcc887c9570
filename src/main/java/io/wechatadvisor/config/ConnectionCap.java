package io.wechatadvisor.config;

import jakarta.inject.Singleton;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;

/**
 * Makes {@code quarkus.http.limits.max-connections} count every connection of the plain HTTP port
 * from the moment it is accepted, so that the cap bounds the heap that waiting request heads hold.
 * <p>
 * With HTTP/2 over cleartext (h2c) on, Vert.x first waits for a complete HTTP/1 request head, to
 * tell an upgrade or an HTTP/2 preface from HTTP/1, and only then creates the connection that Quarkus
 * counts against the cap. A connection whose head never completes was never counted: 3,900 half-sent
 * heads were all held with a cap of 1,500 and filled a 128 MB heap. With h2c off, Vert.x creates the
 * HTTP/1 connection on accept, Quarkus counts it, and a connection over the cap is closed at once.
 * Browsers never use h2c; HTTP/2 over TLS (ALPN, the https port) is unchanged.
 */
@Singleton
public class ConnectionCap implements HttpServerOptionsCustomizer {

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setHttp2ClearTextEnabled(false);
    }
}
