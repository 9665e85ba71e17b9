/** Migration 0004: SNS topics, subscriptions and FIFO-topic deduplication (TopicStore in engine/types/). */
export const sql = /* sql */ `
-- next_sequence: a FIFO topic's sequence counter, advanced in the publish transaction.
-- subscriptions_deleted: SNS reports it as the SubscriptionsDeleted attribute.
CREATE TABLE topics (
  name                  TEXT PRIMARY KEY,
  fifo                  INTEGER NOT NULL,
  attributes            TEXT NOT NULL,
  tags                  TEXT NOT NULL,
  created_at            INTEGER NOT NULL,
  subscriptions_deleted INTEGER NOT NULL DEFAULT 0,
  next_sequence         INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- A topic has one subscription per (protocol, endpoint): Subscribe with the same pair answers
-- the existing ARN, and the unique index makes that hold across processes too.
CREATE TABLE topic_subscriptions (
  arn        TEXT PRIMARY KEY,
  topic      TEXT NOT NULL REFERENCES topics (name) ON DELETE CASCADE,
  protocol   TEXT NOT NULL,
  endpoint   TEXT NOT NULL,
  attributes TEXT NOT NULL,
  confirmed  INTEGER NOT NULL,
  token      TEXT,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE UNIQUE INDEX topic_subscriptions_endpoint ON topic_subscriptions (topic, protocol, endpoint);

CREATE INDEX topic_subscriptions_order ON topic_subscriptions (topic, created_at, arn);

-- FIFO topics: a MessageDeduplicationId (or body hash) seen within 5 minutes publishes nothing.
CREATE TABLE topic_dedup (
  topic           TEXT NOT NULL REFERENCES topics (name) ON DELETE CASCADE,
  dedup_key       TEXT NOT NULL,
  message_id      TEXT NOT NULL,
  sequence_number TEXT NOT NULL,
  expires_at      INTEGER NOT NULL,
  PRIMARY KEY (topic, dedup_key)
) WITHOUT ROWID;
`;
