/**
 * Applies a FIFO receive's plan in one statement: expired rows dropped, rows over the redrive
 * limit moved to the dead-letter queue (new seq, same id/body/attributes/sent time/receive count;
 * a FIFO DLQ restarts retention, a standard one keeps the enqueue time — SQS Developer Guide,
 * "Using dead-letter queues"), the rest leased with a fresh receipt token.
 */
import type { ReceiveRequest, ReceivedMessage } from '../../../types';
import type { Queryable } from '../../connection';
import { LEASED_COLUMNS, toReceived, type MessageRow } from '../rows';
import type { FatePlan } from './receive-fifo';

export interface DeadLetterTarget {
  queue: string;
  maxReceiveCount: number;
  fifo: boolean;
  retentionMs: number;
}

const APPLY = `
WITH dead AS (
  INSERT INTO queue_messages (queue, message_id, body, attributes, sent_at, visible_at, expires_at, receive_count,
    first_received_at, group_id, deduplication_id, sequence_number, dead_letter_source)
  SELECT $5, m.message_id, m.body, m.attributes, m.sent_at, $1,
    CASE WHEN $6 THEN $1 ELSE m.sent_at END + $7,
    m.receive_count, m.first_received_at, m.group_id, m.deduplication_id, m.sequence_number, m.queue
  FROM unnest($4::bigint[]) WITH ORDINALITY AS x(seq, ord)
  CROSS JOIN LATERAL (SELECT * FROM queue_messages WHERE seq = x.seq LIMIT 1) AS m
  ORDER BY x.ord
),
gone AS (DELETE FROM queue_messages WHERE seq = ANY($3::bigint[]) OR seq = ANY($4::bigint[]))
UPDATE queue_messages m SET
  visible_at = $1 + $8,
  receive_count = m.receive_count + 1,
  first_received_at = coalesce(m.first_received_at, $1),
  receipt_token = replace(gen_random_uuid()::text, '-', '')
WHERE m.seq = ANY($2::bigint[])
RETURNING ${LEASED_COLUMNS}`;

/** Returns the leased messages in plan order. */
export async function applyFates(db: Queryable, plan: FatePlan, req: ReceiveRequest, deadLetter: DeadLetterTarget | undefined): Promise<ReceivedMessage[]> {
  const { rows } = await db.query<MessageRow>(APPLY, [
    req.now,
    plan.lease,
    plan.drop,
    plan.dead,
    deadLetter?.queue ?? null,
    deadLetter?.fifo ?? false,
    deadLetter?.retentionMs ?? 0,
    req.visibilityTimeoutMs,
  ]);
  const bySeq = new Map(rows.map((r) => [r.seq, r]));
  return plan.lease.map((seq) => toReceived(bySeq.get(seq)!));
}
