package io.wechatadvisor.webhooks.domain;

import java.time.Instant;
import java.util.Set;

import io.wechatadvisor.decisions.domain.Channel;

/**
 * A tenant's webhook endpoint: where its events go, for which channels, the secret that signs them
 * (and, until {@code previousUntil}, the one it replaced), and whether it was disabled (410 Gone).
 */
public record Endpoint(String id, String tenant, String url, Set<Channel> channels, String secret,
        String previousSecret, Instant previousUntil, Instant createdAt, Instant disabledAt, String disabledReason) {

    public boolean active() {
        return disabledAt == null;
    }

    /** The signatures of one attempt: the secret's, and the previous secret's during its grace period. */
    public String signature(String messageId, long timestamp, String body, Instant now) {
        String signature = WebhookSecret.sign(secret, messageId, timestamp, body);
        if (previousSecret != null && previousUntil != null && now.isBefore(previousUntil)) {
            signature += " " + WebhookSecret.sign(previousSecret, messageId, timestamp, body);
        }
        return signature;
    }
}
