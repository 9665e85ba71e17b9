/**
 * Migration 0001 (PostgreSQL): logs. SQL text in a .ts module, as on SQLite, so it is found the
 * same way under tsx and inside the esbuild bundle. Times are epoch-ms BIGINTs on every backend.
 */
export const sql = /* sql */ `
-- stored_events is kept by append so listing stays O(groups). The row is also the per-group
-- append lock: append upserts it first, so appends to one group commit one after another.
CREATE TABLE log_groups (
  name          TEXT PRIMARY KEY,
  created_at    BIGINT NOT NULL,
  stored_events BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE log_streams (
  log_group      TEXT NOT NULL REFERENCES log_groups (name) ON DELETE CASCADE,
  name           TEXT NOT NULL,
  first_event_at BIGINT NOT NULL,
  last_event_at  BIGINT NOT NULL,
  PRIMARY KEY (log_group, name)
);

-- ids come from a sequence, which is NOT commit-ordered in general. They are drawn only while the
-- group's log_groups row is locked (see logs/sql/append.ts), so within a group — the scope of every
-- query — a later commit always has larger ids, and "id > cursor" never misses a late row.
CREATE TABLE log_events (
  id             BIGSERIAL PRIMARY KEY,
  log_group      TEXT NOT NULL,
  log_stream     TEXT NOT NULL,
  timestamp      BIGINT NOT NULL,
  ingestion_time BIGINT NOT NULL,
  message        TEXT NOT NULL
);

CREATE INDEX log_events_group_time ON log_events (log_group, timestamp, id);
CREATE INDEX log_events_group_id ON log_events (log_group, id);
`;
