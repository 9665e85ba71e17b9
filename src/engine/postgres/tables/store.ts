/**
 * TableStore on PostgreSQL. A write is one transaction that first takes a transaction-scoped
 * advisory lock per target key (sorted, so two transactions never wait on each other in a
 * cycle): a lock on a key, not a row, also serialises writes of items that do not exist yet,
 * so `attribute_not_exists` conditions hold across nodes. Then read, decide, write, commit.
 */
import { createHash } from 'node:crypto';
import type { ItemPut, ItemTarget, RowKey, StoredRow, TableRecord, TableStore } from '../../types';
import { inTransaction, type PgPool, type Queryable } from '../connection';
import { itemKeyOf, queryStatement, scanStatement } from '../../shared/table-sql';
import { tableStatsOf, type IndexCountRow } from '../../shared/table-stats';

const EMPTY = Buffer.alloc(0);
const ROW = `pk, sk, item_key AS "itemKey", item`;
const GET_BASE = `SELECT ${ROW} FROM dynamo_items WHERE table_name = $1 AND idx = '' AND pk = $2 AND sk = $3 AND item_key = $4`;
const INSERT_ROW = `INSERT INTO dynamo_items (table_name, idx, pk, sk, item_key, hash, item, size, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`;
const APPEND_STREAM = `INSERT INTO dynamo_stream_records (table_name, record, created_at) VALUES ($1, $2, $3)`;

interface TableRow {
  name: string;
  spec: string;
  created_at: number;
}

const toTable = (r: TableRow): TableRecord => ({ name: r.name, spec: r.spec, createdAt: r.created_at });

async function readBase(db: Queryable, table: string, key: RowKey): Promise<StoredRow | undefined> {
  return (await db.query<StoredRow>(GET_BASE, [table, key.pk, key.sk, EMPTY])).rows[0];
}

async function removeItem(db: Queryable, table: string, key: RowKey): Promise<void> {
  await db.query(`DELETE FROM dynamo_items WHERE table_name = $1 AND idx = '' AND pk = $2 AND sk = $3 AND item_key = $4`, [table, key.pk, key.sk, EMPTY]);
  await db.query(`DELETE FROM dynamo_items WHERE table_name = $1 AND item_key = $2 AND idx <> ''`, [table, itemKeyOf(key.pk, key.sk)]);
}

async function putItem(db: Queryable, target: ItemTarget, put: ItemPut): Promise<void> {
  await removeItem(db, target.table, target);
  const itemKey = itemKeyOf(target.pk, target.sk);
  await db.query(INSERT_ROW, [target.table, '', target.pk, target.sk, EMPTY, put.hash, put.item, put.size, put.expiresAt ?? null]);
  for (const e of put.entries) await db.query(INSERT_ROW, [target.table, e.index, e.pk, e.sk, itemKey, e.hash, e.item, 0, null]);
}

/** A signed 64-bit lock id per (table, key). */
function lockId(target: ItemTarget): string {
  const digest = createHash('sha1').update(target.table).update('\0').update(itemKeyOf(target.pk, target.sk)).digest();
  return digest.readBigInt64BE(0).toString();
}

