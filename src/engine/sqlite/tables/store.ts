/**
 * TableStore on SQLite. Every write is one IMMEDIATE transaction: read the targets, let the
 * service decide, write rows, entries and stream records, commit — so conditional writes and
 * TransactWriteItems are atomic, also against other processes sharing the file.
 */
import type { ItemPut, ItemTarget, RowKey, StoredRow, TableRecord, TableStore, TransactDecision } from '../../types';
import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase } from '../connection';
import { itemKeyOf, queryStatement, scanStatement } from '../../shared/table-sql';
import { tableStatsOf, type IndexCountRow } from '../../shared/table-stats';

const EMPTY = Buffer.alloc(0);

interface TableRow {
  name: string;
  spec: string;
  created_at: number;
}

const toTable = (r: TableRow): TableRecord => ({ name: r.name, spec: r.spec, createdAt: r.created_at });

export function createSqliteTableStore(db: SqliteDatabase): TableStore {
  const getBase = db.prepare(`SELECT pk, sk, item_key AS itemKey, item FROM dynamo_items WHERE table_name = ? AND idx = '' AND pk = ? AND sk = ? AND item_key = ?`);
  const deleteBase = db.prepare(`DELETE FROM dynamo_items WHERE table_name = ? AND idx = '' AND pk = ? AND sk = ? AND item_key = ?`);
  const deleteEntries = db.prepare(`DELETE FROM dynamo_items WHERE table_name = ? AND item_key = ? AND idx <> ''`);
  const insertRow = db.prepare(
    `INSERT INTO dynamo_items (table_name, idx, pk, sk, item_key, hash, item, size, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const appendStream = db.prepare(`INSERT INTO dynamo_stream_records (table_name, record, created_at) VALUES (?, ?, ?)`);
  const selectTable = db.prepare(`SELECT name, spec, created_at FROM dynamo_tables WHERE name = ?`);
  // Query and Scan SQL varies only with which clauses are present: a handful of texts, each prepared once.
  const statements = new Map<string, BetterSqlite3.Statement<unknown[]>>();
  const prepared = (text: string) => {
    let st = statements.get(text);
    if (!st) statements.set(text, (st = db.prepare(text)));
    return st;
  };

  const readBase = (table: string, key: RowKey) => getBase.get(table, key.pk, key.sk, EMPTY) as StoredRow | undefined;
  const removeItem = (table: string, key: RowKey) => {
    deleteBase.run(table, key.pk, key.sk, EMPTY);
    deleteEntries.run(table, itemKeyOf(key.pk, key.sk));
  };
  const putItem = (target: ItemTarget, put: ItemPut) => {
    removeItem(target.table, target);
    const itemKey = itemKeyOf(target.pk, target.sk);
    insertRow.run(target.table, '', target.pk, target.sk, EMPTY, put.hash, put.item, put.size, put.expiresAt ?? null);
    for (const e of put.entries) insertRow.run(target.table, e.index, e.pk, e.sk, itemKey, e.hash, e.item, 0, null);
  };

  // One snapshot for several keys (BatchGetItem); transactions made once, run many times.
  const readMany = db.transaction((table: string, keys: RowKey[]) => keys.map((k) => readBase(table, k)));
  const writeTransaction = db.transaction((targets: ItemTarget[], decide: (current: (StoredRow | undefined)[]) => TransactDecision<unknown>) => {
    const current = targets.map((t) => readBase(t.table, t));
    const decision = decide(current);
    decision.writes.forEach((w, i) => {
      const target = targets[i];
      if (w === 'delete') removeItem(target.table, target);
      else if (w) putItem(target, w);
    });
    for (const r of decision.stream ?? []) appendStream.run(r.table, r.record, r.at);
    return decision.result;
  });

  return {
    async createTable(t) {
      return db.prepare(`INSERT INTO dynamo_tables (name, spec, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`).run(t.name, t.spec, t.createdAt).changes === 1;
    },
    async getTable(name) {
      const row = selectTable.get(name) as TableRow | undefined;
      return row && toTable(row);
    },
    async listTables() {
      return (db.prepare(`SELECT name, spec, created_at FROM dynamo_tables ORDER BY name`).all() as TableRow[]).map(toTable);
    },
    async updateTable(name, spec) {
      return db.prepare(`UPDATE dynamo_tables SET spec = ? WHERE name = ?`).run(spec, name).changes === 1;
    },
    async deleteTable(name) {
      return db.transaction(() => {
        db.prepare(`DELETE FROM dynamo_items WHERE table_name = ?`).run(name);
        db.prepare(`DELETE FROM dynamo_stream_records WHERE table_name = ?`).run(name);
        return db.prepare(`DELETE FROM dynamo_tables WHERE name = ?`).run(name).changes === 1;
      }).immediate();
    },
    async tableStats(name) {
      const rows = db.prepare(`SELECT idx, count(*) AS n, coalesce(sum(size), 0) AS bytes FROM dynamo_items WHERE table_name = ? GROUP BY idx`).all(name) as IndexCountRow[];
      return tableStatsOf(rows);
    },
    async getItems(table, keys) {
      if (keys.length === 1) return [readBase(table, keys[0])];
      return readMany(table, keys);
    },
    async transact(targets, decide) {
      return writeTransaction.immediate(targets, decide) as never;
    },
    async query(q) {
      const { text, params } = queryStatement(q, '?');
      return prepared(text).all(...params) as StoredRow[];
    },
    async scan(s) {
      const { text, params } = scanStatement(s, '?');
      return prepared(text).all(...params) as never;
    },
    async replaceIndex(table, index, entries) {
      db.transaction(() => {
        db.prepare(`DELETE FROM dynamo_items WHERE table_name = ? AND idx = ?`).run(table, index);
        for (const e of entries) insertRow.run(table, index, e.pk, e.sk, e.itemKey, e.hash, e.item, 0, null);
      }).immediate();
    },
    async sweepExpired(nowSeconds, limit, toStream) {
      return db.transaction(() => {
        const rows = db
          .prepare(`SELECT table_name AS tableName, pk, sk, item_key AS itemKey, item FROM dynamo_items WHERE expires_at IS NOT NULL AND expires_at <= ? AND idx = '' LIMIT ?`)
          .all(nowSeconds, limit) as (StoredRow & { tableName: string })[];
        return rows.map(({ tableName, ...row }) => {
          removeItem(tableName, row);
          const record = toStream?.(tableName, row);
          if (record) appendStream.run(record.table, record.record, record.at);
          return { table: tableName, row };
        });
      }).immediate();
    },
    async trimStream(before) {
      return db.prepare(`DELETE FROM dynamo_stream_records WHERE created_at < ?`).run(before).changes;
    },
    async readStream(table, afterSeq, limit) {
      return db.prepare(`SELECT seq, table_name AS "table", record FROM dynamo_stream_records WHERE table_name = ? AND seq > ? ORDER BY seq LIMIT ?`).all(table, afterSeq, limit) as never;
    },
    async latestStreamSeq(table) {
      return (db.prepare(`SELECT coalesce(max(seq), 0) AS n FROM dynamo_stream_records WHERE table_name = ?`).get(table) as { n: number }).n;
    },
    async leaseConsumer(consumer, owner, now, until) {
      // The upsert's WHERE: renew our own lease, or take one that ran out; never another's live one.
      db.prepare(
        `INSERT INTO dynamo_stream_checkpoints (consumer, seq, owner, lease_until) VALUES (?, NULL, ?, ?)
         ON CONFLICT (consumer) DO UPDATE SET owner = excluded.owner, lease_until = excluded.lease_until
         WHERE dynamo_stream_checkpoints.owner = excluded.owner OR dynamo_stream_checkpoints.lease_until < ?`,
      ).run(consumer, owner, until, now);
      const row = db.prepare(`SELECT seq, owner FROM dynamo_stream_checkpoints WHERE consumer = ?`).get(consumer) as { seq: number | null; owner: string };
      return { held: row.owner === owner, ...(row.seq !== null && { seq: row.seq }) };
    },
    async releaseConsumer(consumer, owner) {
      db.prepare(`UPDATE dynamo_stream_checkpoints SET lease_until = 0 WHERE consumer = ? AND owner = ?`).run(consumer, owner);
    },
    async getCheckpoint(consumer) {
      return (db.prepare(`SELECT seq FROM dynamo_stream_checkpoints WHERE consumer = ?`).get(consumer) as { seq: number | null } | undefined)?.seq ?? undefined;
    },
    async setCheckpoint(consumer, owner, seq) {
      return db.prepare(`UPDATE dynamo_stream_checkpoints SET seq = ? WHERE consumer = ? AND owner = ?`).run(seq, consumer, owner).changes === 1;
    },
  };
}
