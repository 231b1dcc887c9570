-- Columns the insight dashboard groups by (GET /api/v1/analytics), copied from the record on write
-- so that every aggregate is one GROUP BY in the database. The same script runs on H2 and PostgreSQL.
-- Records written before this migration get their UTC day below; their entity type, utm_source and
-- unmet needs stay unknown (NULL, no rows): the dashboard counts their entity type as NOT_RECORDED.
-- decided_day is the UTC day of decided_at, so "per day" means the same on both databases whatever
-- the session's time zone.
ALTER TABLE decision ADD COLUMN decided_day DATE;
ALTER TABLE decision ADD COLUMN entity_type VARCHAR(32);
ALTER TABLE decision ADD COLUMN utm_source VARCHAR(256);
UPDATE decision SET decided_day = CAST(decided_at AT TIME ZONE 'UTC' AS DATE);

-- A plan's unmet needs: one row per need, erased with its decision.
CREATE TABLE decision_unmet_need (
    decision_id UUID        NOT NULL REFERENCES decision (decision_id) ON DELETE CASCADE,
    need        VARCHAR(32) NOT NULL,
    PRIMARY KEY (decision_id, need)
);

CREATE INDEX decision_tenant_day ON decision (tenant, decided_day);
CREATE INDEX decision_day ON decision (decided_day);
