/**
 * Message move tasks (SQS's DLQ redrive). A task is bounded by the source's highest seq when it
 * started (up_to_seq). Sequences are not commit-ordered, so a message committing into the source
 * just as the task starts may fall either side of the bound; every message is still moved at most
 * once. Each step moves a slice in one transaction with the task row locked, so two nodes stepping
 * one task never move a message twice, and a task interrupted by a crash resumes where it stopped.
 */
import { randomUUID } from 'node:crypto';
import type { MoveTaskRecord, MoveTaskStatus } from '../../../types';
import { inTransaction, type PgClient, type PgPool } from '../../connection';
import { AVAILABLE_CHANNEL, formatSequence } from '../rows';

interface TaskRow {
  task_id: string;
  source: string;
  destination: string | null;
  max_per_second: number | null;
  status: MoveTaskStatus;
  started_at: number;
  up_to_seq: number;
  to_move: number;
  moved: number;
  failure_reason: string | null;
}

// The partial unique index on (source) WHERE status = 'RUNNING' makes "one running task per
// source" hold across nodes: a second start inserts nothing.
const INSERT_TASK = `
INSERT INTO queue_move_tasks (task_id, source, destination, max_per_second, status, started_at, up_to_seq, to_move)
SELECT $1, $2, $3, $4, 'RUNNING', $5, coalesce(max(seq), 0), count(*)
FROM queue_messages WHERE queue = $2 AND expires_at > $5
ON CONFLICT (source) WHERE status = 'RUNNING' DO NOTHING
RETURNING *`;

// Only visible messages move: a message someone is processing stays where it is.
const NEXT_SLICE = `
SELECT seq, dead_letter_source FROM queue_messages
WHERE queue = $1 AND seq <= $2 AND visible_at <= $3 ORDER BY seq LIMIT $4
FOR UPDATE SKIP LOCKED`;
const LOCK_TARGET = `SELECT fifo, retention_ms, next_sequence FROM queues WHERE name = $1 FOR UPDATE`;
// A redriven message starts over in its new queue: no receives, a fresh retention period.
const MOVE = `
WITH moved AS (DELETE FROM queue_messages WHERE seq = $1 RETURNING *)
INSERT INTO queue_messages (queue, message_id, body, attributes, sent_at, visible_at, expires_at, group_id, deduplication_id, sequence_number)
SELECT $2, message_id, body, attributes, sent_at, $3::bigint, $3::bigint + $4::bigint, group_id, deduplication_id, $5 FROM moved`;

export function createMoveTasks(pool: PgPool, onAvailable: (queues: Iterable<string>) => void) {
  const select = async (db: Pick<PgClient, 'query'>, taskId: string, lock = false) =>
    (await db.query<TaskRow>(`SELECT * FROM queue_move_tasks WHERE task_id = $1${lock ? ' FOR UPDATE' : ''}`, [taskId])).rows[0];
  const setStatus = (client: PgClient, taskId: string, status: MoveTaskStatus, reason: string | null) =>
    client.query(`UPDATE queue_move_tasks SET status = $2, failure_reason = $3 WHERE task_id = $1`, [taskId, status, reason]);

  const step = (taskId: string, max: number, now: number) =>
    inTransaction(pool, async (client) => {
      const task = await select(client, taskId, true);
      if (!task || task.status !== 'RUNNING') return { task: task && toRecord(task), targets: [] as string[] };
      const { rows } = await client.query<{ seq: number; dead_letter_source: string | null }>(NEXT_SLICE, [task.source, task.up_to_seq, now, max]);
      const targets = new Map<string, { fifo: boolean; retention_ms: number; next_sequence: number }>();
      let moved = 0;
      for (const row of rows) {
        const name = task.destination ?? row.dead_letter_source;
        const target = name === null ? undefined : (targets.get(name) ?? (await client.query(LOCK_TARGET, [name])).rows[0]);
        if (name === null || !target) {
          const reason = name === null ? 'Message was not moved from a source queue; specify a DestinationArn.' : `Destination queue ${name} does not exist.`;
          await setStatus(client, taskId, 'FAILED', reason);
          break;
        }
        targets.set(name, target);
        const sequence = target.fifo ? formatSequence(++target.next_sequence) : null;
        await client.query(MOVE, [row.seq, name, now, target.retention_ms, sequence]);
        moved++;
      }
      for (const [name, t] of targets) if (t.fifo) await client.query(`UPDATE queues SET next_sequence = $2 WHERE name = $1`, [name, t.next_sequence]);
      if (moved > 0) await client.query(`UPDATE queue_move_tasks SET moved = moved + $2 WHERE task_id = $1`, [taskId, moved]);
      if (rows.length < max && (await select(client, taskId)).status === 'RUNNING') await setStatus(client, taskId, 'COMPLETED', null);
      for (const name of targets.keys()) await client.query(`SELECT pg_notify('${AVAILABLE_CHANNEL}', $1)`, [name]);
      return { task: toRecord(await select(client, taskId)), targets: [...targets.keys()] };
    });

  return {
    async start(task: { source: string; destination?: string; maxPerSecond?: number }, now: number): Promise<MoveTaskRecord | undefined> {
      const { rows } = await pool.query<TaskRow>(INSERT_TASK, [randomUUID(), task.source, task.destination ?? null, task.maxPerSecond ?? null, now]);
      return rows[0] && toRecord(rows[0]);
    },
    async step(taskId: string, max: number, now: number): Promise<MoveTaskRecord | undefined> {
      const { task, targets } = await step(taskId, max, now);
      if (targets.length > 0) onAvailable(targets);
      return task;
    },
    async cancel(taskId: string): Promise<MoveTaskRecord | undefined> {
      const { rows } = await pool.query<TaskRow>(
        `UPDATE queue_move_tasks SET status = CASE WHEN status = 'RUNNING' THEN 'CANCELLED' ELSE status END WHERE task_id = $1 RETURNING *`,
        [taskId],
      );
      return rows[0] && toRecord(rows[0]);
    },
    get: async (taskId: string) => {
      const row = await select(pool, taskId);
      return row && toRecord(row);
    },
    list: async (source: string, limit: number) =>
      (await pool.query<TaskRow>(`SELECT * FROM queue_move_tasks WHERE source = $1 ORDER BY started_at DESC, task_id LIMIT $2`, [source, limit])).rows.map(toRecord),
  };
}

function toRecord(r: TaskRow): MoveTaskRecord {
  return {
    taskId: r.task_id,
    source: r.source,
    ...(r.destination !== null && { destination: r.destination }),
    ...(r.max_per_second !== null && { maxPerSecond: r.max_per_second }),
    status: r.status,
    startedAt: r.started_at,
    moved: r.moved,
    toMove: r.to_move,
    ...(r.failure_reason !== null && { failureReason: r.failure_reason }),
  };
}
