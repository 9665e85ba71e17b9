/** Row shapes of the topic tables and their mapping to the port's records. */
import type { SubscriptionRecord, TopicRecord } from '../../types';

export const TOPIC_COLUMNS = `name, fifo, attributes, tags, created_at, subscriptions_deleted`;
export const SUBSCRIPTION_COLUMNS = `arn, topic, protocol, endpoint, attributes, confirmed, token, created_at`;

export interface TopicRow {
  name: string;
  fifo: boolean;
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
  confirmed: boolean;
  token: string | null;
  created_at: number;
}

export function toTopic(row: TopicRow | undefined): TopicRecord | undefined {
  if (!row) return undefined;
  return {
    name: row.name,
    fifo: row.fifo,
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
    confirmed: row.confirmed,
    createdAt: row.created_at,
  };
  if (row.token !== null) record.token = row.token;
  return record;
}
