CREATE TABLE log_events (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  log_group      TEXT NOT NULL,
  log_stream     TEXT NOT NULL,
  timestamp      INTEGER NOT NULL,
  ingestion_time INTEGER NOT NULL,
  message        TEXT NOT NULL
);

CREATE TABLE log_groups (
  name          TEXT PRIMARY KEY,
  created_at    INTEGER NOT NULL,
  stored_events INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE TABLE log_streams (
  log_group      TEXT NOT NULL REFERENCES log_groups(name) ON DELETE CASCADE,
  name           TEXT NOT NULL,
  first_event_at INTEGER NOT NULL,
  last_event_at  INTEGER NOT NULL,
  PRIMARY KEY (log_group, name)
) WITHOUT ROWID;

CREATE TABLE schema_migrations (
  version    INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  applied_at INTEGER NOT NULL
);

CREATE INDEX log_events_group_id ON log_events (log_group, id);

CREATE INDEX log_events_group_time ON log_events (log_group, timestamp);
