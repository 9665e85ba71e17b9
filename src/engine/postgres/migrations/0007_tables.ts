/** Migration 0007 (PostgreSQL): DynamoDB tables, items, index entries and stream records (TableStore in engine/types/). */
export const sql = /* sql */ `
CREATE TABLE dynamo_tables (
  name       TEXT PRIMARY KEY,
  spec       TEXT NOT NULL,
  created_at BIGINT NOT NULL
);

-- Same layout as SQLite: BYTEA compares bytewise, so pk/sk ranges are index range scans.
CREATE TABLE dynamo_items (
  table_name TEXT NOT NULL,
  idx        TEXT NOT NULL,
  pk         BYTEA NOT NULL,
  sk         BYTEA NOT NULL,
  item_key   BYTEA NOT NULL,
  hash       BIGINT NOT NULL,
  item       TEXT NOT NULL,
  size       INTEGER NOT NULL,
  expires_at BIGINT,
  PRIMARY KEY (table_name, idx, pk, sk, item_key)
);

CREATE INDEX dynamo_items_scan ON dynamo_items (table_name, idx, hash, pk, sk, item_key);
CREATE INDEX dynamo_items_entries ON dynamo_items (table_name, item_key) WHERE idx <> '';
CREATE INDEX dynamo_items_expiry ON dynamo_items (expires_at) WHERE expires_at IS NOT NULL;

CREATE TABLE dynamo_stream_records (
  seq        BIGSERIAL PRIMARY KEY,
  table_name TEXT NOT NULL,
  record     TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX dynamo_stream_records_created ON dynamo_stream_records (created_at);
CREATE INDEX dynamo_stream_records_table ON dynamo_stream_records (table_name, seq);

-- One row per stream consumer (a function's DynamoDB event): how far it got (NULL: not started)
-- and which node holds it (a lease renewed while it polls), so one node at a time delivers.
CREATE TABLE dynamo_stream_checkpoints (
  consumer    TEXT PRIMARY KEY,
  seq         BIGINT,
  owner       TEXT NOT NULL,
  lease_until BIGINT NOT NULL
);
`;
