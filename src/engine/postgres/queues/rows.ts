/**
 * PostgreSQL specifics of the queue tables; row shapes, record mapping and receipt handles are
 * shared with SQLite (src/engine/shared/queue-rows.ts).
 */
export * from '../../shared/queue-rows';

/** The NOTIFY channel of queue availability; the payload is the queue name. */
export const AVAILABLE_CHANNEL = 'stratus_queue_available';

/** The columns a lease returns (after the UPDATE: receive_count and first_received_at are new). */
export const LEASED_COLUMNS = `m.seq, m.queue, m.message_id, m.body, m.attributes, m.sent_at, m.receive_count,
  m.first_received_at, m.receipt_token, m.group_id, m.deduplication_id, m.sequence_number, m.dead_letter_source`;

export class QueueNotFoundError extends Error {
  constructor(readonly queue: string) {
    super(`queue ${queue} does not exist`);
  }
}
