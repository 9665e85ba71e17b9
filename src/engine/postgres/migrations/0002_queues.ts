/** Migration 0002 (PostgreSQL): durable queues with SQS's lease semantics (src/engine/postgres/queues/). */
export const sql = /* sql */ `
-- The typed columns are what the engine enforces; attributes/tags are the service's maps, stored
-- as JSON text and never queried by SQL. next_sequence: FIFO sequence numbers, advanced under the
-- row lock of this row (SELECT … FOR UPDATE), which also serialises a FIFO queue's receives.
CREATE TABLE queues (
  name              TEXT PRIMARY KEY,
  fifo              BOOLEAN NOT NULL,
  retention_ms      BIGINT NOT NULL,
  dead_letter_queue TEXT,
  max_receive_count INTEGER,
  attributes        TEXT NOT NULL,
  tags              TEXT NOT NULL,
  created_at        BIGINT NOT NULL,
  last_modified_at  BIGINT NOT NULL,
  last_purged_at    BIGINT,
  next_sequence     BIGINT NOT NULL DEFAULT 0
);

-- seq: arrival order in the current queue (a dead-letter or redrive move re-inserts the row).
-- visible_at is the whole lease: > now means delayed (receive_count = 0) or in flight.
-- receipt_token changes on every receive, so only the latest receipt handle matches.
-- fillfactor 80: every lease and release writes a new row version; free room on the page keeps
-- it on the same page under a hot queue.
CREATE TABLE queue_messages (
  seq                BIGSERIAL PRIMARY KEY,
  queue              TEXT NOT NULL REFERENCES queues (name) ON DELETE CASCADE,
  message_id         TEXT NOT NULL,
  body               TEXT NOT NULL,
  attributes         TEXT,
  sent_at            BIGINT NOT NULL,
  visible_at         BIGINT NOT NULL,
  expires_at         BIGINT NOT NULL,
  receive_count      INTEGER NOT NULL DEFAULT 0,
  first_received_at  BIGINT,
  receipt_token      TEXT,
  group_id           TEXT,
  deduplication_id   TEXT,
  sequence_number    TEXT,
  dead_letter_source TEXT
) WITH (fillfactor = 80);

-- The "available" predicate and its order: queue = $1 AND visible_at <= now ORDER BY visible_at, seq.
CREATE INDEX queue_messages_available ON queue_messages (queue, visible_at, seq);
-- FIFO: a group's messages in order, to deliver from the group's head.
CREATE INDEX queue_messages_group ON queue_messages (queue, group_id, seq) WHERE group_id IS NOT NULL;
CREATE INDEX queue_messages_expiry ON queue_messages (expires_at);

CREATE TABLE queue_dedup (
  queue           TEXT NOT NULL REFERENCES queues (name) ON DELETE CASCADE,
  dedup_key       TEXT NOT NULL,
  message_id      TEXT NOT NULL,
  sequence_number TEXT,
  expires_at      BIGINT NOT NULL,
  PRIMARY KEY (queue, dedup_key)
);

CREATE INDEX queue_dedup_expiry ON queue_dedup (expires_at);

-- up_to_seq bounds a task to what the source held when it started.
CREATE TABLE queue_move_tasks (
  task_id        TEXT PRIMARY KEY,
  source         TEXT NOT NULL,
  destination    TEXT,
  max_per_second INTEGER,
  status         TEXT NOT NULL,
  started_at     BIGINT NOT NULL,
  up_to_seq      BIGINT NOT NULL,
  to_move        BIGINT NOT NULL,
  moved          BIGINT NOT NULL DEFAULT 0,
  failure_reason TEXT
);

CREATE INDEX queue_move_tasks_source ON queue_move_tasks (source, started_at);
-- At most one RUNNING task per source, enforced across nodes.
CREATE UNIQUE INDEX queue_move_tasks_running ON queue_move_tasks (source) WHERE status = 'RUNNING';
`;
