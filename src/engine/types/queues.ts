/*
 * Queues: durable messages with SQS's lease semantics (visibility, receive counts, dead-letter
 * moves, FIFO groups). Backend-neutral: every time is passed in as `now` (epoch ms) by the caller
 * — the engine never reads a clock — and every duration is in milliseconds. What SQS's API looks
 * like (attribute names, string values, errors) is the queues service's business, not the engine's.
 */

/** What the engine itself needs to know about a queue to enforce its rules. */
export interface QueueSettings {
  fifo: boolean;
  /** Messages older than this (since they were sent) are dropped (MessageRetentionPeriod). */
  retentionMs: number;
  /** Move a message to `deadLetterQueue` on the receive that would exceed `maxReceiveCount`. */
  redrive?: { deadLetterQueue: string; maxReceiveCount: number };
}

export interface QueueRecord {
  name: string;
  settings: QueueSettings;
  /** The service's own attribute map (SQS attribute names → string values), stored as given. */
  attributes: Record<string, string>;
  tags: Record<string, string>;
  createdAt: number;
  lastModifiedAt: number;
  lastPurgedAt?: number;
}

export interface NewQueue {
  name: string;
  settings: QueueSettings;
  attributes: Record<string, string>;
  tags?: Record<string, string>;
}

/** Replaces the fields given; omitted fields stay as they are. */
export interface QueueUpdate {
  settings?: QueueSettings;
  attributes?: Record<string, string>;
  tags?: Record<string, string>;
}

export interface OutgoingMessage {
  body: string;
  /** Opaque to the engine (the service's JSON of message and system attributes). */
  attributes?: string;
  /** Delay before first delivery; 0 = visible at once. */
  delayMs: number;
  /** FIFO only: ordering group. */
  groupId?: string;
  /** FIFO only: the deduplication id as given or derived (returned on receive). */
  deduplicationId?: string;
  /**
   * FIFO only: the key deduplication is checked on (the id, or group+id when the queue scopes
   * deduplication per message group). A second send with a live key stores nothing.
   */
  deduplicationKey?: string;
}

export interface SentMessage {
  messageId: string;
  /** FIFO only: 20-digit, strictly increasing per queue. */
  sequenceNumber?: string;
  /** True when a FIFO deduplication key matched: the ids are the original message's. */
  duplicate: boolean;
}

export interface ReceivedMessage {
  messageId: string;
  receiptHandle: string;
  body: string;
  attributes?: string;
  sentAt: number;
  firstReceivedAt: number;
  /** Including this receive. */
  receiveCount: number;
  groupId?: string;
  deduplicationId?: string;
  sequenceNumber?: string;
  /** Set on messages a redrive policy moved here: the source queue's name. */
  deadLetterSource?: string;
}

export interface ReceiveRequest {
  max: number;
  visibilityTimeoutMs: number;
  now: number;
}

export interface ReceiveResult {
  messages: ReceivedMessage[];
  /**
   * When nothing was returned: the earliest moment a message of this queue becomes visible (a
   * delay or a lease ending), so a long poll can sleep until then on its own clock.
   */
  nextVisibleAt?: number;
}

/**
 * Outcome per receipt handle. `stale`: the message exists but was received again since (a newer
 * handle), or no longer exists — SQS answers success for both without deleting anything.
 * `lapsed`: the handle is current but its lease ended (matters for FIFO deletes and
 * ChangeMessageVisibility). `invalid`: not a handle of this queue.
 */
export type HandleOutcome = 'ok' | 'stale' | 'lapsed' | 'invalid';

export interface PeekedMessage {
  messageId: string;
  body: string;
  attributes?: string;
  sentAt: number;
  receiveCount: number;
  state: 'visible' | 'in-flight' | 'delayed';
  groupId?: string;
  deadLetterSource?: string;
}

export interface QueueCounts {
  visible: number;
  inFlight: number;
  delayed: number;
}

export type MoveTaskStatus = 'RUNNING' | 'COMPLETED' | 'CANCELLING' | 'CANCELLED' | 'FAILED';

export interface MoveTaskRecord {
  taskId: string;
  source: string;
  /** Undefined: each message goes back to the queue it was dead-lettered from. */
  destination?: string;
  maxPerSecond?: number;
  status: MoveTaskStatus;
  startedAt: number;
  moved: number;
  /** Messages in the source when the task started (ApproximateNumberOfMessagesToMove). */
  toMove: number;
  failureReason?: string;
}

export interface QueueStore {
  /** Creates the queue unless one of that name exists; returns the stored record either way. */
  createQueue(queue: NewQueue, now: number): Promise<{ created: boolean; queue: QueueRecord }>;
  getQueue(name: string): Promise<QueueRecord | undefined>;
  /** Sorted by name. */
  listQueues(prefix?: string): Promise<QueueRecord[]>;
  updateQueue(name: string, update: QueueUpdate, now: number): Promise<QueueRecord | undefined>;
  /** Deletes the queue and its messages; false if it did not exist. */
  deleteQueue(name: string): Promise<boolean>;

  /** All messages in one transaction, results in input order. */
  send(queue: string, messages: OutgoingMessage[], now: number): Promise<SentMessage[]>;
  /**
   * One atomic lease of up to `max` messages. Drops expired messages and moves messages over
   * the redrive limit to the dead-letter queue in the same transaction.
   */
  receive(queue: string, request: ReceiveRequest): Promise<ReceiveResult>;
  delete(queue: string, receiptHandles: string[], now: number): Promise<HandleOutcome[]>;
  /** Sets the lease to end `visibilityTimeoutMs` after `now` (0 makes the message visible). */
  changeVisibility(
    queue: string,
    changes: { receiptHandle: string; visibilityTimeoutMs: number }[],
    now: number,
  ): Promise<HandleOutcome[]>;
  /** Deletes every message of the queue; returns how many. */
  purge(queue: string, now: number): Promise<number>;
  counts(queue: string, now: number): Promise<QueueCounts>;
  /** Up to `max` live messages in arrival order, read without leasing or counting a receive (for inspection). */
  peek(queue: string, max: number, now: number): Promise<PeekedMessage[]>;
  /** Drops expired messages and deduplication entries of every queue; returns messages dropped. */
  sweep(now: number): Promise<number>;

  /** Returns undefined when the source already has a RUNNING task. */
  startMoveTask(
    task: { source: string; destination?: string; maxPerSecond?: number },
    now: number,
  ): Promise<MoveTaskRecord | undefined>;
  /** Moves up to `max` messages of a RUNNING task in one transaction; completes it when done. */
  stepMoveTask(taskId: string, max: number, now: number): Promise<MoveTaskRecord | undefined>;
  cancelMoveTask(taskId: string, now: number): Promise<MoveTaskRecord | undefined>;
  getMoveTask(taskId: string): Promise<MoveTaskRecord | undefined>;
  /** Newest first. */
  listMoveTasks(source: string, limit: number): Promise<MoveTaskRecord[]>;

  /**
   * Calls `listener` after a commit made messages of `queue` available now (a send without
   * delay, a visibility change to 0, a dead-letter or redrive move into it). Returns the
   * unsubscribe function. Delays and lease ends are not signalled: use `nextVisibleAt`.
   */
  onAvailable(queue: string, listener: () => void): () => void;
}
