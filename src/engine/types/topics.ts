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
