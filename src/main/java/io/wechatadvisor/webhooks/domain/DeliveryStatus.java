package io.wechatadvisor.webhooks.domain;

/**
 * Where an event is on its way to one endpoint: not tried yet, failed and due again, acknowledged
 * with a 2xx, or given up (every attempt failed, or the endpoint answered 410 Gone).
 */
public enum DeliveryStatus {
    PENDING, RETRYING, DELIVERED, FAILED
}
