package io.wechatadvisor.webhooks.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One event on its way to one endpoint, with every attempt so far. */
@Schema(name = "WebhookDelivery")
public record Delivery(UUID id,
        @Schema(description = "The webhook-id header of every attempt") String messageId,
        String webhookId, String tenant, UUID decisionId, DeliveryStatus status, int attempts,
        @Schema(description = "When the next attempt is due (PENDING, RETRYING)") Instant nextAttemptAt,
        Instant createdAt, Instant deliveredAt, List<Attempt> attemptLog) {

    /** The webhook-id of a delivery: the same on every attempt, so that receivers can drop repeats. */
    public static String messageId(UUID deliveryId) {
        return "msg_" + deliveryId;
    }

    /** One attempt: its time, the HTTP status that came back (none on a timeout), latency and error. */
    @Schema(name = "WebhookAttempt")
    public record Attempt(int attempt, Instant at, Integer statusCode, long latencyMs, String error) {
    }
}
