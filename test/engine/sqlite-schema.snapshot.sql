CREATE TABLE bucket_objects (
  bucket        TEXT NOT NULL REFERENCES buckets (name) ON DELETE CASCADE,
  key           TEXT NOT NULL,
  size          INTEGER NOT NULL,
  etag          TEXT NOT NULL,
  headers       TEXT NOT NULL,
  metadata      TEXT NOT NULL,
  tags          TEXT NOT NULL,
  checksum      TEXT,
  parts_count   INTEGER,
  last_modified INTEGER NOT NULL,
  blob_id       TEXT NOT NULL,
  PRIMARY KEY (bucket, key)
) WITHOUT ROWID;

CREATE TABLE bucket_upload_parts (
  upload_id     TEXT NOT NULL REFERENCES bucket_uploads (upload_id) ON DELETE CASCADE,
  part_number   INTEGER NOT NULL,
  size          INTEGER NOT NULL,
  etag          TEXT NOT NULL,
  last_modified INTEGER NOT NULL,
  blob_id       TEXT NOT NULL,
  PRIMARY KEY (upload_id, part_number)
) WITHOUT ROWID;

CREATE TABLE bucket_uploads (
  upload_id TEXT PRIMARY KEY,
  bucket    TEXT NOT NULL REFERENCES buckets (name) ON DELETE CASCADE,
  key       TEXT NOT NULL,
  headers   TEXT NOT NULL,
  metadata  TEXT NOT NULL,
  tags      TEXT NOT NULL,
  initiated INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE buckets (
  name         TEXT PRIMARY KEY,
  region       TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  cors         TEXT,
  notification TEXT,
  tags         TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE dynamo_items (
  table_name TEXT NOT NULL,
  idx        TEXT NOT NULL,
  pk         BLOB NOT NULL,
  sk         BLOB NOT NULL,
  item_key   BLOB NOT NULL,
  hash       INTEGER NOT NULL,
  item       TEXT NOT NULL,
  size       INTEGER NOT NULL,
  expires_at INTEGER,
  PRIMARY KEY (table_name, idx, pk, sk, item_key)
) WITHOUT ROWID;

CREATE TABLE dynamo_stream_checkpoints (
  consumer    TEXT PRIMARY KEY,
  seq         INTEGER,
  owner       TEXT NOT NULL,
  lease_until INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE dynamo_stream_records (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  table_name TEXT NOT NULL,
  record     TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE dynamo_tables (
  name       TEXT PRIMARY KEY,
  spec       TEXT NOT NULL,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE event_buses (
  name   TEXT PRIMARY KEY,
  body   TEXT NOT NULL,
  origin TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE event_rules (
  bus    TEXT NOT NULL REFERENCES event_buses (name) ON DELETE CASCADE,
  name   TEXT NOT NULL,
  body   TEXT NOT NULL,
  origin TEXT NOT NULL,
  PRIMARY KEY (bus, name)
) WITHOUT ROWID;

CREATE TABLE event_rules_version (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL
);

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

CREATE TABLE mail_identities (
  identity   TEXT PRIMARY KEY,
  type       TEXT NOT NULL,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE mail_messages (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  message_id      TEXT NOT NULL UNIQUE,
  origin          TEXT NOT NULL,
  operation       TEXT NOT NULL,
  sender          TEXT NOT NULL,
  to_addresses    TEXT NOT NULL,
  cc_addresses    TEXT NOT NULL,
  bcc_addresses   TEXT NOT NULL,
  reply_to        TEXT NOT NULL,
  recipients      TEXT NOT NULL,
  recipient_count INTEGER NOT NULL,
  subject         TEXT,
  text_body       TEXT,
  html_body       TEXT,
  raw             BLOB,
  details         TEXT NOT NULL,
  sent_at         INTEGER NOT NULL,
  relay_status    TEXT,
  relay_detail    TEXT,
  relay_at        INTEGER
);

CREATE TABLE queue_dedup (
  queue           TEXT NOT NULL REFERENCES queues(name) ON DELETE CASCADE,
  dedup_key       TEXT NOT NULL,
  message_id      TEXT NOT NULL,
  sequence_number TEXT,
  expires_at      INTEGER NOT NULL,
  PRIMARY KEY (queue, dedup_key)
) WITHOUT ROWID;

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

CREATE TABLE schedule_outbox (
  key         TEXT NOT NULL,
  tick        INTEGER NOT NULL,
  lease_until INTEGER NOT NULL,
  PRIMARY KEY (key, tick)
) WITHOUT ROWID;

CREATE TABLE schedule_state (
  key          TEXT PRIMARY KEY,
  created_at   INTEGER NOT NULL,
  last_fired   INTEGER,
  completed_at INTEGER
) WITHOUT ROWID;

CREATE TABLE schema_migrations (
  version    INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  applied_at INTEGER NOT NULL
);

CREATE TABLE topic_dedup (
  topic           TEXT NOT NULL REFERENCES topics (name) ON DELETE CASCADE,
  dedup_key       TEXT NOT NULL,
  message_id      TEXT NOT NULL,
  sequence_number TEXT NOT NULL,
  expires_at      INTEGER NOT NULL,
  PRIMARY KEY (topic, dedup_key)
) WITHOUT ROWID;

CREATE TABLE topic_subscriptions (
  arn        TEXT PRIMARY KEY,
  topic      TEXT NOT NULL REFERENCES topics (name) ON DELETE CASCADE,
  protocol   TEXT NOT NULL,
  endpoint   TEXT NOT NULL,
  attributes TEXT NOT NULL,
  confirmed  INTEGER NOT NULL,
  token      TEXT,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE topics (
  name                  TEXT PRIMARY KEY,
  fifo                  INTEGER NOT NULL,
  attributes            TEXT NOT NULL,
  tags                  TEXT NOT NULL,
  created_at            INTEGER NOT NULL,
  subscriptions_deleted INTEGER NOT NULL DEFAULT 0,
  next_sequence         INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE TABLE ws_connections (
  connection_id  TEXT PRIMARY KEY,
  api_id         TEXT NOT NULL,
  stage          TEXT NOT NULL,
  node           TEXT NOT NULL,
  connected_at   INTEGER NOT NULL,
  last_active_at INTEGER NOT NULL,
  source_ip      TEXT NOT NULL,
  user_agent     TEXT
) WITHOUT ROWID;

CREATE INDEX bucket_uploads_by_bucket ON bucket_uploads (bucket, key, initiated);

CREATE INDEX dynamo_items_entries ON dynamo_items (table_name, item_key) WHERE idx <> '';

CREATE INDEX dynamo_items_expiry ON dynamo_items (expires_at) WHERE expires_at IS NOT NULL;

CREATE INDEX dynamo_items_scan ON dynamo_items (table_name, idx, hash, pk, sk, item_key);

CREATE INDEX dynamo_stream_records_created ON dynamo_stream_records (created_at);

CREATE INDEX dynamo_stream_records_table ON dynamo_stream_records (table_name, seq);

CREATE INDEX log_events_group_id ON log_events (log_group, id);

CREATE INDEX log_events_group_time ON log_events (log_group, timestamp);

CREATE INDEX mail_messages_pending_relay ON mail_messages (id) WHERE relay_status = 'pending';

CREATE INDEX mail_messages_sent_at ON mail_messages (sent_at);

CREATE INDEX queue_dedup_expiry ON queue_dedup (expires_at);

CREATE INDEX queue_messages_available ON queue_messages (queue, visible_at);

CREATE INDEX queue_messages_expiry ON queue_messages (expires_at);

CREATE INDEX queue_messages_group ON queue_messages (queue, group_id, seq) WHERE group_id IS NOT NULL;

CREATE INDEX queue_move_tasks_source ON queue_move_tasks (source, started_at);

CREATE INDEX schedule_outbox_lease ON schedule_outbox (lease_until);

CREATE UNIQUE INDEX topic_subscriptions_endpoint ON topic_subscriptions (topic, protocol, endpoint);

CREATE INDEX topic_subscriptions_order ON topic_subscriptions (topic, created_at, arn);

CREATE INDEX ws_connections_api ON ws_connections (api_id, connected_at);

CREATE INDEX ws_connections_node ON ws_connections (node);
