/**
 * E-mail and e-mail-json subscribers: each message is handed to the durable mail outbox when the
 * composition root gives one (the `captureEmail` port: `stratus mail`, the SMTP relay), and is
 * also kept here in memory (newest last) for `capturedEmails()`.
 */
export interface CapturedEmail {
  to: string;
  protocol: 'email' | 'email-json';
  subject: string;
  body: string;
  topicArn: string;
  subscriptionArn: string;
  /** 'SubscriptionConfirmation' for the confirmation request, else 'Notification'. */
  type: 'SubscriptionConfirmation' | 'Notification';
  at: number;
}

/** Keeps the newest mails only: a long-running `stratus start` must not grow without bound. */
const MAX_CAPTURED = 1_000;

export class MailCapture {
  private readonly mails: CapturedEmail[] = [];

  constructor(private readonly outbox?: (mail: CapturedEmail) => Promise<unknown>) {}

  /** Rejects when the outbox could not store the mail (the caller's delivery then fails). */
  async add(mail: CapturedEmail): Promise<void> {
    if (this.outbox) await this.outbox(mail);
    this.mails.push(mail);
    if (this.mails.length > MAX_CAPTURED) this.mails.splice(0, this.mails.length - MAX_CAPTURED);
  }

  list(): CapturedEmail[] {
    return this.mails.slice();
  }
}

/** SNS's default e-mail subject when Publish gives none (the topic's DisplayName leads the mail). */
export const DEFAULT_EMAIL_SUBJECT = 'AWS Notification Message';
