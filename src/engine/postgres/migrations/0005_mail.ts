/** Migration 0005 (PostgreSQL): the mail outbox and SES identities (MailStore in engine/types/). */
export const sql = /* sql */ `
-- Addresses are JSON arrays as given (display names kept); recipients holds the bare, lower-cased
-- To/Cc/Bcc addresses as a text[], so "mail to X" is one GIN-indexed containment test.
CREATE TABLE mail_messages (
  id              BIGSERIAL PRIMARY KEY,
  message_id      TEXT NOT NULL UNIQUE,
  origin          TEXT NOT NULL,
  operation       TEXT NOT NULL,
  sender          TEXT NOT NULL,
  to_addresses    TEXT NOT NULL,
  cc_addresses    TEXT NOT NULL,
  bcc_addresses   TEXT NOT NULL,
  reply_to        TEXT NOT NULL,
  recipients      TEXT[] NOT NULL,
  recipient_count INTEGER NOT NULL,
  subject         TEXT,
  text_body       TEXT,
  html_body       TEXT,
  raw             BYTEA,
  details         TEXT NOT NULL,
  sent_at         BIGINT NOT NULL,
  relay_status    TEXT,
  relay_detail    TEXT,
  relay_at        BIGINT
);

CREATE INDEX mail_messages_sent_at ON mail_messages (sent_at);
CREATE INDEX mail_messages_recipients ON mail_messages USING gin (recipients);
CREATE INDEX mail_messages_pending_relay ON mail_messages (id) WHERE relay_status = 'pending';

CREATE TABLE mail_identities (
  identity   TEXT PRIMARY KEY,
  type       TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
`;
