package io.wechatadvisor.webhooks.delivery;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.wechatadvisor.webhooks.config.WebhooksConfig;

/**
 * Where webhooks may go (server-side request forgery): https only, and only to public addresses,
 * unless the host is listed in {@code advisor.webhooks.allow-http-hosts}. Checked when an endpoint
 * is registered and again before every attempt, since what a name resolves to can change. Resolving
 * a name blocks: never call this on an event loop.
 */
@ApplicationScoped
public class Destinations {

    public static final int MAX_URL_LENGTH = 2048;

    /** Why a URL is refused: malformed (400) or a forbidden destination (422). */
    public static final class Refused extends Exception {
        private final boolean malformed;

        Refused(boolean malformed, String message) {
            super(message, null, false, false);
            this.malformed = malformed;
        }

        public boolean malformed() {
            return malformed;
        }
    }

    private final Set<String> allowed;

    public Destinations(WebhooksConfig config) {
        this.allowed = config.allowHttpHosts().orElse(List.of()).stream().map(h -> h.trim().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    /** The URL, parsed and checked; its host resolved now. */
    public URI check(String url) throws Refused {
        if (url == null || url.isBlank() || url.length() > MAX_URL_LENGTH) {
            throw new Refused(true, "url must be an absolute https URL of at most " + MAX_URL_LENGTH + " characters.");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new Refused(true, "url is not a valid URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
        if (host == null || !uri.isAbsolute() || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new Refused(true, "url must be an absolute https URL with a host, without user info or fragment.");
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        boolean listed = allowed.contains(host) || allowed.contains(bare);
        if (!scheme.equals("https") && !(scheme.equals("http") && listed)) {
            throw new Refused(true, "url must use https (plain http only for the hosts in "
                    + "advisor.webhooks.allow-http-hosts).");
        }
        if (listed) {
            return uri;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(bare);
        } catch (UnknownHostException e) {
            throw new Refused(false, "The host " + host + " does not resolve.");
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                throw new Refused(false, "The host " + host + " resolves to " + address.getHostAddress()
                        + ", a loopback, private, link-local or otherwise non-public address; webhooks go to public "
                        + "addresses only (unless the host is listed in advisor.webhooks.allow-http-hosts).");
            }
        }
        return uri;
    }

    /** Not loopback, link-local, private (RFC 1918), unique-local (fc00::/7), multicast or any-local. */
    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            return (bytes[0] & 0xFE) != 0xFC;
        }
        int first = bytes[0] & 0xFF;
        int second = bytes[1] & 0xFF;
        // 0.0.0.0/8 (this network) and 100.64.0.0/10 (carrier-grade NAT) are not public either.
        return first != 0 && !(first == 100 && second >= 64 && second < 128);
    }
}
