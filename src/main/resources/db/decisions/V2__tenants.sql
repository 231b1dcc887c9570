-- Tenants (agencies), their API keys, and the answers kept for Idempotency-Key replays.
-- The same script runs on the embedded H2 database and on PostgreSQL.
-- The tenant "default" (calls without a key) is not a row: it always exists.
CREATE TABLE tenant (
    tenant_id             VARCHAR(64)   NOT NULL PRIMARY KEY,
    name                  VARCHAR(200)  NOT NULL,
    -- Exact origins (https://www.agency.example), separated by single spaces; may be empty.
    allowed_origins       VARCHAR(4000) NOT NULL,
    rate_limit_per_minute INTEGER,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Only a SHA-256 hash of each key is kept (hex); the key itself is shown once, when it is made.
-- expires_at is set when the key is rotated (the grace period); revoked_at when it is revoked.
CREATE TABLE tenant_key (
    key_id     VARCHAR(32)  NOT NULL PRIMARY KEY,
    tenant_id  VARCHAR(64)  NOT NULL REFERENCES tenant (tenant_id),
    key_hash   VARCHAR(64)  NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE,
    revoked_at TIMESTAMP WITH TIME ZONE
);

CREATE INDEX tenant_key_tenant ON tenant_key (tenant_id);

-- One row per Idempotency-Key and tenant: the hash of the request body and, once answered, the
-- answer (null while the first request is still being answered). Kept 24 hours.
CREATE TABLE idempotent_request (
    tenant           VARCHAR(64)  NOT NULL,
    idempotency_key  VARCHAR(255) NOT NULL,
    body_hash        VARCHAR(64)  NOT NULL,
    decision_id      VARCHAR(36),
    content_language VARCHAR(16),
    response         TEXT,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant, idempotency_key)
);

CREATE INDEX idempotent_request_created ON idempotent_request (created_at);
