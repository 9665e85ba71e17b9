/**
 * The engine port: durable primitives with one interface and several backends (SQLite embedded,
 * PostgreSQL later). Every method is async so a networked backend fits the same shape.
 */

export interface LogEventInput {
  group: string;
  stream: string;
  /** Epoch ms the line was produced. */
  timestamp: number;
  message: string;
}

export interface StoredLogEvent extends LogEventInput {
  /** Monotonic id across the store: the cursor for follow/tail. */
  id: number;
  ingestionTime: number;
}

export interface LogQuery {
  group: string;
  stream?: string;
  /** Inclusive lower bound on timestamp (epoch ms). */
  since?: number;
  until?: number;
  /**
   * Only events with id greater than this (follow cursor). When given, results come in id order
   * (commit order) so "id > last seen" pages and follows without gaps; otherwise in timestamp
   * order with id breaking ties.
   */
  afterId?: number;
  /** Plain substring filter (CloudWatch's plain-term form is built on top of this). */
  contains?: string;
  limit?: number;
  /** Newest first when true. */
  descending?: boolean;
}

export interface LogGroupInfo {
  name: string;
  createdAt: number;
  storedEvents: number;
}

export interface LogStreamInfo {
  group: string;
  name: string;
  firstEventAt: number;
  lastEventAt: number;
}

export interface LogStore {
  append(events: LogEventInput[]): Promise<void>;
  query(q: LogQuery): Promise<StoredLogEvent[]>;
  groups(prefix?: string): Promise<LogGroupInfo[]>;
  streams(group: string): Promise<LogStreamInfo[]>;
  createGroup(name: string): Promise<void>;
}

export interface Engine {
  readonly backend: 'sqlite' | 'postgres';
  readonly logs: LogStore;
  readonly queues: QueueStore;
  readonly schedules: ScheduleStateStore;
  readonly topics: TopicStore;
  readonly mail: MailStore;
  close(): Promise<void>;
}

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

/*
 * Schedule state: what a schedule tick needs to fire exactly once across restarts and nodes.
 * No leader: every node computes the same ticks and the one whose compare-and-set advances
 * `lastFired` fires (graphile-worker's known_crontabs idea).
 */

export interface ScheduleStateRecord {
  /** The schedule's stable key (its ARN). */
  key: string;
  /** When Stratus first saw the schedule (epoch ms): a rule's rate() grid is anchored here. */
  createdAt: number;
  /** The latest tick (epoch ms, the nominal due time) some node claimed; undefined before the first. */
  lastFired?: number;
  /** Set when a one-time (at()) or ended schedule has nothing left to fire. */
  completedAt?: number;
}

export interface ScheduleStateStore {
  /**
   * Records the schedule if unknown and returns its record. `createdAt` is kept from the FIRST
   * call, so a restart does not move a rate() grid.
   */
  register(key: string, createdAt: number): Promise<ScheduleStateRecord>;
  /**
   * Compare-and-set: advances `lastFired` to `tickAt` only if it is unset or older. True for the
   * one caller (of any process or node) that advanced it; inserts the record when missing.
   */
  claimTick(key: string, tickAt: number): Promise<boolean>;
  lastFired(key: string): Promise<number | undefined>;
  get(key: string): Promise<ScheduleStateRecord | undefined>;
  /** Every record, ordered by key. */
  list(): Promise<ScheduleStateRecord[]>;
  /** Marks a schedule done (idempotent: the first completion time is kept). */
  markCompleted(key: string, at: number): Promise<void>;
}

/*
 * Topics: SNS topics and their subscriptions, plus what a FIFO topic needs to publish exactly
 * once (deduplication window, sequence numbers). Deliveries themselves are messages of an internal
 * engine queue, not rows here. Like queues, attribute maps are the service's business and are
 * stored as given; every time is passed in as `now` (epoch ms).
 */

export interface TopicRecord {
  name: string;
  fifo: boolean;
  /** The service's own attribute map (SNS attribute names → string values). */
  attributes: Record<string, string>;
  tags: Record<string, string>;
  createdAt: number;
  /** How many subscriptions were deleted from this topic (SNS's SubscriptionsDeleted). */
  subscriptionsDeleted: number;
}

export interface NewTopic {
  name: string;
  fifo: boolean;
  attributes: Record<string, string>;
  tags?: Record<string, string>;
}

export interface SubscriptionRecord {
  /** `${topicArn}:${uuid}`: the key. */
  arn: string;
  topic: string;
  protocol: string;
  endpoint: string;
  attributes: Record<string, string>;
  confirmed: boolean;
  /** The confirmation token of a pending subscription. */
  token?: string;
  createdAt: number;
}

export type NewSubscription = Omit<SubscriptionRecord, 'createdAt'>;

/** Replaces the fields given; omitted fields stay. `token: null` clears the token. */
export interface SubscriptionUpdate {
  attributes?: Record<string, string>;
  confirmed?: boolean;
  token?: string | null;
}

export interface FifoPublish {
  /** What deduplication is checked on (the MessageDeduplicationId or the body's hash). */
  deduplicationKey: string;
  /** The id to record when the key is new. */
  messageId: string;
  windowMs: number;
}

