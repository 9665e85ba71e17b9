/**
 * The optional SMTP relay: every message the outbox accepts is also handed to an SMTP server
 * (`smtp://host:port`, e.g. MailHog, Mailpit or a company relay) with nodemailer. The outbox row
 * is written first, marked `pending`; the relay's answer (or failure) is recorded on it after.
 * A failure never loses the message, and `pending` messages left by a crash are sent at start.
 * Sends run in the background: SES answers MessageId before delivery, and so does Stratus.
 */
import nodemailer, { type SendMailOptions, type Transporter, type TransportOptions } from 'nodemailer';
import type { MailStore, StoredMail } from '../../engine/types';
import type { Clock } from '../../shared/clock';
import { addressOf } from './addresses';
import { messageIdHeader } from './message-id';

/** A relay that does not answer is given up on after this long (and recorded as failed). */
export const RELAY_TIMEOUT_MS = 10_000;
/** How many pending messages one resume pass reads at a time. */
const RESUME_BATCH = 100;

export interface MailRelay {
  /** Sends in the background; the outcome lands on the stored message. */
  enqueue(mail: StoredMail): void;
  /** Sends what a previous run left pending. */
  resume(): Promise<void>;
  /** Resolves when every send started so far has finished. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export function createSmtpRelay(url: string, store: MailStore, clock: Clock, onError: (err: unknown) => void): MailRelay {
  const transport: Transporter = nodemailer.createTransport({
    url,
    pool: true,
    maxConnections: 2,
    connectionTimeout: RELAY_TIMEOUT_MS,
    greetingTimeout: RELAY_TIMEOUT_MS,
    socketTimeout: RELAY_TIMEOUT_MS,
    // A local relay usually has a self-signed certificate or none: never refuse it for that.
    tls: { rejectUnauthorized: false },
  } as TransportOptions);
  const inFlight = new Set<Promise<void>>();

  const send = async (mail: StoredMail) => {
    try {
      const info = await transport.sendMail(relayMessage(mail));
      await store.recordRelay(mail.messageId, { status: 'sent', at: clock.now(), detail: String(info.response ?? 'sent') });
    } catch (err) {
      await store.recordRelay(mail.messageId, { status: 'failed', at: clock.now(), detail: (err as Error)?.message ?? String(err) }).catch(onError);
    }
  };
  const enqueue = (mail: StoredMail) => {
    const task = send(mail).catch(onError);
    inFlight.add(task);
    void task.finally(() => inFlight.delete(task));
  };

  return {
    enqueue,
    async resume() {
      const seen = new Set<string>();
      for (;;) {
        const batch = (await store.pendingRelays(RESUME_BATCH)).filter((m) => !seen.has(m.messageId));
        if (batch.length === 0) return;
        for (const mail of batch) {
          seen.add(mail.messageId);
          enqueue(mail);
        }
        await Promise.all([...inFlight]);
      }
    },
    async idle() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
    async close() {
      await Promise.all([...inFlight]);
      transport.close();
    },
  };
}

/** What goes over SMTP: the raw bytes as sent when there are any, else a message composed like SES's. */
function relayMessage(mail: StoredMail): SendMailOptions {
  const returnPath = typeof mail.details.returnPath === 'string' ? mail.details.returnPath : undefined;
  // Bcc recipients are in the envelope only, never in a header.
  const envelope = { from: addressOf(returnPath ?? mail.from), to: [...mail.to, ...mail.cc, ...mail.bcc].map(addressOf) };
  if (mail.raw) return { envelope, raw: mail.raw };
  return {
    envelope,
    messageId: messageIdHeader(mail.messageId),
    date: new Date(mail.sentAt),
    from: mail.from,
    to: mail.to,
    cc: mail.cc,
    replyTo: mail.replyTo.length > 0 ? mail.replyTo : undefined,
    subject: mail.subject ?? '',
    text: mail.text,
    html: mail.html,
  };
}
