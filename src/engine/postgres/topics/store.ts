/**
 * TopicStore on PostgreSQL. Each method is one statement (subscription delete and its counter are
 * one statement too, through a data-modifying CTE); subscriptions and deduplication entries go
 * with their topic (ON DELETE CASCADE).
 */
import type { SubscriptionRecord, TopicStore } from '../../types';
import type { PgPool } from '../connection';
import { recordFifoPublish } from './fifo-publish';
import { SUBSCRIPTION_COLUMNS, TOPIC_COLUMNS, toSubscription, toTopic, type SubscriptionRow, type TopicRow } from './rows';

// DO NOTHING: a concurrent create of the same name keeps the first; the caller compares attributes.
const INSERT_TOPIC = `
INSERT INTO topics (name, fifo, attributes, tags, created_at) VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (name) DO NOTHING`;
const UPDATE_TOPIC = `UPDATE topics SET attributes = coalesce($2, attributes), tags = coalesce($3, tags) WHERE name = $1`;

// The unique (topic, protocol, endpoint) index turns a second Subscribe into a no-op here.
const INSERT_SUBSCRIPTION = `
INSERT INTO topic_subscriptions (${SUBSCRIPTION_COLUMNS})
SELECT $1, $2, $3, $4, $5, $6, $7, $8 WHERE EXISTS (SELECT 1 FROM topics WHERE name = $2)
ON CONFLICT DO NOTHING`;
const SELECT_SAME_ENDPOINT = `SELECT ${SUBSCRIPTION_COLUMNS} FROM topic_subscriptions WHERE topic = $1 AND protocol = $2 AND endpoint = $3`;
const UPDATE_SUBSCRIPTION = `
UPDATE topic_subscriptions SET
  attributes = coalesce($2, attributes),
  confirmed  = coalesce($3, confirmed),
  token      = CASE WHEN $4 THEN $5 ELSE token END
WHERE arn = $1`;
// The delete and SubscriptionsDeleted move together, in one statement.
const DELETE_SUBSCRIPTION = `
WITH gone AS (DELETE FROM topic_subscriptions WHERE arn = $1 RETURNING topic)
UPDATE topics SET subscriptions_deleted = subscriptions_deleted + 1 FROM gone WHERE topics.name = gone.topic`;

export function createPostgresTopicStore(pool: PgPool): TopicStore {
  const getTopic = async (name: string) => toTopic((await pool.query<TopicRow>(`SELECT ${TOPIC_COLUMNS} FROM topics WHERE name = $1`, [name])).rows[0]);
  const getSubscription = async (arn: string) =>
    toSubscription((await pool.query<SubscriptionRow>(`SELECT ${SUBSCRIPTION_COLUMNS} FROM topic_subscriptions WHERE arn = $1`, [arn])).rows[0]);
  const json = (value: Record<string, string> | undefined) => (value ? JSON.stringify(value) : null);

  return {
    async createTopic(topic, now) {
      const { rowCount } = await pool.query(INSERT_TOPIC, [topic.name, topic.fifo, JSON.stringify(topic.attributes), JSON.stringify(topic.tags ?? {}), now]);
      return { created: rowCount === 1, topic: (await getTopic(topic.name))! };
    },
    getTopic,
    listTopics: async () => (await pool.query<TopicRow>(`SELECT ${TOPIC_COLUMNS} FROM topics ORDER BY name`)).rows.map((row) => toTopic(row)!),
    async updateTopic(name, update) {
      await pool.query(UPDATE_TOPIC, [name, json(update.attributes), json(update.tags)]);
      return getTopic(name);
    },
    deleteTopic: async (name) => (await pool.query(`DELETE FROM topics WHERE name = $1`, [name])).rowCount === 1,

    async createSubscription(s, now) {
      const { rowCount } = await pool.query(INSERT_SUBSCRIPTION, [s.arn, s.topic, s.protocol, s.endpoint, JSON.stringify(s.attributes), s.confirmed, s.token ?? null, now]);
      const stored = toSubscription((await pool.query<SubscriptionRow>(SELECT_SAME_ENDPOINT, [s.topic, s.protocol, s.endpoint])).rows[0]);
      return stored ? { created: rowCount === 1, subscription: stored } : undefined;
    },
    getSubscription,
    async listSubscriptions(topic) {
      const order = 'ORDER BY created_at, arn';
      const { rows } =
        topic === undefined
          ? await pool.query<SubscriptionRow>(`SELECT ${SUBSCRIPTION_COLUMNS} FROM topic_subscriptions ${order}`)
          : await pool.query<SubscriptionRow>(`SELECT ${SUBSCRIPTION_COLUMNS} FROM topic_subscriptions WHERE topic = $1 ${order}`, [topic]);
      return rows.map((row) => toSubscription(row) as SubscriptionRecord);
    },
    async updateSubscription(arn, update) {
      await pool.query(UPDATE_SUBSCRIPTION, [arn, json(update.attributes), update.confirmed ?? null, update.token !== undefined, update.token ?? null]);
      return getSubscription(arn);
    },
    deleteSubscription: async (arn) => (await pool.query(DELETE_SUBSCRIPTION, [arn])).rowCount === 1,
    recordFifoPublish: (topic, publish, now) => recordFifoPublish(pool, topic, publish, now),
  };
}
