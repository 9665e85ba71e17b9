/**
 * The send path of standard queues: a whole batch in ONE statement (arrays through unnest), so a
 * batch costs one round trip and one commit. The NOTIFY rides in the same statement and is
 * delivered at its commit. FIFO queues take send-fifo.ts (sequence numbers, deduplication).
 */
import { randomUUID } from 'node:crypto';
import type { OutgoingMessage } from '../../../types';
import type { Queryable } from '../../connection';
import { AVAILABLE_CHANNEL } from '../rows';

const SEND_STANDARD = `
WITH q AS (SELECT fifo, retention_ms FROM queues WHERE name = $1),
ins AS (
  INSERT INTO queue_messages (queue, message_id, body, attributes, sent_at, visible_at, expires_at)
  SELECT $1, m.id, m.body, m.attributes, $2, $2 + m.delay_ms, $2 + q.retention_ms
  FROM unnest($3::text[], $4::text[], $5::text[], $6::bigint[]) WITH ORDINALITY AS m(id, body, attributes, delay_ms, ord)
  CROSS JOIN q
  -- FIFO queues are left to send-fifo.ts: this statement then inserts nothing.
  WHERE NOT q.fifo
  -- Batch order becomes seq order (arrival order).
  ORDER BY m.ord
  RETURNING 1
)
SELECT
  (SELECT fifo FROM q) AS fifo,
  -- Wake receivers on the other nodes, at commit; only when something is visible now ($7) and
  -- this node has no idle receiver of its own to take it ($8, remote-wake.ts).
  (SELECT count(pg_notify('${AVAILABLE_CHANNEL}', $1)) FROM q WHERE $7 AND $8 AND NOT q.fifo AND EXISTS (SELECT 1 FROM ins)) AS notified`;

/** 'fifo': the queue is FIFO and nothing was written; 'missing': no such queue. */
export type StandardSendOutcome = { messageIds: string[] } | 'fifo' | 'missing';

export async function sendStandard(db: Queryable, queue: string, messages: OutgoingMessage[], now: number, notifyOthers: boolean): Promise<StandardSendOutcome> {
  const messageIds = messages.map(() => randomUUID());
  const availableNow = messages.some((m) => m.delayMs <= 0);
  const { rows } = await db.query<{ fifo: boolean | null }>({ name: 'stratus_send', text: SEND_STANDARD, values: [
    queue,
    now,
    messageIds,
    messages.map((m) => m.body),
    messages.map((m) => m.attributes ?? null),
    messages.map((m) => m.delayMs),
    availableNow,
    notifyOthers,
  ] });
  const fifo = rows[0].fifo;
  if (fifo === null) return 'missing';
  return fifo ? 'fifo' : { messageIds };
}
