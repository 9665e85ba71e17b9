/**
 * E-mail and e-mail-json subscribers: Stratus sends no mail yet; each message is captured here
 * (in memory, newest last) for `capturedEmails()`. A durable SES outbox replaces this later.
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

  add(mail: CapturedEmail): void {
    this.mails.push(mail);
    if (this.mails.length > MAX_CAPTURED) this.mails.splice(0, this.mails.length - MAX_CAPTURED);
  }

  list(): CapturedEmail[] {
    return this.mails.slice();
  }
}

/** SNS's default e-mail subject when Publish gives none (the topic's DisplayName leads the mail). */
export const DEFAULT_EMAIL_SUBJECT = 'AWS Notification Message';
