/**
 * TopicStore on SQLite. Each method is one statement or one short transaction; subscriptions and
 * deduplication entries go with their topic (ON DELETE CASCADE).
 */
import type { SubscriptionRecord, TopicStore } from '../../types';
import type { SqliteDatabase } from '../connection';
import { prepareFifoPublish } from './fifo-publish';
import { toSubscription, toTopic, type SubscriptionRow, type TopicRow } from './rows';

const TOPIC_COLUMNS = `name, fifo, attributes, tags, created_at, subscriptions_deleted, next_sequence`;
const SUBSCRIPTION_COLUMNS = `arn, topic, protocol, endpoint, attributes, confirmed, token, created_at`;

// DO NOTHING: a concurrent create of the same name keeps the first; the caller compares attributes.
const INSERT_TOPIC = `
INSERT INTO topics (name, fifo, attributes, tags, created_at) VALUES (@name, @fifo, @attributes, @tags, @now)
ON CONFLICT (name) DO NOTHING`;
const UPDATE_TOPIC = `
UPDATE topics SET attributes = coalesce(@attributes, attributes), tags = coalesce(@tags, tags) WHERE name = @name`;

// The unique (topic, protocol, endpoint) index turns a second Subscribe into a no-op here.
const INSERT_SUBSCRIPTION = `
INSERT INTO topic_subscriptions (${SUBSCRIPTION_COLUMNS})
SELECT @arn, @topic, @protocol, @endpoint, @attributes, @confirmed, @token, @now
WHERE EXISTS (SELECT 1 FROM topics WHERE name = @topic)
ON CONFLICT DO NOTHING`;
const SELECT_SAME_ENDPOINT = `SELECT ${SUBSCRIPTION_COLUMNS} FROM topic_subscriptions WHERE topic = ? AND protocol = ? AND endpoint = ?`;
const UPDATE_SUBSCRIPTION = `
UPDATE topic_subscriptions SET
  attributes = coalesce(@attributes, attributes),
  confirmed = coalesce(@confirmed, confirmed),
  token = CASE WHEN @setToken THEN @token ELSE token END
WHERE arn = @arn`;
const COUNT_DELETED = `UPDATE topics SET subscriptions_deleted = subscriptions_deleted + 1 WHERE name = ?`;

export function createSqliteTopicStore(db: SqliteDatabase): TopicStore {
  const insertTopic = db.prepare(INSERT_TOPIC);
  const selectTopic = db.prepare(`SELECT ${TOPIC_COLUMNS} FROM topics WHERE name = ?`);
  const selectTopics = db.prepare(`SELECT ${TOPIC_COLUMNS} FROM topics ORDER BY name`);
  const updateTopic = db.prepare(UPDATE_TOPIC);
  const deleteTopic = db.prepare(`DELETE FROM topics WHERE name = ?`);
  const insertSubscription = db.prepare(INSERT_SUBSCRIPTION);
  const selectSameEndpoint = db.prepare(SELECT_SAME_ENDPOINT);
  const selectSubscription = db.prepare(`SELECT ${SUBSCRIPTION_COLUMNS} FROM topic_subscriptions WHERE arn = ?`);
  const selectAll = db.prepare(`SELECT ${SUBSCRIPTION_COLUMNS} FROM topic_subscriptions ORDER BY created_at, arn`);
  const selectOfTopic = db.prepare(`SELECT ${SUBSCRIPTION_COLUMNS} FROM topic_subscriptions WHERE topic = ? ORDER BY created_at, arn`);
  const updateSubscription = db.prepare(UPDATE_SUBSCRIPTION);
  const deleteSubscription = db.prepare(`DELETE FROM topic_subscriptions WHERE arn = ? RETURNING topic`);
  const countDeleted = db.prepare(COUNT_DELETED);
  const recordFifoPublish = prepareFifoPublish(db);

  const getTopic = (name: string) => toTopic(selectTopic.get(name) as TopicRow | undefined);
  const getSubscription = (arn: string) => toSubscription(selectSubscription.get(arn) as SubscriptionRow | undefined);

  const removeSubscription = db.transaction((arn: string): boolean => {
    const row = deleteSubscription.get(arn) as { topic: string } | undefined;
    if (!row) return false;
    countDeleted.run(row.topic);
    return true;
  });

  return {
    async createTopic(topic, now) {
      const { changes } = insertTopic.run({
        name: topic.name,
        fifo: topic.fifo ? 1 : 0,
        attributes: JSON.stringify(topic.attributes),
        tags: JSON.stringify(topic.tags ?? {}),
        now,
      });
      return { created: changes === 1, topic: getTopic(topic.name)! };
    },
    getTopic: async (name) => getTopic(name),
    listTopics: async () => (selectTopics.all() as TopicRow[]).map((row) => toTopic(row)!),
    async updateTopic(name, update) {
      updateTopic.run({
        name,
        attributes: update.attributes ? JSON.stringify(update.attributes) : null,
        tags: update.tags ? JSON.stringify(update.tags) : null,
      });
      return getTopic(name);
    },
    deleteTopic: async (name) => deleteTopic.run(name).changes === 1,

    async createSubscription(s, now) {
      const { changes } = insertSubscription.run({
        arn: s.arn,
        topic: s.topic,
        protocol: s.protocol,
        endpoint: s.endpoint,
        attributes: JSON.stringify(s.attributes),
        confirmed: s.confirmed ? 1 : 0,
        token: s.token ?? null,
        now,
      });
      const stored = toSubscription(selectSameEndpoint.get(s.topic, s.protocol, s.endpoint) as SubscriptionRow | undefined);
      return stored ? { created: changes === 1, subscription: stored } : undefined;
    },
    getSubscription: async (arn) => getSubscription(arn),
    async listSubscriptions(topic) {
      const rows = (topic === undefined ? selectAll.all() : selectOfTopic.all(topic)) as SubscriptionRow[];
      return rows.map((row) => toSubscription(row) as SubscriptionRecord);
    },
    async updateSubscription(arn, update) {
      updateSubscription.run({
        arn,
        attributes: update.attributes ? JSON.stringify(update.attributes) : null,
        confirmed: update.confirmed === undefined ? null : update.confirmed ? 1 : 0,
        setToken: update.token === undefined ? 0 : 1,
        token: update.token ?? null,
      });
      return getSubscription(arn);
    },
    deleteSubscription: async (arn) => removeSubscription.immediate(arn),
    recordFifoPublish: async (topic, publish, now) => recordFifoPublish(topic, publish, now),
  };
}
