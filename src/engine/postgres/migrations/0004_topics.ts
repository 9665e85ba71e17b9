/** Migration 0004 (PostgreSQL): SNS topics, subscriptions and FIFO-topic deduplication. */
export const sql = /* sql */ `
CREATE TABLE topics (
  name                  TEXT PRIMARY KEY,
  fifo                  BOOLEAN NOT NULL,
  attributes            TEXT NOT NULL,
  tags                  TEXT NOT NULL,
  created_at            BIGINT NOT NULL,
  subscriptions_deleted BIGINT NOT NULL DEFAULT 0,
  next_sequence         BIGINT NOT NULL DEFAULT 0
);

-- One subscription per (topic, protocol, endpoint), across nodes too.
CREATE TABLE topic_subscriptions (
  arn        TEXT PRIMARY KEY,
  topic      TEXT NOT NULL REFERENCES topics (name) ON DELETE CASCADE,
  protocol   TEXT NOT NULL,
  endpoint   TEXT NOT NULL,
  attributes TEXT NOT NULL,
  confirmed  BOOLEAN NOT NULL,
  token      TEXT,
  created_at BIGINT NOT NULL
);

CREATE UNIQUE INDEX topic_subscriptions_endpoint ON topic_subscriptions (topic, protocol, endpoint);
CREATE INDEX topic_subscriptions_order ON topic_subscriptions (topic, created_at, arn);

CREATE TABLE topic_dedup (
  topic           TEXT NOT NULL REFERENCES topics (name) ON DELETE CASCADE,
  dedup_key       TEXT NOT NULL,
  message_id      TEXT NOT NULL,
  sequence_number TEXT NOT NULL,
  expires_at      BIGINT NOT NULL,
  PRIMARY KEY (topic, dedup_key)
);
`;
