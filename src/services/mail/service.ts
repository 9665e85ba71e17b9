/**
 * The mail domain service: SES v1 (SendEmail, SendRawEmail, identities, GetSendQuota) and v2
 * (SendEmail) over one durable outbox, SNS e-mail captured into the same outbox, and an optional
 * SMTP relay. Operations take and return the SES APIs' shapes and throw SesError; no HTTP here —
 * the query (v1) and REST-JSON (v2) adapters sit on top.
 *
 * Differs from SES on purpose: every sender and recipient is accepted (an account out of the
 * sandbox; VerifyEmailIdentity is accepted and recorded as Success at once); nothing is delivered
 * unless a relay is configured. Not done: configuration sets and event publishing (the name is
 * recorded, not checked), stored templates, sending quotas or rates (reported, never enforced),
 * bounce/complaint notifications, the 10 MB message size (the edge caps bodies at 8 MB first).
 */
import { randomUUID } from 'node:crypto';
import type { MailQuery, MailStore, StoredMail } from '../../engine/types';
import type { Clock } from '../../shared/clock';
import { createIdentityOperations } from './identities';
import { createOutbox } from './outbox';
import { createSmtpRelay, type MailRelay } from './relay';
import { createV1Sending } from './send-v1';
import { createV2Sending } from './send-v2';
import { SNS_MAIL_SENDER, type CapturedMail } from './types';

/** GetSendQuota's answer: SES's starting quota for an account out of the sandbox (SES Developer Guide, "Service quotas"). */
export const MAX_24_HOUR_SEND = 50_000;
export const MAX_SEND_RATE = 14;
const DAY_MS = 86_400_000;

export interface MailServiceOptions {
  store: MailStore;
  clock: Clock;
  region: string;
  accountId: string;
  /** `smtp://host:port` (or `smtps://`, with `user:pass@` when the relay wants it): also send each message there. */
  relay?: string;
  /** A background relay failure that could not even be recorded. */
  onError?(err: unknown): void;
}

export type MailService = ReturnType<typeof createMailService>;

export function createMailService(options: MailServiceOptions) {
  const { store, clock } = options;
  const onError = options.onError ?? (() => undefined);
  const relay: MailRelay | undefined = options.relay ? createSmtpRelay(options.relay, store, clock, onError) : undefined;
  const outbox = createOutbox(store, relay);
  const v1 = createV1Sending(outbox, clock);

  return {
    ...v1,
    ...createIdentityOperations(store, clock),
    sendEmailV2: createV2Sending(outbox, clock),

    async getSendQuota() {
      return { Max24HourSend: MAX_24_HOUR_SEND, MaxSendRate: MAX_SEND_RATE, SentLast24Hours: await store.recipientsSince(clock.now() - DAY_MS) };
    },

    /** An SNS e-mail subscriber's message: kept in the outbox (and relayed) like any other. */
    async capture(mail: CapturedMail): Promise<StoredMail> {
      return outbox.accept({
        messageId: `sns-${randomUUID()}`,
        origin: 'sns',
        operation: mail.type,
        from: SNS_MAIL_SENDER,
        to: [mail.to],
        cc: [],
        bcc: [],
        replyTo: [],
        subject: mail.subject,
        text: mail.body,
        details: { protocol: mail.protocol, topicArn: mail.topicArn, subscriptionArn: mail.subscriptionArn },
        sentAt: mail.at,
      });
    },

    /** The outbox, oldest first (see MailQuery). */
    list: (query?: MailQuery): Promise<StoredMail[]> => store.list(query),
    get: (messageId: string) => store.get(messageId),
    /** Whether an SMTP relay is configured. */
    relaying: relay !== undefined,

    /** Resumes relays a previous run left pending. */
    async start(): Promise<void> {
      if (relay) void relay.resume().catch(onError);
    },
    /** Resolves when every relay started so far has its outcome recorded (tests, shutdown). */
    idle: async (): Promise<void> => relay?.idle(),
    async close(): Promise<void> {
      await relay?.close();
    },
  };
}
