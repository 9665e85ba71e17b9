/** Queue metadata: create, read, list, update, delete. Small table, short statements. */
import type { NewQueue, QueueRecord, QueueUpdate } from '../../../types';
import type { SqliteDatabase } from '../../connection';
import { toQueueRecord, type QueueRow } from '../rows';

// DO NOTHING, then read back: two processes creating one queue at once both get the stored
// record, and the caller can compare attributes (SQS's QueueNameExists rule).
const INSERT_QUEUE = `
INSERT INTO queues (name, fifo, retention_ms, dead_letter_queue, max_receive_count, attributes, tags, created_at, last_modified_at)
VALUES (@name, @fifo, @retention_ms, @dead_letter_queue, @max_receive_count, @attributes, @tags, @now, @now)
ON CONFLICT (name) DO NOTHING`;

const SELECT_QUEUE = `SELECT * FROM queues WHERE name = ?`;

// substr rather than LIKE: queue names contain `_`, a LIKE wildcard.
const LIST_QUEUES = `SELECT * FROM queues WHERE substr(name, 1, length(@prefix)) = @prefix ORDER BY name`;

// COALESCE per column: only the fields given change; last_modified_at always moves.
const UPDATE_QUEUE = `
UPDATE queues SET
  retention_ms      = COALESCE(@retention_ms, retention_ms),
  dead_letter_queue = CASE WHEN @has_settings THEN @dead_letter_queue ELSE dead_letter_queue END,
  max_receive_count = CASE WHEN @has_settings THEN @max_receive_count ELSE max_receive_count END,
  attributes        = COALESCE(@attributes, attributes),
  tags              = COALESCE(@tags, tags),
  last_modified_at  = CASE WHEN @attributes IS NOT NULL THEN @now ELSE last_modified_at END
WHERE name = @name`;

const DELETE_QUEUE = `DELETE FROM queues WHERE name = ?`;

export function prepareCatalog(db: SqliteDatabase) {
  const insert = db.prepare(INSERT_QUEUE);
  const select = db.prepare(SELECT_QUEUE);
  const list = db.prepare(LIST_QUEUES);
  const update = db.prepare(UPDATE_QUEUE);
  const remove = db.prepare(DELETE_QUEUE);
  const get = (name: string): QueueRecord | undefined => {
    const row = select.get(name) as QueueRow | undefined;
    return row && toQueueRecord(row);
  };
  const create = db.transaction((q: NewQueue, now: number) => {
    const { changes } = insert.run({
      name: q.name,
      fifo: q.settings.fifo ? 1 : 0,
      retention_ms: q.settings.retentionMs,
      dead_letter_queue: q.settings.redrive?.deadLetterQueue ?? null,
      max_receive_count: q.settings.redrive?.maxReceiveCount ?? null,
      attributes: JSON.stringify(q.attributes),
      tags: JSON.stringify(q.tags ?? {}),
      now,
    });
    return { created: changes === 1, queue: get(q.name)! };
  });
  const patch = db.transaction((name: string, u: QueueUpdate, now: number) => {
    update.run({
      name,
      now,
      has_settings: u.settings ? 1 : 0,
      retention_ms: u.settings?.retentionMs ?? null,
      dead_letter_queue: u.settings?.redrive?.deadLetterQueue ?? null,
      max_receive_count: u.settings?.redrive?.maxReceiveCount ?? null,
      attributes: u.attributes ? JSON.stringify(u.attributes) : null,
      tags: u.tags ? JSON.stringify(u.tags) : null,
    });
    return get(name);
  });
  return {
    create: (q: NewQueue, now: number) => create.immediate(q, now),
    get,
    list: (prefix: string) => (list.all({ prefix }) as QueueRow[]).map(toQueueRecord),
    update: (name: string, u: QueueUpdate, now: number) => patch.immediate(name, u, now),
    /** Messages and dedup entries go by ON DELETE CASCADE. */
    delete: (name: string) => remove.run(name).changes === 1,
  };
}
