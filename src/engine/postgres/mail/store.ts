/**
 * MailStore on PostgreSQL. Row mapping is shared with SQLite (same columns; `raw` comes back as a
 * Buffer from BYTEA); only `recipients` differs: a text[] here, searched with a GIN index.
 */
import type { MailQuery, MailStore, NewMail, StoredMail } from '../../types';
import { MAIL_COLUMNS, bareAddress, toIdentity, toMail, type IdentityRow, type MailRow } from '../../sqlite/mail/rows';
import type { PgPool } from '../connection';

/** Same key on every node (the queue vacuum's key + 1): adds serialise on it, see INSERT_MAIL. */
const MAIL_ORDER_LOCK_KEY = 7_347_210_917;

// The follow cursor (`afterId`) needs ids in commit order, which a sequence alone does not give:
// a transaction that drew id 10 can commit after one that drew 11, and a reader at cursor 11 would
// skip 10. So the id is drawn under a transaction-level advisory lock, taken in the same statement
// before the row is built (the SELECT reads `serialised` first) and released by its commit: adds
// from every node commit one after another, in id order. Mail is rare next to the lock's cost.
// DO NOTHING: a retried add (same MessageId) must not duplicate the message.
const INSERT_MAIL = `
INSERT INTO mail_messages (message_id, origin, operation, sender, to_addresses, cc_addresses, bcc_addresses, reply_to,
  recipients, recipient_count, subject, text_body, html_body, raw, details, sent_at, relay_status)
SELECT $1::text, $2::text, $3::text, $4::text, $5::text, $6::text, $7::text, $8::text,
  $9::text[], $10::integer, $11::text, $12::text, $13::text, $14::bytea, $15::text, $16::bigint, $17::text
FROM (SELECT pg_advisory_xact_lock(${MAIL_ORDER_LOCK_KEY})) AS serialised
ON CONFLICT (message_id) DO NOTHING`;

const RECORD_RELAY = `UPDATE mail_messages SET relay_status = $2, relay_detail = $3, relay_at = $4 WHERE message_id = $1`;
const INSERT_IDENTITY = `INSERT INTO mail_identities (identity, type, created_at) VALUES ($1, $2, $3) ON CONFLICT (identity) DO NOTHING`;
const IDENTITY_COLUMNS = `identity, type, created_at`;

export function createPostgresMailStore(pool: PgPool): MailStore {
  const get = async (messageId: string) =>
    toMail((await pool.query<MailRow>(`SELECT ${MAIL_COLUMNS} FROM mail_messages WHERE message_id = $1`, [messageId])).rows[0]);
  return {
    async add(mail) {
      await pool.query(INSERT_MAIL, insertParams(mail));
      return (await get(mail.messageId))!;
    },
    get,
    list: (query = {}) => listMail(pool, query),
    recipientsSince: async (since) =>
      (await pool.query<{ n: number }>(`SELECT coalesce(sum(recipient_count), 0)::bigint AS n FROM mail_messages WHERE sent_at >= $1`, [since])).rows[0].n,
    recordRelay: async (messageId, outcome) =>
      (await pool.query(RECORD_RELAY, [messageId, outcome.status, outcome.detail ?? null, outcome.at])).rowCount === 1,
    pendingRelays: async (limit) =>
      (await pool.query<MailRow>(`SELECT ${MAIL_COLUMNS} FROM mail_messages WHERE relay_status = 'pending' ORDER BY id LIMIT $1`, [limit])).rows.map(
        (row) => toMail(row)!,
      ),
    async putIdentity(identity, type, now) {
      await pool.query(INSERT_IDENTITY, [identity, type, now]);
      return toIdentity((await pool.query<IdentityRow>(`SELECT ${IDENTITY_COLUMNS} FROM mail_identities WHERE identity = $1`, [identity])).rows[0]);
    },
    listIdentities: async (type) =>
      (await pool.query<IdentityRow>(`SELECT ${IDENTITY_COLUMNS} FROM mail_identities WHERE $1::text IS NULL OR type = $1 ORDER BY identity`, [type ?? null])).rows.map(
        toIdentity,
      ),
    deleteIdentity: async (identity) => (await pool.query(`DELETE FROM mail_identities WHERE identity = $1`, [identity])).rowCount === 1,
  };
}

function insertParams(mail: NewMail): unknown[] {
  const recipients = [...mail.to, ...mail.cc, ...mail.bcc].map(bareAddress);
  return [
    mail.messageId,
    mail.origin,
    mail.operation,
    mail.from,
    JSON.stringify(mail.to),
    JSON.stringify(mail.cc),
    JSON.stringify(mail.bcc),
    JSON.stringify(mail.replyTo),
    [...new Set(recipients)],
    recipients.length,
    mail.subject ?? null,
    mail.text ?? null,
    mail.html ?? null,
    mail.raw ?? null,
    JSON.stringify(mail.details ?? {}),
    mail.sentAt,
    mail.relay ?? null,
  ];
}

/** Only the clauses asked for; the newest `limit` matches are taken, then returned oldest first. */
async function listMail(pool: PgPool, query: MailQuery): Promise<StoredMail[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(clause(`$${params.length}`));
  };
  if (query.recipient !== undefined) add((p) => `recipients @> ARRAY[${p}::text]`, bareAddress(query.recipient));
  if (query.since !== undefined) add((p) => `sent_at >= ${p}`, query.since);
  if (query.afterId !== undefined) add((p) => `id > ${p}`, query.afterId);
  const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const limit = query.limit !== undefined ? `LIMIT ${Math.max(0, Math.floor(query.limit))}` : '';
  const sql = `SELECT * FROM (SELECT ${MAIL_COLUMNS} FROM mail_messages ${filter} ORDER BY id DESC ${limit}) AS newest ORDER BY id`;
  return (await pool.query<MailRow>(sql, params)).rows.map((row) => toMail(row)!);
}
