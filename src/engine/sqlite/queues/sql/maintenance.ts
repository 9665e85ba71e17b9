/** Purge, counts and the retention sweep. */
import type { PeekedMessage, QueueCounts } from '../../../types';

interface PeekRow {
  message_id: string;
  body: string;
  attributes: string | null;
  sent_at: number;
  receive_count: number;
  visible_at: number;
  group_id: string | null;
  dead_letter_source: string | null;
}
import type { SqliteDatabase } from '../../connection';

const PURGE = `DELETE FROM queue_messages WHERE queue = ?`;
const MARK_PURGED = `UPDATE queues SET last_purged_at = ? WHERE name = ?`;

// Expired rows are already gone for SQS, so they are not counted. in flight = leased and not
// visible yet; delayed = never received and not visible yet. Visible messages are counted on the
// (queue, visible_at) index alone (no table row read: a deep backlog of 20,000 messages took 15 ms
// a call with one pass over the rows), minus the expired ones found through the expiry index
// (normally none: the sweep removes them). Only not-yet-visible rows, normally few, are read.
const COUNT_VISIBLE = `
SELECT
  (SELECT count(*) FROM queue_messages INDEXED BY queue_messages_available WHERE queue = @queue AND visible_at <= @now)
  - (SELECT count(*) FROM queue_messages INDEXED BY queue_messages_expiry WHERE expires_at <= @now AND queue = @queue AND visible_at <= @now)
  AS visible`;
const COUNT_NOT_VISIBLE = `
SELECT
  coalesce(sum(receive_count > 0), 0)  AS in_flight,
  coalesce(sum(receive_count = 0), 0)  AS delayed
FROM queue_messages INDEXED BY queue_messages_available WHERE queue = @queue AND visible_at > @now AND expires_at > @now`;

// Inspection only: reads in arrival order (seq) and changes nothing, so it never counts as a receive.
const PEEK = `
SELECT message_id, body, attributes, sent_at, receive_count, visible_at, group_id, dead_letter_source
FROM queue_messages WHERE queue = @queue AND expires_at > @now ORDER BY seq LIMIT @max`;

// Range scans on the expiry indexes.
const SWEEP_MESSAGES = `DELETE FROM queue_messages WHERE expires_at <= ?`;
const SWEEP_DEDUP = `DELETE FROM queue_dedup WHERE expires_at <= ?`;

export function prepareMaintenance(db: SqliteDatabase) {
  const purge = db.prepare(PURGE);
  const markPurged = db.prepare(MARK_PURGED);
  const countVisible = db.prepare(COUNT_VISIBLE).pluck();
  const countNotVisible = db.prepare(COUNT_NOT_VISIBLE);
  // One read transaction, so the two halves see the same snapshot.
  const counts = db.transaction((queue: string, now: number) => ({
    visible: countVisible.get({ queue, now }) as number,
    ...(countNotVisible.get({ queue, now }) as { in_flight: number; delayed: number }),
  }));
  const sweepMessages = db.prepare(SWEEP_MESSAGES);
  const peek = db.prepare(PEEK);
  const sweepDedup = db.prepare(SWEEP_DEDUP);
  const purgeTx = db.transaction((queue: string, now: number) => {
    markPurged.run(now, queue);
    return purge.run(queue).changes;
  });
  const sweepTx = db.transaction((now: number) => {
    sweepDedup.run(now);
    return sweepMessages.run(now).changes;
  });
  return {
    purge: (queue: string, now: number): number => purgeTx.immediate(queue, now),
    counts(queue: string, now: number): QueueCounts {
      const r = counts(queue, now);
      return { visible: r.visible, inFlight: r.in_flight, delayed: r.delayed };
    },
    sweep: (now: number): number => sweepTx.immediate(now),
    peek(queue: string, max: number, now: number): PeekedMessage[] {
      const rows = peek.all({ queue, max, now }) as PeekRow[];
      return rows.map((r) => ({
        messageId: r.message_id,
        body: r.body,
        attributes: r.attributes ?? undefined,
        sentAt: r.sent_at,
        receiveCount: r.receive_count,
        state: r.visible_at <= now ? 'visible' : r.receive_count > 0 ? 'in-flight' : 'delayed',
        groupId: r.group_id ?? undefined,
        deadLetterSource: r.dead_letter_source ?? undefined,
      }));
    },
  };
}
