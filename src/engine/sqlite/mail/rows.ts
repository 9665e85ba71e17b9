/** Row shapes of the mail tables and their mapping to the port's records. */
import type { IdentityType, MailIdentity, MailOrigin, MailRelayStatus, NewMail, StoredMail } from '../../types';

export interface MailRow {
  id: number;
  message_id: string;
  origin: string;
  operation: string;
  sender: string;
  to_addresses: string;
  cc_addresses: string;
  bcc_addresses: string;
  reply_to: string;
  subject: string | null;
  text_body: string | null;
  html_body: string | null;
  raw: Buffer | null;
  details: string;
  sent_at: number;
  relay_status: string | null;
  relay_detail: string | null;
  relay_at: number | null;
}

export const MAIL_COLUMNS = `id, message_id, origin, operation, sender, to_addresses, cc_addresses, bcc_addresses, reply_to,
  subject, text_body, html_body, raw, details, sent_at, relay_status, relay_detail, relay_at`;

/** `"Ops" <ops@example.com>` → `ops@example.com`: what a recipient filter compares. */
export function bareAddress(address: string): string {
  const angle = /<([^<>]*)>\s*$/.exec(address);
  return (angle ? angle[1] : address).trim().toLowerCase();
}

/** The named parameters of an insert. */
export function toMailParams(mail: NewMail) {
  const recipients = [...mail.to, ...mail.cc, ...mail.bcc].map(bareAddress);
  return {
    messageId: mail.messageId,
    origin: mail.origin,
    operation: mail.operation,
    sender: mail.from,
    to: JSON.stringify(mail.to),
    cc: JSON.stringify(mail.cc),
    bcc: JSON.stringify(mail.bcc),
    replyTo: JSON.stringify(mail.replyTo),
    recipients: JSON.stringify([...new Set(recipients)]),
    recipientCount: recipients.length,
    subject: mail.subject ?? null,
    text: mail.text ?? null,
    html: mail.html ?? null,
    raw: mail.raw ?? null,
    details: JSON.stringify(mail.details ?? {}),
    sentAt: mail.sentAt,
    relayStatus: mail.relay ?? null,
  };
}

export function toMail(row: MailRow | undefined): StoredMail | undefined {
  if (!row) return undefined;
  const mail: StoredMail = {
    id: row.id,
    messageId: row.message_id,
    origin: row.origin as MailOrigin,
    operation: row.operation,
    from: row.sender,
    to: JSON.parse(row.to_addresses) as string[],
    cc: JSON.parse(row.cc_addresses) as string[],
    bcc: JSON.parse(row.bcc_addresses) as string[],
    replyTo: JSON.parse(row.reply_to) as string[],
    details: JSON.parse(row.details) as Record<string, unknown>,
    sentAt: row.sent_at,
  };
  if (row.subject !== null) mail.subject = row.subject;
  if (row.text_body !== null) mail.text = row.text_body;
  if (row.html_body !== null) mail.html = row.html_body;
  if (row.raw !== null) mail.raw = row.raw;
  if (row.relay_status !== null) {
    mail.relay = { status: row.relay_status as MailRelayStatus, at: row.relay_at ?? row.sent_at };
    if (row.relay_detail !== null) mail.relay.detail = row.relay_detail;
  }
  return mail;
}

export interface IdentityRow {
  identity: string;
  type: string;
  created_at: number;
}

export function toIdentity(row: IdentityRow): MailIdentity {
  return { identity: row.identity, type: row.type as IdentityType, createdAt: row.created_at };
}
