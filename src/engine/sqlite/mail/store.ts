/**
 * MailStore on SQLite. Each method is one statement: a message is one row, written once, and only
 * its relay columns change afterwards.
 */
import type { MailQuery, MailStore, StoredMail } from '../../types';
import type { SqliteDatabase } from '../connection';
import { MAIL_COLUMNS, bareAddress, toIdentity, toMail, toMailParams, type IdentityRow, type MailRow } from './rows';

// DO NOTHING: a retried add (same MessageId) must not duplicate the message.
const INSERT_MAIL = `
INSERT INTO mail_messages (message_id, origin, operation, sender, to_addresses, cc_addresses, bcc_addresses, reply_to,
  recipients, recipient_count, subject, text_body, html_body, raw, details, sent_at, relay_status)
VALUES (@messageId, @origin, @operation, @sender, @to, @cc, @bcc, @replyTo,
  @recipients, @recipientCount, @subject, @text, @html, @raw, @details, @sentAt, @relayStatus)
ON CONFLICT (message_id) DO NOTHING`;

const RECORD_RELAY = `UPDATE mail_messages SET relay_status = @status, relay_detail = @detail, relay_at = @at WHERE message_id = @messageId`;

const INSERT_IDENTITY = `INSERT INTO mail_identities (identity, type, created_at) VALUES (?, ?, ?) ON CONFLICT (identity) DO NOTHING`;

export function createSqliteMailStore(db: SqliteDatabase): MailStore {
  const insertMail = db.prepare(INSERT_MAIL);
  const selectMail = db.prepare(`SELECT ${MAIL_COLUMNS} FROM mail_messages WHERE message_id = ?`);
  const sumRecipients = db.prepare(`SELECT coalesce(sum(recipient_count), 0) AS n FROM mail_messages WHERE sent_at >= ?`);
  const recordRelay = db.prepare(RECORD_RELAY);
  const selectPending = db.prepare(`SELECT ${MAIL_COLUMNS} FROM mail_messages WHERE relay_status = 'pending' ORDER BY id LIMIT ?`);
  const insertIdentity = db.prepare(INSERT_IDENTITY);
  const selectIdentity = db.prepare(`SELECT identity, type, created_at FROM mail_identities WHERE identity = ?`);
  const selectIdentities = db.prepare(`SELECT identity, type, created_at FROM mail_identities WHERE @type IS NULL OR type = @type ORDER BY identity`);
  const deleteIdentity = db.prepare(`DELETE FROM mail_identities WHERE identity = ?`);

  const get = (messageId: string) => toMail(selectMail.get(messageId) as MailRow | undefined);

  return {
    async add(mail) {
      insertMail.run(toMailParams(mail));
      return get(mail.messageId)!;
    },
    get: async (messageId) => get(messageId),
    list: async (query = {}) => listMail(db, query),
    recipientsSince: async (since) => (sumRecipients.get(since) as { n: number }).n,
    recordRelay: async (messageId, outcome) =>
      recordRelay.run({ messageId, status: outcome.status, detail: outcome.detail ?? null, at: outcome.at }).changes === 1,
    pendingRelays: async (limit) => (selectPending.all(limit) as MailRow[]).map((row) => toMail(row)!),

    async putIdentity(identity, type, now) {
      insertIdentity.run(identity, type, now);
      return toIdentity(selectIdentity.get(identity) as IdentityRow);
    },
    listIdentities: async (type) => (selectIdentities.all({ type: type ?? null }) as IdentityRow[]).map(toIdentity),
    deleteIdentity: async (identity) => deleteIdentity.run(identity).changes === 1,
  };
}

/** Only the clauses asked for; the newest `limit` matches are taken, then returned oldest first. */
function listMail(db: SqliteDatabase, query: MailQuery): StoredMail[] {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (query.recipient !== undefined) {
    where.push(`EXISTS (SELECT 1 FROM json_each(recipients) WHERE value = @recipient)`);
    params.recipient = bareAddress(query.recipient);
  }
  if (query.since !== undefined) {
    where.push(`sent_at >= @since`);
    params.since = query.since;
  }
  if (query.afterId !== undefined) {
    where.push(`id > @afterId`);
    params.afterId = query.afterId;
  }
  const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const limit = query.limit !== undefined ? `LIMIT ${Math.max(0, Math.floor(query.limit))}` : '';
  const sql = `SELECT * FROM (SELECT ${MAIL_COLUMNS} FROM mail_messages ${filter} ORDER BY id DESC ${limit}) ORDER BY id`;
  return (db.prepare(sql).all(params) as MailRow[]).map((row) => toMail(row)!);
}
