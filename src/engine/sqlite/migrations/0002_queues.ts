/**
 * Migration 0002: durable queues with SQS's lease semantics (see src/engine/sqlite/queues/).
 * All times are epoch ms given by the caller; all JSON columns are opaque to SQL.
 */
export const sql = /* sql */ `
-- One row per queue. The typed columns are what the engine enforces (FIFO groups, retention,
-- redrive); attributes/tags are the service's maps, stored as JSON and never queried by SQL.
-- next_sequence: the per-queue counter behind FIFO sequence numbers.
CREATE TABLE queues (
  name              TEXT PRIMARY KEY,
  fifo              INTEGER NOT NULL,
  retention_ms      INTEGER NOT NULL,
  dead_letter_queue TEXT,
  max_receive_count INTEGER,
  attributes        TEXT NOT NULL,
  tags              TEXT NOT NULL,
  created_at        INTEGER NOT NULL,
  last_modified_at  INTEGER NOT NULL,
  last_purged_at    INTEGER,
  next_sequence     INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- seq (the rowid) is arrival order in the current queue: a dead-letter or redrive move
-- re-inserts the row so it queues behind what was already there.
-- visible_at is the whole lease: > now means delayed (receive_count = 0) or in flight.
-- receipt_token changes on every receive, so only the latest receipt handle matches.
-- expires_at = sent time + retention, precomputed so expiry is one range predicate.
CREATE TABLE queue_messages (
  seq               INTEGER PRIMARY KEY AUTOINCREMENT,
  queue             TEXT NOT NULL REFERENCES queues(name) ON DELETE CASCADE,
  message_id        TEXT NOT NULL,
  body              TEXT NOT NULL,
  attributes        TEXT,
  sent_at           INTEGER NOT NULL,
  visible_at        INTEGER NOT NULL,
  expires_at        INTEGER NOT NULL,
  receive_count     INTEGER NOT NULL DEFAULT 0,
  first_received_at INTEGER,
  receipt_token     TEXT,
  group_id          TEXT,
  deduplication_id  TEXT,
  sequence_number   TEXT,
  dead_letter_source TEXT
);

-- The "available" predicate: queue = ? AND visible_at <= now, in (visible_at, seq) order
-- (seq is the rowid, implicitly last in the index) — receive reads the head without a sort.
CREATE INDEX queue_messages_available ON queue_messages (queue, visible_at);
-- FIFO: a group's messages in order, to deliver from the group's head.
CREATE INDEX queue_messages_group ON queue_messages (queue, group_id, seq) WHERE group_id IS NOT NULL;
-- Retention sweep across all queues.
CREATE INDEX queue_messages_expiry ON queue_messages (expires_at);

-- FIFO deduplication window: a key seen within the window returns the original ids.
CREATE TABLE queue_dedup (
  queue           TEXT NOT NULL REFERENCES queues(name) ON DELETE CASCADE,
  dedup_key       TEXT NOT NULL,
  message_id      TEXT NOT NULL,
  sequence_number TEXT,
  expires_at      INTEGER NOT NULL,
  PRIMARY KEY (queue, dedup_key)
) WITHOUT ROWID;

CREATE INDEX queue_dedup_expiry ON queue_dedup (expires_at);

-- Message move tasks (DLQ redrive). up_to_seq bounds the task to what was in the source when
-- it started, so messages dead-lettered during the move wait for the next task, as in SQS.
CREATE TABLE queue_move_tasks (
  task_id        TEXT PRIMARY KEY,
  source         TEXT NOT NULL,
  destination    TEXT,
  max_per_second INTEGER,
  status         TEXT NOT NULL,
  started_at     INTEGER NOT NULL,
  up_to_seq      INTEGER NOT NULL,
  to_move        INTEGER NOT NULL,
  moved          INTEGER NOT NULL DEFAULT 0,
  failure_reason TEXT
) WITHOUT ROWID;

CREATE INDEX queue_move_tasks_source ON queue_move_tasks (source, started_at);
`;
