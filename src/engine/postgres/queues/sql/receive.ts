/**
 * The receive path of standard queues: ONE statement leases up to `max` messages, drops expired
 * ones and moves those over the redrive limit to the dead-letter queue, atomically. SQS moves a
 * message "after the value of maxReceiveCount is exceeded", i.e. on the receive that would be
 * number maxReceiveCount + 1 (SQS Developer Guide, "Using dead-letter queues"). A standard DLQ
 * keeps the original enqueue time for retention, a FIFO DLQ restarts it (same page).
 * FIFO queues take receive-fifo.ts.
 */
import type { ReceiveRequest, ReceivedMessage } from '../../../types';
import type { Queryable } from '../../connection';
import { AVAILABLE_CHANNEL, LEASED_COLUMNS, toReceived, type MessageRow } from '../rows';

const RECEIVE_STANDARD = `
WITH cfg AS (
  -- The queue and its dead-letter queue, if the redrive policy names one that exists.
  SELECT q.fifo, q.max_receive_count, d.name AS dlq, d.fifo AS dlq_fifo, d.retention_ms AS dlq_retention_ms
  FROM queues q LEFT JOIN queues d ON d.name = q.dead_letter_queue
  WHERE q.name = $1
),
picked AS (
  SELECT m.seq, m.visible_at, m.expires_at, m.receive_count FROM queue_messages m
  -- The available head, straight off queue_messages_available; $5 excludes rows this receive
  -- already leased in an earlier round (a zero visibility timeout leaves them "available").
  WHERE m.queue = $1 AND m.visible_at <= $2 AND m.seq <> ALL($5::bigint[])
    AND NOT (SELECT fifo FROM cfg)
  ORDER BY m.visible_at, m.seq
  -- One more than asked: when it exists, messages are left behind and the store passes the
  -- wake-up on to another receiver (it stays untouched, locked only until this statement ends).
  LIMIT $3 + 1
  -- Rows another receive (any node) is leasing right now are passed over, not waited for:
  -- concurrent receivers take disjoint messages and never block each other.
  FOR UPDATE OF m SKIP LOCKED
),
fate AS (
  SELECT p.seq, p.visible_at, CASE
    WHEN row_number() OVER (ORDER BY p.visible_at, p.seq) > $3 THEN 'extra'
    WHEN p.expires_at <= $2 THEN 'expired'
    WHEN cfg.dlq IS NOT NULL AND p.receive_count >= cfg.max_receive_count THEN 'dead'
    ELSE 'lease' END AS fate
  FROM picked p CROSS JOIN cfg
),
dead AS (
  -- A new row (new seq) in the DLQ: it queues behind what is there; id, body, attributes, sent
  -- time and receive count are kept.
  INSERT INTO queue_messages (queue, message_id, body, attributes, sent_at, visible_at, expires_at, receive_count,
    first_received_at, group_id, deduplication_id, sequence_number, dead_letter_source)
  SELECT cfg.dlq, m.message_id, m.body, m.attributes, m.sent_at, $2,
    CASE WHEN cfg.dlq_fifo THEN $2 ELSE m.sent_at END + cfg.dlq_retention_ms,
    m.receive_count, m.first_received_at, m.group_id, m.deduplication_id, m.sequence_number, m.queue
  FROM fate f JOIN queue_messages m ON m.seq = f.seq CROSS JOIN cfg
  WHERE f.fate = 'dead'
  ORDER BY f.visible_at, f.seq
  RETURNING 1
),
gone AS (
  -- Expired and dead-lettered rows leave the source in the same statement.
  DELETE FROM queue_messages m USING fate f WHERE m.seq = f.seq AND f.fate IN ('expired', 'dead')
),
leased AS (
  -- The lease: hidden until now + visibility timeout, one more receive, a fresh receipt token
  -- (only the latest handle matches), first_received_at kept from the first receive.
  UPDATE queue_messages m SET
    visible_at = $2 + $4,
    receive_count = m.receive_count + 1,
    first_received_at = coalesce(m.first_received_at, $2),
    receipt_token = replace(gen_random_uuid()::text, '-', '')
  FROM fate f WHERE m.seq = f.seq AND f.fate = 'lease'
  RETURNING f.visible_at AS was_visible_at, ${LEASED_COLUMNS}
)
SELECT s.*, l.* FROM (
  SELECT
    (SELECT fifo FROM cfg) AS fifo,
    (SELECT dlq FROM cfg) AS dlq,
    (SELECT count(*) FROM picked) AS picked,
    (SELECT count(*) FROM dead) AS dead,
    -- For the long poll: when the next delayed or leased message comes back. Only looked up
    -- when nothing was leased (the CASE runs the subquery only then).
    CASE WHEN NOT EXISTS (SELECT 1 FROM fate WHERE fate = 'lease')
      THEN (SELECT min(visible_at) FROM queue_messages WHERE queue = $1 AND visible_at > $2) END AS next_visible_at,
    -- Wake the DLQ's receivers on every node, at commit.
    (SELECT count(pg_notify('${AVAILABLE_CHANNEL}', cfg.dlq)) FROM cfg WHERE EXISTS (SELECT 1 FROM dead)) AS notified
) s LEFT JOIN leased l ON true
ORDER BY l.was_visible_at, l.seq`;

type Row = Partial<MessageRow> & {
  fifo: boolean | null;
  dlq: string | null;
  picked: number;
  dead: number;
  next_visible_at: number | null;
};

export type StandardReceiveOutcome =
  | 'fifo'
  | 'missing'
  /** `more`: available messages were left behind (another receiver should be woken). */
  | { messages: ReceivedMessage[]; more: boolean; nextVisibleAt?: number; deadLetterQueue?: string };

export async function receiveStandard(db: Queryable, queue: string, req: ReceiveRequest): Promise<StandardReceiveOutcome> {
  const messages: ReceivedMessage[] = [];
  const leasedSeqs: number[] = [];
  let deadLetterQueue: string | undefined;
  let nextVisibleAt: number | undefined;
  let more = false;
  // More than one round only when expired or dead-lettered rows took places in the batch.
  while (messages.length < req.max) {
    const want = req.max - messages.length;
    const { rows } = await db.query<Row>({ name: 'stratus_receive', text: RECEIVE_STANDARD, values: [queue, req.now, want, req.visibilityTimeoutMs, leasedSeqs] });
    const head = rows[0];
    if (head.fifo === null) return 'missing';
    if (head.fifo) return 'fifo';
    if (head.dead > 0) deadLetterQueue = head.dlq ?? undefined;
    // The LEFT JOIN gives one row with no message when nothing was leased.
    const leased = rows.filter((row) => row.seq !== null && row.seq !== undefined) as MessageRow[];
    for (const row of leased) {
      messages.push(toReceived(row));
      leasedSeqs.push(row.seq);
    }
    nextVisibleAt = head.next_visible_at ?? undefined;
    more = head.picked > want;
    // Fewer rows than asked: the queue has no more available now. All leased: the batch is full.
    const taken = Math.min(head.picked, want);
    if (taken < want || leased.length === taken) break;
  }
  return {
    messages,
    more,
    ...(messages.length === 0 && nextVisibleAt !== undefined && { nextVisibleAt }),
    ...(deadLetterQueue && { deadLetterQueue }),
  };
}
