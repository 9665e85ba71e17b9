/**
 * Row shapes of the queue tables, shared by every backend, and their mapping to the port's
 * records; receipt handles and sequence numbers have one format, so a handle reads the same on
 * either backend.
 */
import { randomFillSync } from 'node:crypto';
import type { QueueRecord, ReceivedMessage } from '../types';

export interface QueueRow {
  name: string;
  /** SQLite stores 0/1, PostgreSQL a boolean. */
  fifo: number | boolean;
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

export function toQueueRecord(r: QueueRow): QueueRecord {
  const redrive =
    r.dead_letter_queue !== null && r.max_receive_count !== null
      ? { deadLetterQueue: r.dead_letter_queue, maxReceiveCount: r.max_receive_count }
      : undefined;
  return {
    name: r.name,
    settings: { fifo: Boolean(r.fifo), retentionMs: r.retention_ms, ...(redrive && { redrive }) },
    attributes: JSON.parse(r.attributes),
    tags: JSON.parse(r.tags),
    createdAt: r.created_at,
    lastModifiedAt: r.last_modified_at,
    ...(r.last_purged_at !== null && { lastPurgedAt: r.last_purged_at }),
  };
}

/** A row just leased: receive_count, first_received_at and the new token are already applied. */
export function toReceived(r: Omit<MessageRow, 'visible_at' | 'expires_at'>, token: string = r.receipt_token!): ReceivedMessage {
  const m: ReceivedMessage = {
    messageId: r.message_id,
    receiptHandle: encodeHandle(r.queue, r.seq, token),
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

/** FIFO sequence numbers: 20 digits, as SQS formats them, so string order is numeric order. */
export const formatSequence = (n: number): string => String(n).padStart(20, '0');

/**
 * Random bytes for receipt tokens come from a refilled pool: randomBytes(12) per received message
 * was one getrandom call each, 5% of the main thread when draining a queue into a function.
 */
const TOKEN_BYTES = 12;
const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let poolOffset = POOL_BYTES;

/** A fresh token per receive: only the latest handle of a message matches its row. */
export function newReceiptToken(): string {
  if (poolOffset + TOKEN_BYTES > POOL_BYTES) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const token = pool.toString('base64url', poolOffset, poolOffset + TOKEN_BYTES);
  poolOffset += TOKEN_BYTES;
  return token;
}

/**
 * A receipt handle names the queue, the row and the receive: base64url("queue\0seq\0token").
 * Opaque to clients (as SQS's are); the row id makes delete a primary-key lookup.
 */
export function encodeHandle(queue: string, seq: number, token: string): string {
  return Buffer.from(`${queue}\u0000${seq}\u0000${token}`).toString('base64url');
}

export function decodeHandle(handle: string): { queue: string; seq: number; token: string } | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(handle)) return undefined;
  const parts = Buffer.from(handle, 'base64url').toString().split('\u0000');
  if (parts.length !== 3) return undefined;
  const seq = Number(parts[1]);
  if (!Number.isSafeInteger(seq) || seq <= 0 || parts[2] === '') return undefined;
  return { queue: parts[0], seq, token: parts[2] };
}
