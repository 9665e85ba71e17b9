/**
 * A FIFO topic's publish bookkeeping in one transaction. The topic row is locked first (FOR
 * UPDATE), so concurrent publishers on any node serialise per topic: one key publishes once and
 * sequence numbers are gap-free and strictly increasing.
 */
import type { FifoPublish } from '../../types';
import { inTransaction, type PgPool } from '../connection';

const LOCK_TOPIC = `SELECT next_sequence FROM topics WHERE name = $1 FOR UPDATE`;
// Only a live entry counts: an expired one is overwritten by the upsert below.
const SELECT_DEDUP = `SELECT message_id, sequence_number FROM topic_dedup WHERE topic = $1 AND dedup_key = $2 AND expires_at > $3`;
const UPSERT_DEDUP = `
INSERT INTO topic_dedup (topic, dedup_key, message_id, sequence_number, expires_at) VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (topic, dedup_key) DO UPDATE SET
  message_id = excluded.message_id, sequence_number = excluded.sequence_number, expires_at = excluded.expires_at`;
const SET_SEQUENCE = `UPDATE topics SET next_sequence = $1 WHERE name = $2`;
// Expired entries of the topic go in the same transaction, so the table stays as small as the window.
const DROP_EXPIRED = `DELETE FROM topic_dedup WHERE topic = $1 AND expires_at <= $2`;

export type FifoPublishResult = { messageId: string; sequenceNumber: string; duplicate: boolean } | undefined;

export function recordFifoPublish(pool: PgPool, topic: string, publish: FifoPublish, now: number): Promise<FifoPublishResult> {
  return inTransaction(pool, async (client) => {
    const row = (await client.query<{ next_sequence: number }>(LOCK_TOPIC, [topic])).rows[0];
    if (!row) return undefined;
    const seen = (await client.query<{ message_id: string; sequence_number: string }>(SELECT_DEDUP, [topic, publish.deduplicationKey, now])).rows[0];
    if (seen) return { messageId: seen.message_id, sequenceNumber: seen.sequence_number, duplicate: true };
    await client.query(DROP_EXPIRED, [topic, now]);
    const next = row.next_sequence + 1;
    const sequenceNumber = String(next).padStart(20, '0');
    await client.query(SET_SEQUENCE, [next, topic]);
    await client.query(UPSERT_DEDUP, [topic, publish.deduplicationKey, publish.messageId, sequenceNumber, now + publish.windowMs]);
    return { messageId: publish.messageId, sequenceNumber, duplicate: false };
  });
}
