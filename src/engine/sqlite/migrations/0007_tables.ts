/** Migration 0007: DynamoDB tables, items, index entries and stream records (TableStore in engine/types/). */
export const sql = /* sql */ `
-- spec: the service's JSON (key schema, attribute definitions, indexes, TTL and stream settings).
CREATE TABLE dynamo_tables (
  name       TEXT PRIMARY KEY,
  spec       TEXT NOT NULL,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;

-- One row per item (idx = '') and per index entry (idx = the index name). pk/sk are the keys'
-- order-preserving byte encodings, so a Query is a range scan of the primary key. item_key is
-- the base item's key: '' for base rows, the item's key for index entries (unique tie-breaker,
-- and how an item's entries are found when it changes).
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

-- Scan order (and parallel-scan segments): by the partition key's hash, as DynamoDB scans.
CREATE INDEX dynamo_items_scan ON dynamo_items (table_name, idx, hash, pk, sk, item_key);
-- An item's index entries, replaced in the same transaction as the item.
CREATE INDEX dynamo_items_entries ON dynamo_items (table_name, item_key) WHERE idx <> '';
-- The TTL sweep looks only at items that have an expiry.
CREATE INDEX dynamo_items_expiry ON dynamo_items (expires_at) WHERE expires_at IS NOT NULL;

CREATE TABLE dynamo_stream_records (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  table_name TEXT NOT NULL,
  record     TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX dynamo_stream_records_created ON dynamo_stream_records (created_at);
CREATE INDEX dynamo_stream_records_table ON dynamo_stream_records (table_name, seq);

-- One row per stream consumer (a function's DynamoDB event): how far it got (NULL: not started)
-- and which node holds it (a lease renewed while it polls), so one node at a time delivers.
CREATE TABLE dynamo_stream_checkpoints (
  consumer    TEXT PRIMARY KEY,
  seq         INTEGER,
  owner       TEXT NOT NULL,
  lease_until INTEGER NOT NULL
) WITHOUT ROWID;
`;
