/** Queue metadata: create, read, list, update, delete. Small table, one statement each. */
import type { NewQueue, QueueRecord, QueueUpdate } from '../../../types';
import type { PgPool } from '../../connection';
import { toQueueRecord, type QueueRow } from '../rows';

// DO NOTHING, then read back: two nodes creating one queue at once both get the stored record,
// and the caller compares attributes (SQS's QueueNameExists rule).
const INSERT_QUEUE = `
INSERT INTO queues (name, fifo, retention_ms, dead_letter_queue, max_receive_count, attributes, tags, created_at, last_modified_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
ON CONFLICT (name) DO NOTHING`;

const SELECT_QUEUE = `SELECT * FROM queues WHERE name = $1`;

// starts_with rather than LIKE: queue names contain `_`, a LIKE wildcard.
const LIST_QUEUES = `SELECT * FROM queues WHERE starts_with(name, $1) ORDER BY name`;

// COALESCE per column: only the fields given change; last_modified_at moves with attributes.
const UPDATE_QUEUE = `
UPDATE queues SET
  retention_ms      = COALESCE($3, retention_ms),
  dead_letter_queue = CASE WHEN $4 THEN $5 ELSE dead_letter_queue END,
  max_receive_count = CASE WHEN $4 THEN $6::integer ELSE max_receive_count END,
  attributes        = COALESCE($7, attributes),
  tags              = COALESCE($8, tags),
  last_modified_at  = CASE WHEN $7::text IS NOT NULL THEN $2 ELSE last_modified_at END
WHERE name = $1
RETURNING *`;

export function createCatalog(pool: PgPool) {
  const get = async (name: string): Promise<QueueRecord | undefined> => {
    const row = (await pool.query<QueueRow>(SELECT_QUEUE, [name])).rows[0];
    return row && toQueueRecord(row);
  };
  return {
    async create(q: NewQueue, now: number) {
      const s = q.settings;
      const { rowCount } = await pool.query(INSERT_QUEUE, [
        q.name,
        s.fifo,
        s.retentionMs,
        s.redrive?.deadLetterQueue ?? null,
        s.redrive?.maxReceiveCount ?? null,
        JSON.stringify(q.attributes),
        JSON.stringify(q.tags ?? {}),
        now,
      ]);
      return { created: rowCount === 1, queue: (await get(q.name))! };
    },
    get,
    list: async (prefix: string) => (await pool.query<QueueRow>(LIST_QUEUES, [prefix])).rows.map(toQueueRecord),
    async update(name: string, u: QueueUpdate, now: number) {
      const { rows } = await pool.query<QueueRow>(UPDATE_QUEUE, [
        name,
        now,
        u.settings?.retentionMs ?? null,
        u.settings !== undefined,
        u.settings?.redrive?.deadLetterQueue ?? null,
        u.settings?.redrive?.maxReceiveCount ?? null,
        u.attributes ? JSON.stringify(u.attributes) : null,
        u.tags ? JSON.stringify(u.tags) : null,
      ]);
      return rows[0] && toQueueRecord(rows[0]);
    },
    /** Messages and dedup entries go by ON DELETE CASCADE. */
    delete: async (name: string) => (await pool.query(`DELETE FROM queues WHERE name = $1`, [name])).rowCount === 1,
  };
}
