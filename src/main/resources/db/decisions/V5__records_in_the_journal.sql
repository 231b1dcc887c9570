-- On the embedded database a record's JSON stays where its answer made it durable, the decision
-- journal (decisions-journal/ in the data directory): the row's record is NULL and record_at holds the
-- position of its frame (segment number << 32 | offset). decision_journal says how far the journal is
-- stored, so that a start after a kill stores only what lies beyond it. On PostgreSQL record holds the
-- JSON as before and neither is used. Rows written before this migration keep their record.
-- The same script runs on the embedded H2 database and on PostgreSQL.
ALTER TABLE decision ADD COLUMN record_at BIGINT;
ALTER TABLE decision ALTER COLUMN record DROP NOT NULL;

CREATE TABLE decision_journal (
    id        INT    NOT NULL PRIMARY KEY,
    stored_to BIGINT NOT NULL
);
INSERT INTO decision_journal (id, stored_to) VALUES (1, 0);
