/** Purge, counts, peek and the retention sweep. */
import type { PeekedMessage, QueueCounts } from '../../../types';
import { inTransaction, type PgPool } from '../../connection';

// One pass over the queue's rows; expired rows are already gone for SQS, so they are not counted.
// in flight = leased and not visible yet; delayed = never received and not visible yet.
const COUNTS = `
SELECT
  count(*) FILTER (WHERE visible_at <= $2)                       AS visible,
  count(*) FILTER (WHERE visible_at > $2 AND receive_count > 0)  AS in_flight,
  count(*) FILTER (WHERE visible_at > $2 AND receive_count = 0)  AS delayed
FROM queue_messages WHERE queue = $1 AND expires_at > $2`;

// Inspection only: arrival order (seq), changes nothing, so it never counts as a receive.
const PEEK = `
SELECT message_id, body, attributes, sent_at, receive_count, visible_at, group_id, dead_letter_source
FROM queue_messages WHERE queue = $1 AND expires_at > $3 ORDER BY seq LIMIT $2`;

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

export function createMaintenance(pool: PgPool) {
  return {
    nextVisibleAt: (queue: string, now: number) => nextVisibleAt(pool, queue, now),
    purge: (queue: string, now: number): Promise<number> =>
      inTransaction(pool, async (client) => {
        await client.query(`UPDATE queues SET last_purged_at = $2 WHERE name = $1`, [queue, now]);
        return (await client.query(`DELETE FROM queue_messages WHERE queue = $1`, [queue])).rowCount ?? 0;
      }),
    async counts(queue: string, now: number): Promise<QueueCounts> {
      const r = (await pool.query<{ visible: number; in_flight: number; delayed: number }>(COUNTS, [queue, now])).rows[0];
      return { visible: r.visible, inFlight: r.in_flight, delayed: r.delayed };
    },
    sweep: (now: number): Promise<number> =>
      inTransaction(pool, async (client) => {
        await client.query(`DELETE FROM queue_dedup WHERE expires_at <= $1`, [now]);
        return (await client.query(`DELETE FROM queue_messages WHERE expires_at <= $1`, [now])).rowCount ?? 0;
      }),
    async peek(queue: string, max: number, now: number): Promise<PeekedMessage[]> {
      const { rows } = await pool.query<PeekRow>(PEEK, [queue, max, now]);
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

/** For the long poll of a FIFO queue: when the next delayed or leased message comes back. */
export async function nextVisibleAt(pool: PgPool, queue: string, now: number): Promise<number | undefined> {
  const { rows } = await pool.query<{ at: number | null }>(`SELECT min(visible_at) AS at FROM queue_messages WHERE queue = $1 AND visible_at > $2`, [queue, now]);
  return rows[0].at ?? undefined;
}
