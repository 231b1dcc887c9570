-- One row per answer. The same script runs on the embedded H2 database and on PostgreSQL.
-- decision_id is a UUIDv7: time-ordered, so "newest first" and keyset pages follow it.
-- record holds the whole decision as JSON, as returned by GET /api/v1/decisions/{id};
-- the other columns are copies of its fields, for filtering.
CREATE TABLE decision (
    decision_id     UUID          NOT NULL PRIMARY KEY,
    tenant          VARCHAR(64)   NOT NULL,
    decided_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    channel         VARCHAR(8)    NOT NULL,
    external_id     VARCHAR(128),
    primary_product VARCHAR(32)   NOT NULL,
    rules_version   VARCHAR(128)  NOT NULL,
    record          VARCHAR(1000000) NOT NULL
);

CREATE INDEX decision_tenant_id ON decision (tenant, decision_id);
CREATE INDEX decision_tenant_external ON decision (tenant, external_id, decision_id);
CREATE INDEX decision_external ON decision (external_id);
CREATE INDEX decision_decided_at ON decision (decided_at);
