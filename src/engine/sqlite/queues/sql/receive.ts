/**
 * The receive path: one IMMEDIATE transaction per call, so two processes never lease the same
 * message (the second waits on the write lock, then sees the first one's leases).
 *
 * Standard queues: the available head in (visible_at, seq) order straight off the
 * queue_messages_available index — "roughly FIFO", as SQS promises. FIFO queues: see receive-fifo.
 */
import type { ReceiveRequest, ReceiveResult, ReceivedMessage } from '../../../types';
import type { SqliteDatabase } from '../../connection';
import type { MessageRow, QueueRow } from '../rows';
import { prepareLease, type LeaseContext } from './lease';
import { prepareFifoReceive } from './receive-fifo';
import { QueueNotFoundError } from './send';

const SELECT_QUEUE = `SELECT name, fifo, dead_letter_queue, max_receive_count FROM queues WHERE name = ?`;

// Keyset page after (@after_visible, @after_seq): rows leased with a zero visibility timeout stay
// "available", and must not be picked twice by the same receive.
const SELECT_AVAILABLE = `
SELECT * FROM queue_messages
WHERE queue = @queue AND visible_at <= @now AND (visible_at, seq) > (@after_visible, @after_seq)
ORDER BY visible_at, seq LIMIT @limit`;

// For the long poll: when the next delayed or leased message comes back, if any.
const NEXT_VISIBLE = `SELECT min(visible_at) AS at FROM queue_messages WHERE queue = ? AND visible_at > ?`;

export function prepareReceive(db: SqliteDatabase, onMoved: (queue: string) => void) {
  const selectQueue = db.prepare(SELECT_QUEUE);
  const selectAvailable = db.prepare(SELECT_AVAILABLE);
  const nextVisible = db.prepare(NEXT_VISIBLE);
  const lease = prepareLease(db);
  const receiveFifo = prepareFifoReceive(db, lease);

  const receiveStandard = (ctx: LeaseContext, max: number): { messages: ReceivedMessage[]; deadLettered: boolean } => {
    const messages: ReceivedMessage[] = [];
    let deadLettered = false;
    let after = { visible: Number.MIN_SAFE_INTEGER, seq: 0 };
    while (messages.length < max) {
      const want = max - messages.length;
      const rows = selectAvailable.all({
        queue: ctx.queue,
        now: ctx.now,
        after_visible: after.visible,
        after_seq: after.seq,
        limit: want,
      }) as MessageRow[];
      for (const row of rows) {
        const outcome = lease.apply(ctx, row);
        if ('leased' in outcome) messages.push(outcome.leased);
        else if ('deadLettered' in outcome) deadLettered = true;
      }
      if (rows.length < want) break;
      const last = rows[rows.length - 1];
      after = { visible: last.visible_at, seq: last.seq };
    }
    return { messages, deadLettered };
  };

  const run = db.transaction((queue: string, req: ReceiveRequest) => {
    const q = selectQueue.get(queue) as Pick<QueueRow, 'name' | 'fifo' | 'dead_letter_queue' | 'max_receive_count'> | undefined;
    if (!q) throw new QueueNotFoundError(queue);
    const ctx = lease.context(q, req.now, req.visibilityTimeoutMs);
    const { messages, deadLettered } = q.fifo ? receiveFifo(ctx, req.max) : receiveStandard(ctx, req.max);
    const result: ReceiveResult = { messages };
    if (messages.length === 0) {
      const next = (nextVisible.get(queue, req.now) as { at: number | null }).at;
      if (next !== null) result.nextVisibleAt = next;
    }
    return { result, deadLetterQueue: deadLettered ? ctx.deadLetter?.queue : undefined };
  });

  return (queue: string, req: ReceiveRequest): ReceiveResult => {
    const { result, deadLetterQueue } = run.immediate(queue, req);
    if (deadLetterQueue) onMoved(deadLetterQueue);
    return result;
  };
}