export interface TopicStore {
  /** Creates the topic unless one of that name exists; returns the stored record either way. */
  createTopic(topic: NewTopic, now: number): Promise<{ created: boolean; topic: TopicRecord }>;
  getTopic(name: string): Promise<TopicRecord | undefined>;
  /** Sorted by name. */
  listTopics(): Promise<TopicRecord[]>;
  updateTopic(name: string, update: { attributes?: Record<string, string>; tags?: Record<string, string> }): Promise<TopicRecord | undefined>;
  /** Deletes the topic with its subscriptions and deduplication entries; false if it did not exist. */
  deleteTopic(name: string): Promise<boolean>;

  /**
   * Creates the subscription unless the topic already has one with the same protocol and
   * endpoint; returns the stored one either way. Undefined when the topic does not exist.
   */
  createSubscription(subscription: NewSubscription, now: number): Promise<{ created: boolean; subscription: SubscriptionRecord } | undefined>;
  getSubscription(arn: string): Promise<SubscriptionRecord | undefined>;
  /** In creation order (arn breaking ties); all topics when `topic` is omitted. */
  listSubscriptions(topic?: string): Promise<SubscriptionRecord[]>;
  updateSubscription(arn: string, update: SubscriptionUpdate): Promise<SubscriptionRecord | undefined>;
  /** Deletes it and counts it in its topic's subscriptionsDeleted; false if it did not exist. */
  deleteSubscription(arn: string): Promise<boolean>;

  /**
   * One atomic FIFO publish: when `deduplicationKey` was recorded for the topic less than
   * `windowMs` ago, answers the original message id and sequence number with `duplicate: true`;
   * otherwise takes the topic's next sequence number (20 digits, strictly increasing) and records
   * the key. Undefined when the topic does not exist.
   */
  recordFifoPublish(topic: string, publish: FifoPublish, now: number): Promise<{ messageId: string; sequenceNumber: string; duplicate: boolean } | undefined>;
}

/*
 * Mail: the durable outbox of every message Stratus accepted for sending (SES v1 and v2, SNS
 * e-mail subscriptions), plus the identities SES was asked to verify. The service decides what a
 * message looks like; the engine keeps it, finds it by recipient and time, and records what an
 * SMTP relay did with it. Every time is passed in by the caller (epoch ms).
 */

/** Where a message came from: the API that accepted it. */
export type MailOrigin = 'ses-v1' | 'ses-v2' | 'sns';

/** A relay's outcome: `pending` until the SMTP server answers (resumed after a restart). */
export type MailRelayStatus = 'pending' | 'sent' | 'failed';

export interface NewMail {
  messageId: string;
  origin: MailOrigin;
  /** The API operation (SendEmail, SendRawEmail, Notification, SubscriptionConfirmation, …). */
  operation: string;
  /** The sender as given (may carry a display name). */
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  replyTo: string[];
  subject?: string;
  text?: string;
  html?: string;
  /** The MIME message as the client sent it (SendRawEmail, v2 Raw). */
  raw?: Buffer;
  /** Service-specific facts kept as given (tags, configuration set, attachments, topic ARN, …). */
  details?: Record<string, unknown>;
  sentAt: number;
  /** Set when the message is to be relayed: stored as `pending` in the same write. */
  relay?: 'pending';
}

export interface MailRelayOutcome {
  status: MailRelayStatus;
  at: number;
  /** The SMTP server's answer, or why relaying failed. */
  detail?: string;
}

export interface StoredMail extends Omit<NewMail, 'relay'> {
  /** Monotonic across the store: insertion order and the cursor for `afterId`. */
  id: number;
  details: Record<string, unknown>;
  relay?: MailRelayOutcome;
}

export interface MailQuery {
  /** Only messages one of whose recipients (To, Cc or Bcc) is this address (case-insensitive, display names ignored). */
  recipient?: string;
  /** Inclusive lower bound on `sentAt`. */
  since?: number;
  afterId?: number;
  /** Oldest first; with `limit`, the newest `limit` of the matches (still oldest first). */
  limit?: number;
}

export type IdentityType = 'EmailAddress' | 'Domain';

export interface MailIdentity {
  identity: string;
  type: IdentityType;
  createdAt: number;
}

export interface MailStore {
  /** Stores one message; a second add with the same messageId keeps the first. */
  add(mail: NewMail): Promise<StoredMail>;
  get(messageId: string): Promise<StoredMail | undefined>;
  list(query?: MailQuery): Promise<StoredMail[]>;
  /** How many recipients the messages sent at or after `since` had (SES quotas count recipients). */
  recipientsSince(since: number): Promise<number>;
  /** Records a relay outcome; false when the message does not exist. */
  recordRelay(messageId: string, outcome: MailRelayOutcome): Promise<boolean>;
  /** Messages whose relay is still `pending` (oldest first), to resume after a restart. */
  pendingRelays(limit: number): Promise<StoredMail[]>;

  /** Records the identity unless known; returns the stored one. */
  putIdentity(identity: string, type: IdentityType, now: number): Promise<MailIdentity>;
  /** Sorted by identity; all types when omitted. */
  listIdentities(type?: IdentityType): Promise<MailIdentity[]>;
  deleteIdentity(identity: string): Promise<boolean>;
}
