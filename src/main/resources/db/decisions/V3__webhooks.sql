-- Signed webhooks: a tenant's endpoints, the outbox of events to deliver, and every attempt.
-- The same script runs on the embedded H2 database and on PostgreSQL.
-- The secret must be kept as it is (it signs every event); it is shown once, when it is made.
-- previous_secret signs too until previous_until (the grace period of a rotation).
CREATE TABLE webhook_endpoint (
    webhook_id      VARCHAR(40)   NOT NULL PRIMARY KEY,
    tenant          VARCHAR(64)   NOT NULL,
    url             VARCHAR(2048) NOT NULL,
    -- API, BATCH, EMBED, separated by single spaces.
    channels        VARCHAR(64)   NOT NULL,
    secret          VARCHAR(128)  NOT NULL,
    previous_secret VARCHAR(128),
    previous_until  TIMESTAMP WITH TIME ZONE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    disabled_at     TIMESTAMP WITH TIME ZONE,
    disabled_reason VARCHAR(500)
);

CREATE INDEX webhook_endpoint_tenant ON webhook_endpoint (tenant);

-- The outbox: one row per event and endpoint, written in the transaction of its decision, so a
-- decision is never stored without its events nor an event without its decision. payload is the
-- exact body sent on every attempt. A due row (PENDING or RETRYING, next_attempt_at passed) is
-- claimed by moving next_attempt_at past the send timeout; a replica that dies while sending leaves
-- it due again once that lease passes. Erasing or purging a decision erases its events.
CREATE TABLE webhook_delivery (
    delivery_id     UUID          NOT NULL PRIMARY KEY,
    webhook_id      VARCHAR(40)   NOT NULL REFERENCES webhook_endpoint (webhook_id) ON DELETE CASCADE,
    tenant          VARCHAR(64)   NOT NULL,
    decision_id     UUID          NOT NULL REFERENCES decision (decision_id) ON DELETE CASCADE,
    payload         VARCHAR(1000000) NOT NULL,
    status          VARCHAR(16)   NOT NULL,
    attempts        INTEGER       NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    delivered_at    TIMESTAMP WITH TIME ZONE
);

CREATE INDEX webhook_delivery_due ON webhook_delivery (status, next_attempt_at);
CREATE INDEX webhook_delivery_tenant ON webhook_delivery (tenant, delivery_id);
CREATE INDEX webhook_delivery_webhook ON webhook_delivery (webhook_id);
CREATE INDEX webhook_delivery_decision ON webhook_delivery (decision_id);

-- Each attempt: when, the HTTP status (null when none came back), how long it took, and the error.
CREATE TABLE webhook_attempt (
    delivery_id  UUID         NOT NULL REFERENCES webhook_delivery (delivery_id) ON DELETE CASCADE,
    attempt      INTEGER      NOT NULL,
    attempted_at TIMESTAMP WITH TIME ZONE NOT NULL,
    status_code  INTEGER,
    latency_ms   INTEGER      NOT NULL,
    error        VARCHAR(500),
    PRIMARY KEY (delivery_id, attempt)
);
