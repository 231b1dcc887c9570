package io.wechatadvisor.page;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.jboss.resteasy.reactive.RestResponse;

/**
 * A page kept in the jar outside the static folder, so that it is only ever served by its resource:
 * with strict headers, and with asset links ({@code ?v=dev}) replaced by a hash of its assets, so
 * that a new release is never shown with old scripts.
 */
public final class JarPage {

    /** What a page's asset links end with in the source. */
    public static final String VERSION_MARK = "?v=dev";

    private final byte[] html;
    private final String contentSecurityPolicy;

    /**
     * @param page the page's resource name, e.g. {@code embed/embed.html}
     * @param contentSecurityPolicy its {@code Content-Security-Policy}
     * @param assets the resource names of its scripts and styles
     */
    public JarPage(String page, String contentSecurityPolicy, String... assets) {
        this.html = versioned(read(page), assets);
        this.contentSecurityPolicy = contentSecurityPolicy;
    }

    /** The page, with its headers. */
    public RestResponse<byte[]> response() {
        return response(contentSecurityPolicy);
    }

    /** The page, with its headers and this {@code Content-Security-Policy} instead of its own. */
    public RestResponse<byte[]> response(String contentSecurityPolicy) {
        return RestResponse.ResponseBuilder.ok(html)
                .header("Content-Security-Policy", contentSecurityPolicy)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-cache")
                .build();
    }

    /** The page with {@code ?v=dev} on its asset links replaced by a hash of the assets. */
    static byte[] versioned(byte[] html, String... assets) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (String asset : assets) {
            digest.update(read(asset));
        }
        String version = "?v=" + HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        return new String(html, StandardCharsets.UTF_8).replace(VERSION_MARK, version).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] read(String name) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing from the application: " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
