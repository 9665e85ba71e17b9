/**
 * The send path: a whole batch in one IMMEDIATE transaction (one commit per batch, not per
 * message). FIFO sends first consult the deduplication window and take sequence numbers from the
 * queue's counter inside the same transaction, so numbers are gap-free per commit and ordered.
 */
import { randomUUID } from 'node:crypto';
import type { OutgoingMessage, SentMessage } from '../../../types';
import type { SqliteDatabase } from '../../connection';
import { formatSequence } from '../rows';

/** SQS's deduplication interval: 5 minutes (SQS Developer Guide, "Exactly-once processing"). */
export const DEDUPLICATION_WINDOW_MS = 5 * 60_000;

const SELECT_QUEUE = `SELECT fifo, retention_ms, next_sequence FROM queues WHERE name = ?`;

const INSERT_MESSAGE = `
INSERT INTO queue_messages (queue, message_id, body, attributes, sent_at, visible_at, expires_at, group_id, deduplication_id, sequence_number)
VALUES (@queue, @message_id, @body, @attributes, @now, @visible_at, @expires_at, @group_id, @deduplication_id, @sequence_number)`;

// Only a live entry counts: an expired one is overwritten below by the new send.
const SELECT_DEDUP = `SELECT message_id, sequence_number FROM queue_dedup WHERE queue = ? AND dedup_key = ? AND expires_at > ?`;

const UPSERT_DEDUP = `
INSERT INTO queue_dedup (queue, dedup_key, message_id, sequence_number, expires_at) VALUES (?, ?, ?, ?, ?)
ON CONFLICT (queue, dedup_key) DO UPDATE SET
  message_id = excluded.message_id, sequence_number = excluded.sequence_number, expires_at = excluded.expires_at`;

const SET_SEQUENCE = `UPDATE queues SET next_sequence = ? WHERE name = ?`;

export class QueueNotFoundError extends Error {
  constructor(readonly queue: string) {
    super(`queue ${queue} does not exist`);
  }
}

export function prepareSend(db: SqliteDatabase) {
  const selectQueue = db.prepare(SELECT_QUEUE);
  const insert = db.prepare(INSERT_MESSAGE);
  const selectDedup = db.prepare(SELECT_DEDUP);
  const upsertDedup = db.prepare(UPSERT_DEDUP);
  const setSequence = db.prepare(SET_SEQUENCE);
  const sendBatch = db.transaction((queue: string, messages: OutgoingMessage[], now: number): SentMessage[] => {
    const q = selectQueue.get(queue) as { fifo: number; retention_ms: number; next_sequence: number } | undefined;
    if (!q) throw new QueueNotFoundError(queue);
    let sequence = q.next_sequence;
    const sent = messages.map((m): SentMessage => {
      if (q.fifo && m.deduplicationKey !== undefined) {
        const seen = selectDedup.get(queue, m.deduplicationKey, now) as
          | { message_id: string; sequence_number: string | null }
          | undefined;
        if (seen) return withSequence({ messageId: seen.message_id, duplicate: true }, seen.sequence_number ?? undefined);
      }
      const messageId = randomUUID();
      const sequenceNumber = q.fifo ? formatSequence(++sequence) : undefined;
      insert.run({
        queue,
        message_id: messageId,
        body: m.body,
        attributes: m.attributes ?? null,
        now,
        visible_at: now + m.delayMs,
        expires_at: now + q.retention_ms,
        group_id: m.groupId ?? null,
        deduplication_id: m.deduplicationId ?? null,
        sequence_number: sequenceNumber ?? null,
      });
      if (q.fifo && m.deduplicationKey !== undefined) {
        upsertDedup.run(queue, m.deduplicationKey, messageId, sequenceNumber ?? null, now + DEDUPLICATION_WINDOW_MS);
      }
      return withSequence({ messageId, duplicate: false }, sequenceNumber);
    });
    if (sequence !== q.next_sequence) setSequence.run(sequence, queue);
    return sent;
  });
  return (queue: string, messages: OutgoingMessage[], now: number) => sendBatch.immediate(queue, messages, now);
}

const withSequence = (sent: SentMessage, sequenceNumber: string | undefined): SentMessage =>
  sequenceNumber === undefined ? sent : { ...sent, sequenceNumber };
