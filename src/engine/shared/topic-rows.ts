/** Row shapes of the topic tables, shared by every backend, and their mapping to the port's records. */
import type { SubscriptionRecord, TopicRecord } from '../types';

export interface TopicRow {
  name: string;
  /** SQLite stores 0/1, PostgreSQL a boolean. */
  fifo: number | boolean;
  attributes: string;
  tags: string;
  created_at: number;
  subscriptions_deleted: number;
}

export interface SubscriptionRow {
  arn: string;
  topic: string;
  protocol: string;
  endpoint: string;
  attributes: string;
  confirmed: number | boolean;
  token: string | null;
  created_at: number;
}

export function toTopic(row: TopicRow | undefined): TopicRecord | undefined {
  if (!row) return undefined;
  return {
    name: row.name,
    fifo: Boolean(row.fifo),
    attributes: JSON.parse(row.attributes) as Record<string, string>,
    tags: JSON.parse(row.tags) as Record<string, string>,
    createdAt: row.created_at,
    subscriptionsDeleted: row.subscriptions_deleted,
  };
}

export function toSubscription(row: SubscriptionRow | undefined): SubscriptionRecord | undefined {
  if (!row) return undefined;
  const record: SubscriptionRecord = {
    arn: row.arn,
    topic: row.topic,
    protocol: row.protocol,
    endpoint: row.endpoint,
    attributes: JSON.parse(row.attributes) as Record<string, string>,
    confirmed: Boolean(row.confirmed),
    createdAt: row.created_at,
  };
  if (row.token !== null) record.token = row.token;
  return record;
}
