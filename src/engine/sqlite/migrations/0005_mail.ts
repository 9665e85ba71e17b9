/** Migration 0005: the mail outbox and SES identities (MailStore in engine/types/). */
export const sql = /* sql */ `
-- One row per accepted message. Addresses are JSON arrays as given (display names kept);
-- recipients holds the bare, lower-cased To/Cc/Bcc addresses, so "mail to X" is one json_each.
-- relay_status: NULL when no relay is configured, else pending → sent | failed.
CREATE TABLE mail_messages (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  message_id      TEXT NOT NULL UNIQUE,
  origin          TEXT NOT NULL,
  operation       TEXT NOT NULL,
  sender          TEXT NOT NULL,
  to_addresses    TEXT NOT NULL,
  cc_addresses    TEXT NOT NULL,
  bcc_addresses   TEXT NOT NULL,
  reply_to        TEXT NOT NULL,
  recipients      TEXT NOT NULL,
  recipient_count INTEGER NOT NULL,
  subject         TEXT,
  text_body       TEXT,
  html_body       TEXT,
  raw             BLOB,
  details         TEXT NOT NULL,
  sent_at         INTEGER NOT NULL,
  relay_status    TEXT,
  relay_detail    TEXT,
  relay_at        INTEGER
);

CREATE INDEX mail_messages_sent_at ON mail_messages (sent_at);

-- Only the few messages still waiting for the relay are indexed.
CREATE INDEX mail_messages_pending_relay ON mail_messages (id) WHERE relay_status = 'pending';

CREATE TABLE mail_identities (
  identity   TEXT PRIMARY KEY,
  type       TEXT NOT NULL,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;
`;
