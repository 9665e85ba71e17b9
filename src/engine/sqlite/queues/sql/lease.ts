/**
 * What receive does to one candidate message, inside the receive transaction:
 * - past its retention → dropped (retention is enforced lazily here and by sweep);
 * - already received maxReceiveCount times → moved to the dead-letter queue instead of being
 *   returned: SQS moves a message "after the value of maxReceiveCount is exceeded", i.e. on the
 *   receive that would be number maxReceiveCount + 1 (SQS Developer Guide, "Using dead-letter
 *   queues"; RedrivePolicy in the CreateQueue API reference);
 * - otherwise → leased: new receipt token, visible again after the visibility timeout.
 */
import type { ReceivedMessage } from '../../../types';
import type { SqliteDatabase } from '../../connection';
import { newReceiptToken, toReceived, type MessageRow } from '../rows';

// The lease: one row by primary key. first_received_at keeps the first receive only.
const LEASE = `
UPDATE queue_messages SET visible_at = @visible_at, receive_count = receive_count + 1,
  first_received_at = COALESCE(first_received_at, @now), receipt_token = @token
WHERE seq = @seq`;

const DROP = `DELETE FROM queue_messages WHERE seq = ?`;

// Re-insert into the dead-letter queue (a new seq: it queues behind the DLQ's messages), keeping
// id, body, attributes, sent time and receive count. Retention: a standard DLQ keeps the original
// enqueue time, a FIFO DLQ restarts it (SQS Developer Guide, "Using dead-letter queues").
const DEAD_LETTER = `
INSERT INTO queue_messages (queue, message_id, body, attributes, sent_at, visible_at, expires_at, receive_count,
  first_received_at, group_id, deduplication_id, sequence_number, dead_letter_source)
SELECT @dlq, message_id, body, attributes, sent_at, @now,
  CASE WHEN @dlq_fifo THEN @now ELSE sent_at END + @dlq_retention_ms,
  receive_count, first_received_at, group_id, deduplication_id, sequence_number, queue
FROM queue_messages WHERE seq = @seq`;

const SELECT_DLQ = `SELECT fifo, retention_ms FROM queues WHERE name = ?`;

/** What receive needs to know about the queue it reads, looked up once per receive. */
export interface LeaseContext {
  queue: string;
  now: number;
  visibleAt: number;
  deadLetter?: { queue: string; maxReceiveCount: number; fifo: boolean; retentionMs: number };
}

export type LeaseOutcome = { leased: ReceivedMessage } | { dropped: true } | { deadLettered: true };

export function prepareLease(db: SqliteDatabase) {
  const lease = db.prepare(LEASE);
  const drop = db.prepare(DROP);
  const deadLetter = db.prepare(DEAD_LETTER);
  const selectDlq = db.prepare(SELECT_DLQ);
  return {
    context(
      queue: { name: string; dead_letter_queue: string | null; max_receive_count: number | null },
      now: number,
      visibilityTimeoutMs: number,
    ): LeaseContext {
      const ctx: LeaseContext = { queue: queue.name, now, visibleAt: now + visibilityTimeoutMs };
      // A redrive policy naming a queue that no longer exists moves nothing (messages stay).
      const dlq = queue.dead_letter_queue && (selectDlq.get(queue.dead_letter_queue) as { fifo: number; retention_ms: number } | undefined);
      if (dlq && queue.max_receive_count !== null) {
        ctx.deadLetter = {
          queue: queue.dead_letter_queue!,
          maxReceiveCount: queue.max_receive_count,
          fifo: dlq.fifo === 1,
          retentionMs: dlq.retention_ms,
        };
      }
      return ctx;
    },
    apply(ctx: LeaseContext, row: MessageRow): LeaseOutcome {
      if (row.expires_at <= ctx.now) {
        drop.run(row.seq);
        return { dropped: true };
      }
      const dl = ctx.deadLetter;
      if (dl && row.receive_count >= dl.maxReceiveCount) {
        deadLetter.run({ dlq: dl.queue, now: ctx.now, dlq_fifo: dl.fifo ? 1 : 0, dlq_retention_ms: dl.retentionMs, seq: row.seq });
        drop.run(row.seq);
        return { deadLettered: true };
      }
      const token = newReceiptToken();
      lease.run({ visible_at: ctx.visibleAt, now: ctx.now, token, seq: row.seq });
      const leased: MessageRow = {
        ...row,
        receive_count: row.receive_count + 1,
        first_received_at: row.first_received_at ?? ctx.now,
      };
      return { leased: toReceived(leased, token) };
    },
  };
}
