/**
 * Row shapes of the queue tables and their mapping to the port's records. Receipt handles and
 * sequence formatting are shared with SQLite (src/engine/sqlite/queues/rows.ts): same format, so a
 * handle reads the same on either backend.
 */
import type { QueueRecord, ReceivedMessage } from '../../types';
import { encodeHandle } from '../../sqlite/queues/rows';

export { decodeHandle, encodeHandle, formatSequence } from '../../sqlite/queues/rows';

/** The NOTIFY channel of queue availability; the payload is the queue name. */
export const AVAILABLE_CHANNEL = 'stratus_queue_available';

export interface QueueRow {
  name: string;
  fifo: boolean;
  retention_ms: number;
  dead_letter_queue: string | null;
  max_receive_count: number | null;
  attributes: string;
  tags: string;
  created_at: number;
  last_modified_at: number;
  last_purged_at: number | null;
  next_sequence: number;
}

export interface MessageRow {
  seq: number;
  queue: string;
  message_id: string;
  body: string;
  attributes: string | null;
  sent_at: number;
  visible_at: number;
  expires_at: number;
  receive_count: number;
  first_received_at: number | null;
  receipt_token: string | null;
  group_id: string | null;
  deduplication_id: string | null;
  sequence_number: string | null;
  dead_letter_source: string | null;
}

/** The columns a lease returns (after the UPDATE: receive_count and first_received_at are new). */
export const LEASED_COLUMNS = `m.seq, m.queue, m.message_id, m.body, m.attributes, m.sent_at, m.receive_count,
  m.first_received_at, m.receipt_token, m.group_id, m.deduplication_id, m.sequence_number, m.dead_letter_source`;

export function toQueueRecord(r: QueueRow): QueueRecord {
  const redrive =
    r.dead_letter_queue !== null && r.max_receive_count !== null
      ? { deadLetterQueue: r.dead_letter_queue, maxReceiveCount: r.max_receive_count }
      : undefined;
  return {
    name: r.name,
    settings: { fifo: r.fifo, retentionMs: r.retention_ms, ...(redrive && { redrive }) },
    attributes: JSON.parse(r.attributes),
    tags: JSON.parse(r.tags),
    createdAt: r.created_at,
    lastModifiedAt: r.last_modified_at,
    ...(r.last_purged_at !== null && { lastPurgedAt: r.last_purged_at }),
  };
}

/** A row as the lease UPDATE returned it. */
export function toReceived(r: Omit<MessageRow, 'visible_at' | 'expires_at'>): ReceivedMessage {
  const m: ReceivedMessage = {
    messageId: r.message_id,
    receiptHandle: encodeHandle(r.queue, r.seq, r.receipt_token!),
    body: r.body,
    sentAt: r.sent_at,
    firstReceivedAt: r.first_received_at!,
    receiveCount: r.receive_count,
  };
  if (r.attributes !== null) m.attributes = r.attributes;
  if (r.group_id !== null) m.groupId = r.group_id;
  if (r.deduplication_id !== null) m.deduplicationId = r.deduplication_id;
  if (r.sequence_number !== null) m.sequenceNumber = r.sequence_number;
  if (r.dead_letter_source !== null) m.deadLetterSource = r.dead_letter_source;
  return m;
}

export class QueueNotFoundError extends Error {
  constructor(readonly queue: string) {
    super(`queue ${queue} does not exist`);
  }
}
