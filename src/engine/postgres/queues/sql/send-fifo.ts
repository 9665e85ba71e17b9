/**
 * The send path of FIFO queues, in one transaction. The queue row is locked first (FOR UPDATE):
 * FIFO sends of one queue serialise across nodes, so sequence numbers are gap-free per commit and
 * strictly increasing, and a deduplication key is recorded once. The batch itself still costs a
 * fixed number of statements (dedup lookup, insert, dedup upsert, counter), whatever its size.
 */
import { randomUUID } from 'node:crypto';
import type { OutgoingMessage, SentMessage } from '../../../types';
import { inTransaction, type PgPool } from '../../connection';
import { AVAILABLE_CHANNEL, QueueNotFoundError, formatSequence } from '../rows';

/** SQS's deduplication interval: 5 minutes (SQS Developer Guide, "Exactly-once processing"). */
export const DEDUPLICATION_WINDOW_MS = 5 * 60_000;

const LOCK_QUEUE = `SELECT retention_ms, next_sequence FROM queues WHERE name = $1 FOR UPDATE`;

// Only live entries count: an expired one is overwritten by the upsert below.
const SELECT_DEDUP = `
SELECT dedup_key, message_id, sequence_number FROM queue_dedup
WHERE queue = $1 AND dedup_key = ANY($2::text[]) AND expires_at > $3`;

const INSERT_MESSAGES = `
INSERT INTO queue_messages (queue, message_id, body, attributes, sent_at, visible_at, expires_at, group_id, deduplication_id, sequence_number)
SELECT $1, m.id, m.body, m.attributes, $2, $2 + m.delay_ms, $2 + $3, m.group_id, m.dedup_id, m.sequence
FROM unnest($4::text[], $5::text[], $6::text[], $7::bigint[], $8::text[], $9::text[], $10::text[])
  WITH ORDINALITY AS m(id, body, attributes, delay_ms, group_id, dedup_id, sequence, ord)
ORDER BY m.ord`;

const UPSERT_DEDUP = `
INSERT INTO queue_dedup (queue, dedup_key, message_id, sequence_number, expires_at)
SELECT $1, d.key, d.id, d.sequence, $2 FROM unnest($3::text[], $4::text[], $5::text[]) AS d(key, id, sequence)
ON CONFLICT (queue, dedup_key) DO UPDATE SET
  message_id = excluded.message_id, sequence_number = excluded.sequence_number, expires_at = excluded.expires_at`;

const SET_SEQUENCE = `UPDATE queues SET next_sequence = $2 WHERE name = $1`;

interface NewRow {
  id: string;
  message: OutgoingMessage;
  sequence: string;
}

export function sendFifo(pool: PgPool, queue: string, messages: OutgoingMessage[], now: number): Promise<SentMessage[]> {
  return inTransaction(pool, async (client) => {
    const q = (await client.query<{ retention_ms: number; next_sequence: number }>(LOCK_QUEUE, [queue])).rows[0];
    if (!q) throw new QueueNotFoundError(queue);
    const keys = messages.flatMap((m) => (m.deduplicationKey === undefined ? [] : [m.deduplicationKey]));
    const seen = new Map<string, { messageId: string; sequenceNumber?: string }>();
    if (keys.length > 0) {
      const { rows } = await client.query<{ dedup_key: string; message_id: string; sequence_number: string | null }>(SELECT_DEDUP, [queue, keys, now]);
      for (const r of rows) seen.set(r.dedup_key, { messageId: r.message_id, sequenceNumber: r.sequence_number ?? undefined });
    }
    let sequence = q.next_sequence;
    const fresh: NewRow[] = [];
    // A key repeated within the batch is a duplicate of its first occurrence, as on SQLite.
    const sent = messages.map((message): SentMessage => {
      const key = message.deduplicationKey;
      const original = key === undefined ? undefined : seen.get(key);
      if (original) return { ...original, duplicate: true };
      const row = { id: randomUUID(), message, sequence: formatSequence(++sequence) };
      fresh.push(row);
      if (key !== undefined) seen.set(key, { messageId: row.id, sequenceNumber: row.sequence });
      return { messageId: row.id, sequenceNumber: row.sequence, duplicate: false };
    });
    if (fresh.length === 0) return sent;
    await client.query(INSERT_MESSAGES, [
      queue,
      now,
      q.retention_ms,
      fresh.map((r) => r.id),
      fresh.map((r) => r.message.body),
      fresh.map((r) => r.message.attributes ?? null),
      fresh.map((r) => r.message.delayMs),
      fresh.map((r) => r.message.groupId ?? null),
      fresh.map((r) => r.message.deduplicationId ?? null),
      fresh.map((r) => r.sequence),
    ]);
    const deduped = fresh.filter((r) => r.message.deduplicationKey !== undefined);
    if (deduped.length > 0) {
      await client.query(UPSERT_DEDUP, [
        queue,
        now + DEDUPLICATION_WINDOW_MS,
        deduped.map((r) => r.message.deduplicationKey),
        deduped.map((r) => r.id),
        deduped.map((r) => r.sequence),
      ]);
    }
    await client.query(SET_SEQUENCE, [queue, sequence]);
    if (fresh.some((r) => r.message.delayMs <= 0)) await client.query(`SELECT pg_notify('${AVAILABLE_CHANNEL}', $1)`, [queue]);
    return sent;
  });
}
