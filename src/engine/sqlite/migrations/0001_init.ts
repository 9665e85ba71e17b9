/**
 * Migration 0001: the first schema. Kept as SQL text in a .ts module (not a .sql file) so it is
 * found the same way under tsx (tests, source) and inside the esbuild bundle dist/cli.js, with no
 * asset copying and no path resolution at run time.
 */
export const sql = /* sql */ `
-- Log groups exist on their own (CreateLogGroup) and are also created by the first append, as
-- Lambda does for /aws/lambda/<name>. stored_events is kept by append so listing stays O(groups).
CREATE TABLE log_groups (
  name          TEXT PRIMARY KEY,
  created_at    INTEGER NOT NULL,
  stored_events INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- One row per stream, first/last times maintained by append: DescribeLogStreams without a scan.
CREATE TABLE log_streams (
  log_group      TEXT NOT NULL REFERENCES log_groups(name) ON DELETE CASCADE,
  name           TEXT NOT NULL,
  first_event_at INTEGER NOT NULL,
  last_event_at  INTEGER NOT NULL,
  PRIMARY KEY (log_group, name)
) WITHOUT ROWID;

-- AUTOINCREMENT: ids are never reused, even after deletes, so an id is a safe follow cursor.
-- SQLite serialises writers, so ids also grow in commit order: a reader that has seen id N
-- can never later find a committed row with a smaller id.
CREATE TABLE log_events (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  log_group      TEXT NOT NULL,
  log_stream     TEXT NOT NULL,
  timestamp      INTEGER NOT NULL,
  ingestion_time INTEGER NOT NULL,
  message        TEXT NOT NULL
);

-- Time-window reads (--since, FilterLogEvents startTime/endTime) within a group.
CREATE INDEX log_events_group_time ON log_events (log_group, timestamp);
-- Cursor reads (follow: id > afterId) within a group.
CREATE INDEX log_events_group_id ON log_events (log_group, id);
`;
