/**
 * Message move tasks (SQS's DLQ redrive: StartMessageMoveTask and friends). A task is bounded by
 * the source's messages when it started (up_to_seq); each step moves a slice in one IMMEDIATE
 * transaction, so a task interrupted by a crash resumes where it stopped and never moves a
 * message twice. Pacing (MaxNumberOfMessagesPerSecond) is the caller's: it calls step on its clock.
 */
import { randomUUID } from 'node:crypto';
import type { MoveTaskRecord, MoveTaskStatus } from '../../../types';
import type { SqliteDatabase } from '../../connection';
import { formatSequence } from '../rows';

interface TargetRow {
  fifo: number;
  retention_ms: number;
  next_sequence: number;
}

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

const SELECT_TASK = `SELECT * FROM queue_move_tasks WHERE task_id = ?`;
const RUNNING_FOR_SOURCE = `SELECT task_id FROM queue_move_tasks WHERE source = ? AND status = 'RUNNING'`;
const SOURCE_EXTENT = `SELECT coalesce(max(seq), 0) AS up_to, count(*) AS n FROM queue_messages WHERE queue = ? AND expires_at > ?`;
const INSERT_TASK = `
INSERT INTO queue_move_tasks (task_id, source, destination, max_per_second, status, started_at, up_to_seq, to_move)
VALUES (@task_id, @source, @destination, @max_per_second, 'RUNNING', @now, @up_to, @to_move)`;
const LIST_TASKS = `SELECT * FROM queue_move_tasks WHERE source = ? ORDER BY started_at DESC, task_id LIMIT ?`;
const SET_STATUS = `UPDATE queue_move_tasks SET status = ?, failure_reason = ? WHERE task_id = ?`;
const ADD_MOVED = `UPDATE queue_move_tasks SET moved = moved + ? WHERE task_id = ?`;

// Only visible messages move: a message someone is processing right now stays where it is.
const NEXT_SLICE = `
SELECT seq, dead_letter_source FROM queue_messages
WHERE queue = @source AND seq <= @up_to AND visible_at <= @now ORDER BY seq LIMIT @limit`;
const TARGET = `SELECT fifo, retention_ms, next_sequence FROM queues WHERE name = ?`;
// A redriven message starts over in its new queue: no receives, a fresh retention period.
const MOVE = `
INSERT INTO queue_messages (queue, message_id, body, attributes, sent_at, visible_at, expires_at, group_id,
  deduplication_id, sequence_number)
SELECT @target, message_id, body, attributes, sent_at, @now, @now + @retention_ms, group_id, deduplication_id, @sequence
FROM queue_messages WHERE seq = @seq`;
const DELETE_ROW = `DELETE FROM queue_messages WHERE seq = ?`;
const SET_SEQUENCE = `UPDATE queues SET next_sequence = ? WHERE name = ?`;

export function prepareMoveTasks(db: SqliteDatabase, onAvailable: (queues: Iterable<string>) => void) {
  const s = {
    select: db.prepare(SELECT_TASK),
    running: db.prepare(RUNNING_FOR_SOURCE).pluck(),
    extent: db.prepare(SOURCE_EXTENT),
    insert: db.prepare(INSERT_TASK),
    list: db.prepare(LIST_TASKS),
    setStatus: db.prepare(SET_STATUS),
    addMoved: db.prepare(ADD_MOVED),
    slice: db.prepare(NEXT_SLICE),
    target: db.prepare(TARGET),
    move: db.prepare(MOVE),
    deleteRow: db.prepare(DELETE_ROW),
    setSequence: db.prepare(SET_SEQUENCE),
  };
  const get = (taskId: string) => {
    const row = s.select.get(taskId) as TaskRow | undefined;
    return row && toRecord(row);
  };

  const start = db.transaction((task: { source: string; destination?: string; maxPerSecond?: number }, now: number) => {
    if (s.running.get(task.source)) return undefined;
    const extent = s.extent.get(task.source, now) as { up_to: number; n: number };
    const taskId = randomUUID();
    s.insert.run({
      task_id: taskId,
      source: task.source,
      destination: task.destination ?? null,
      max_per_second: task.maxPerSecond ?? null,
      now,
      up_to: extent.up_to,
      to_move: extent.n,
    });
    return get(taskId);
  });

  const step = db.transaction((taskId: string, max: number, now: number) => {
    const task = s.select.get(taskId) as TaskRow | undefined;
    if (!task || task.status !== 'RUNNING') return { task: task && toRecord(task), targets: [] as string[] };
    const rows = s.slice.all({ source: task.source, up_to: task.up_to_seq, now, limit: max }) as {
      seq: number;
      dead_letter_source: string | null;
    }[];
    const targets = new Map<string, TargetRow>();
    let moved = 0;
    for (const row of rows) {
      const name = task.destination ?? row.dead_letter_source;
      const target = name === null ? undefined : (targets.get(name) ?? (s.target.get(name) as TargetRow | undefined));
      if (name === null || !target) {
        const reason = name === null ? 'Message was not moved from a source queue; specify a DestinationArn.' : `Destination queue ${name} does not exist.`;
        s.setStatus.run('FAILED', reason, taskId);
        break;
      }
      targets.set(name, target);
      const sequence = target.fifo ? formatSequence(++target.next_sequence) : null;
      s.move.run({ target: name, now, retention_ms: target.retention_ms, sequence, seq: row.seq });
      s.deleteRow.run(row.seq);
      moved++;
    }
    for (const [name, t] of targets) if (t.fifo) s.setSequence.run(t.next_sequence, name);
    if (moved > 0) s.addMoved.run(moved, taskId);
    if (rows.length < max && get(taskId)!.status === 'RUNNING') s.setStatus.run('COMPLETED', null, taskId);
    return { task: get(taskId), targets: [...targets.keys()] };
  });

  const cancel = db.transaction((taskId: string) => {
    const task = get(taskId);
    if (task?.status === 'RUNNING') s.setStatus.run('CANCELLED', null, taskId);
    return get(taskId);
  });

  return {
    start: (task: { source: string; destination?: string; maxPerSecond?: number }, now: number) => start.immediate(task, now),
    step(taskId: string, max: number, now: number): MoveTaskRecord | undefined {
      const { task, targets } = step.immediate(taskId, max, now);
      if (targets.length > 0) onAvailable(targets);
      return task;
    },
    cancel: (taskId: string) => cancel.immediate(taskId),
    get,
    list: (source: string, limit: number) => (s.list.all(source, limit) as TaskRow[]).map(toRecord),
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
