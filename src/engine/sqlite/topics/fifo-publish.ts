/**
 * A FIFO topic's publish bookkeeping in one IMMEDIATE transaction: a live deduplication entry
 * answers the original ids; otherwise the topic's counter gives the next sequence number and the
 * key is recorded until the window ends. Concurrent publishers (threads, processes) serialise on
 * SQLite's write lock, so one key publishes once.
 */
import type { FifoPublish } from '../../types';
import type { SqliteDatabase } from '../connection';

const SELECT_TOPIC = `SELECT next_sequence FROM topics WHERE name = ?`;
// Only a live entry counts: an expired one is overwritten by the upsert below.
const SELECT_DEDUP = `SELECT message_id, sequence_number FROM topic_dedup WHERE topic = ? AND dedup_key = ? AND expires_at > ?`;
const UPSERT_DEDUP = `
INSERT INTO topic_dedup (topic, dedup_key, message_id, sequence_number, expires_at) VALUES (?, ?, ?, ?, ?)
ON CONFLICT (topic, dedup_key) DO UPDATE SET
  message_id = excluded.message_id, sequence_number = excluded.sequence_number, expires_at = excluded.expires_at`;
const SET_SEQUENCE = `UPDATE topics SET next_sequence = ? WHERE name = ?`;
// Expired entries of the topic go in the same transaction, so the table stays as small as the window.
const DROP_EXPIRED = `DELETE FROM topic_dedup WHERE topic = ? AND expires_at <= ?`;

export type FifoPublishResult = { messageId: string; sequenceNumber: string; duplicate: boolean } | undefined;

export function prepareFifoPublish(db: SqliteDatabase) {
  const selectTopic = db.prepare(SELECT_TOPIC);
  const selectDedup = db.prepare(SELECT_DEDUP);
  const upsertDedup = db.prepare(UPSERT_DEDUP);
  const setSequence = db.prepare(SET_SEQUENCE);
  const dropExpired = db.prepare(DROP_EXPIRED);
  const run = db.transaction((topic: string, publish: FifoPublish, now: number): FifoPublishResult => {
    const row = selectTopic.get(topic) as { next_sequence: number } | undefined;
    if (!row) return undefined;
    const seen = selectDedup.get(topic, publish.deduplicationKey, now) as { message_id: string; sequence_number: string } | undefined;
    if (seen) return { messageId: seen.message_id, sequenceNumber: seen.sequence_number, duplicate: true };
    dropExpired.run(topic, now);
    const next = row.next_sequence + 1;
    const sequenceNumber = String(next).padStart(20, '0');
    setSequence.run(next, topic);
    upsertDedup.run(topic, publish.deduplicationKey, publish.messageId, sequenceNumber, now + publish.windowMs);
    return { messageId: publish.messageId, sequenceNumber, duplicate: false };
  });
  return (topic: string, publish: FifoPublish, now: number) => run.immediate(topic, publish, now);
}
