-- Fewer indexes to update per recorded decision. decision_id is a UUIDv7 and decided_at the
-- millisecond it carries, so a period is also a range of ids: every query by time (listing, export,
-- purge, analytics) now bounds decision_id too, which the primary key and (tenant, decision_id)
-- serve. A lead's records are found through decision_external (its tenant filtered after).
-- The same script runs on the embedded H2 database and on PostgreSQL.
DROP INDEX decision_decided_at;
DROP INDEX decision_day;
DROP INDEX decision_tenant_day;
DROP INDEX decision_tenant_external;
