/*
 * Tables: the durable side of DynamoDB. The engine keeps table metadata (opaque to it, as JSON)
 * and item rows keyed by sortable byte strings the service computes (see
 * services/tables/key-encoding.ts): a Query by partition key with sort-key conditions is then a
 * range scan of one index, on both backends. Index entries (GSI/LSI) are rows of their own,
 * written and removed in the same transaction as their item. The engine never interprets items.
 */

/** A table as the service describes it; `spec` is the service's JSON (key schema, indexes, TTL …). */
export interface TableRecord {
  name: string;
  spec: string;
  createdAt: number;
}

/** Where one row lives: `index` is '' for the table itself, else the index name. */
export interface RowKey {
  pk: Buffer;
  /** Empty for tables and indexes without a sort key. */
  sk: Buffer;
}

/** One item (or index entry) as stored. `item` is the service's JSON text. */
export interface StoredRow extends RowKey {
  /** The base item's key (pk and sk, length-prefixed): unique per item, orders index ties. */
  itemKey: Buffer;
  item: string;
}

/** An item's new state: its base row plus every index entry it has. */
export interface ItemPut {
  item: string;
  /** DynamoDB's item size in bytes (for TableSizeBytes). */
  size: number;
  /** Scan order and parallel-scan segments: a 32-bit hash of the partition key. */
  hash: number;
  /** TTL: epoch seconds after which the sweep deletes the item. */
  expiresAt?: number;
  entries: IndexEntry[];
}

export interface IndexEntry extends RowKey {
  index: string;
  hash: number;
  item: string;
}

/** One key a transaction reads and may write. */
export interface ItemTarget extends RowKey {
  table: string;
}

/** Per target: a put, a delete, or no change (undefined). */
export type ItemWrite = ItemPut | 'delete' | undefined;

/** A stream record to append in the same transaction (DynamoDB Streams). */
export interface NewStreamRecord {
  table: string;
  record: string;
  /** Epoch ms: streams keep records for 24 hours (trimStream). */
  at: number;
}

export interface TransactDecision<T> {
  writes: ItemWrite[];
  stream?: NewStreamRecord[];
  result: T;
}

export type SortCondition =
  | { op: '=' | '<' | '<=' | '>' | '>='; value: Buffer }
  | { op: 'between'; low: Buffer; high: Buffer }
  /** Prefix match on bytes (begins_with on S and B sort keys). */
  | { op: 'prefix'; value: Buffer };

export interface RowQuery {
  table: string;
  index: string;
  pk: Buffer;
  sort?: SortCondition;
  forward: boolean;
  /** Continue after this row (exclusive): its sk and itemKey. */
  after?: { sk: Buffer; itemKey: Buffer };
  limit: number;
}

export interface RowScan {
  table: string;
  index: string;
  /** Inclusive lower and exclusive upper bound on the hash (parallel scan segments). */
  hashFrom: number;
  hashTo: number;
  after?: { hash: number; pk: Buffer; sk: Buffer; itemKey: Buffer };
  limit: number;
}

export interface ScannedRow extends StoredRow {
  hash: number;
}

export interface StoredStreamRecord {
  /** Monotonic per store: DynamoDB's SequenceNumber. */
  seq: number;
  table: string;
  record: string;
}

export interface TableStore {
  /** False when a table of that name exists already. */
  createTable(table: TableRecord): Promise<boolean>;
  getTable(name: string): Promise<TableRecord | undefined>;
  /** Sorted by name. */
  listTables(): Promise<TableRecord[]>;
  /** Replaces the spec; false when the table does not exist. */
  updateTable(name: string, spec: string): Promise<boolean>;
  /** Removes the table, its items, index entries and stream records. */
  deleteTable(name: string): Promise<boolean>;
  /** Live item count and size of the base table. */
  tableStats(name: string): Promise<{ itemCount: number; sizeBytes: number; indexCounts: Record<string, number> }>;

  /** Base rows by key (undefined where absent), in one consistent read. */
  getItems(table: string, keys: RowKey[]): Promise<(StoredRow | undefined)[]>;
  /**
   * Atomic read-decide-write: reads the targets' current base rows (locked on PostgreSQL, so
   * conditional writes from several nodes are serialised per key), calls `decide` synchronously,
   * and applies its writes and stream records in the same transaction. A throw from `decide`
   * rolls everything back and is rethrown.
   */
  transact<T>(targets: ItemTarget[], decide: (current: (StoredRow | undefined)[]) => TransactDecision<T>): Promise<T>;
  /** Rows of one partition of the table or an index, in sort order; one more row than `limit` tells "more". */
  query(query: RowQuery): Promise<StoredRow[]>;
  /** Rows in (hash, pk, sk, itemKey) order. */
  scan(scan: RowScan): Promise<ScannedRow[]>;
  /** Replaces every entry of one index with those given (backfill of a new GSI), or removes them. */
  replaceIndex(table: string, index: string, entries: (IndexEntry & { itemKey: Buffer })[]): Promise<void>;
  /**
   * Deletes up to `limit` items whose TTL passed (expiresAt <= nowSeconds) and returns them, with
   * the stream records `toStream` makes for each, in the same transaction.
   */
  sweepExpired(nowSeconds: number, limit: number, toStream?: (table: string, row: StoredRow) => NewStreamRecord | undefined): Promise<{ table: string; row: StoredRow }[]>;

  /** Deletes stream records written before `before` (epoch ms); returns how many. */
  trimStream(before: number): Promise<number>;
  /** Stream records of a table after `afterSeq`, oldest first. */
  readStream(table: string, afterSeq: number, limit: number): Promise<StoredStreamRecord[]>;
  /** The newest sequence number of the table's stream (0 when empty): LATEST. */
  latestStreamSeq(table: string): Promise<number>;
  /**
   * Takes or renews a consumer's lease (until `until`, epoch ms) unless another owner holds an
   * unexpired one (`now`): one node at a time reads a stream for a consumer. Returns whether
   * `owner` holds it, and the checkpoint (undefined before the first).
   */
  leaseConsumer(consumer: string, owner: string, now: number, until: number): Promise<{ held: boolean; seq?: number }>;
  /** Gives up `owner`'s lease at once (a clean shutdown), so another node takes over without waiting. */
  releaseConsumer(consumer: string, owner: string): Promise<void>;
  /** A consumer's checkpoint: the last sequence number it is done with (undefined when none). */
  getCheckpoint(consumer: string): Promise<number | undefined>;
  /** Moves the checkpoint; false (nothing changed) when `owner` no longer holds the lease. */
  setCheckpoint(consumer: string, owner: string, seq: number): Promise<boolean>;
}