export function createPostgresTableStore(pool: PgPool): TableStore {
  return {
    async createTable(t) {
      const r = await pool.query(`INSERT INTO dynamo_tables (name, spec, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [t.name, t.spec, t.createdAt]);
      return r.rowCount === 1;
    },
    async getTable(name) {
      const row = (await pool.query<TableRow>(`SELECT name, spec, created_at FROM dynamo_tables WHERE name = $1`, [name])).rows[0];
      return row && toTable(row);
    },
    async listTables() {
      return (await pool.query<TableRow>(`SELECT name, spec, created_at FROM dynamo_tables ORDER BY name COLLATE "C"`)).rows.map(toTable);
    },
    async updateTable(name, spec) {
      return (await pool.query(`UPDATE dynamo_tables SET spec = $1 WHERE name = $2`, [spec, name])).rowCount === 1;
    },
    async deleteTable(name) {
      return inTransaction(pool, async (c) => {
        await c.query(`DELETE FROM dynamo_items WHERE table_name = $1`, [name]);
        await c.query(`DELETE FROM dynamo_stream_records WHERE table_name = $1`, [name]);
        return (await c.query(`DELETE FROM dynamo_tables WHERE name = $1`, [name])).rowCount === 1;
      });
    },
    async tableStats(name) {
      const { rows } = await pool.query<IndexCountRow>(
        `SELECT idx, count(*)::bigint AS n, coalesce(sum(size), 0)::bigint AS bytes FROM dynamo_items WHERE table_name = $1 GROUP BY idx`,
        [name],
      );
      return tableStatsOf(rows);
    },
    async getItems(table, keys) {
      if (keys.length === 1) return [await readBase(pool, table, keys[0])];
      // One snapshot for all keys (BatchGetItem, TransactGetItems).
      return inTransaction(pool, async (c) => {
        await c.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
        const out: (StoredRow | undefined)[] = [];
        for (const k of keys) out.push(await readBase(c, table, k));
        return out;
      });
    },
    async transact(targets, decide) {
      return inTransaction(pool, async (c) => {
        const locks = [...new Set(targets.map(lockId))].sort();
        for (const id of locks) await c.query(`SELECT pg_advisory_xact_lock($1::bigint)`, [id]);
        const current: (StoredRow | undefined)[] = [];
        for (const t of targets) current.push(await readBase(c, t.table, t));
        const decision = decide(current);
        for (let i = 0; i < targets.length; i++) {
          const w = decision.writes[i];
          if (w === 'delete') await removeItem(c, targets[i].table, targets[i]);
          else if (w) await putItem(c, targets[i], w);
        }
        for (const r of decision.stream ?? []) await c.query(APPEND_STREAM, [r.table, r.record, r.at]);
        return decision.result;
      });
    },
    async query(q) {
      const { text, params } = queryStatement(q, '$');
      return (await pool.query<StoredRow>(text, params)).rows;
    },
    async scan(s) {
      const { text, params } = scanStatement(s, '$');
      return (await pool.query(text, params)).rows;
    },
    async replaceIndex(table, index, entries) {
      await inTransaction(pool, async (c) => {
        await c.query(`DELETE FROM dynamo_items WHERE table_name = $1 AND idx = $2`, [table, index]);
        for (const e of entries) await c.query(INSERT_ROW, [table, index, e.pk, e.sk, e.itemKey, e.hash, e.item, 0, null]);
      });
    },
    async sweepExpired(nowSeconds, limit, toStream) {
      return inTransaction(pool, async (c) => {
        // SKIP LOCKED: two nodes sweeping at once take different items.
        const { rows } = await c.query<StoredRow & { tableName: string }>(
          `SELECT table_name AS "tableName", ${ROW} FROM dynamo_items WHERE expires_at IS NOT NULL AND expires_at <= $1 AND idx = '' LIMIT $2 FOR UPDATE SKIP LOCKED`,
          [nowSeconds, limit],
        );
        const out: { table: string; row: StoredRow }[] = [];
        for (const { tableName, ...row } of rows) {
          await removeItem(c, tableName, row);
          const record = toStream?.(tableName, row);
          if (record) await c.query(APPEND_STREAM, [record.table, record.record, record.at]);
          out.push({ table: tableName, row });
        }
        return out;
      });
    },
    async trimStream(before) {
      return (await pool.query(`DELETE FROM dynamo_stream_records WHERE created_at < $1`, [before])).rowCount ?? 0;
    },
    async readStream(table, afterSeq, limit) {
      return (
        await pool.query(`SELECT seq, table_name AS "table", record FROM dynamo_stream_records WHERE table_name = $1 AND seq > $2 ORDER BY seq LIMIT $3`, [
          table,
          afterSeq,
          limit,
        ])
      ).rows;
    },
    async latestStreamSeq(table) {
      return (await pool.query<{ n: number }>(`SELECT coalesce(max(seq), 0)::bigint AS n FROM dynamo_stream_records WHERE table_name = $1`, [table])).rows[0].n;
    },
    async leaseConsumer(consumer, owner, now, until) {
      // The upsert's WHERE: renew our own lease, or take one that ran out; never another's live one.
      await pool.query(
        `INSERT INTO dynamo_stream_checkpoints (consumer, seq, owner, lease_until) VALUES ($1, NULL, $2, $3)
         ON CONFLICT (consumer) DO UPDATE SET owner = excluded.owner, lease_until = excluded.lease_until
         WHERE dynamo_stream_checkpoints.owner = excluded.owner OR dynamo_stream_checkpoints.lease_until < $4`,
        [consumer, owner, until, now],
      );
      const row = (await pool.query<{ seq: number | null; owner: string }>(`SELECT seq, owner FROM dynamo_stream_checkpoints WHERE consumer = $1`, [consumer])).rows[0];
      return { held: row.owner === owner, ...(row.seq !== null && { seq: row.seq }) };
    },
    async releaseConsumer(consumer, owner) {
      await pool.query(`UPDATE dynamo_stream_checkpoints SET lease_until = 0 WHERE consumer = $1 AND owner = $2`, [consumer, owner]);
    },
    async getCheckpoint(consumer) {
      return (await pool.query<{ seq: number | null }>(`SELECT seq FROM dynamo_stream_checkpoints WHERE consumer = $1`, [consumer])).rows[0]?.seq ?? undefined;
    },
    async setCheckpoint(consumer, owner, seq) {
      return (await pool.query(`UPDATE dynamo_stream_checkpoints SET seq = $1 WHERE consumer = $2 AND owner = $3`, [seq, consumer, owner])).rowCount === 1;
    },
  };
}
