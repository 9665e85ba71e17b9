/** PostgreSQL's column lists of the topic tables; the row shapes are shared (src/engine/shared/topic-rows.ts). */
export * from '../../shared/topic-rows';

export const TOPIC_COLUMNS = `name, fifo, attributes, tags, created_at, subscriptions_deleted`;
export const SUBSCRIPTION_COLUMNS = `arn, topic, protocol, endpoint, attributes, confirmed, token, created_at`;
