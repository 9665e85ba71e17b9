/*
 * Mail: the durable outbox of every message Stratus accepted for sending (SES v1 and v2, SNS
 * e-mail subscriptions), plus the identities SES was asked to verify. The service decides what a
 * message looks like; the engine keeps it, finds it by recipient and time, and records what an
 * SMTP relay did with it. Every time is passed in by the caller (epoch ms).
 */

/** Where a message came from: the API that accepted it. */
export type MailOrigin = 'ses-v1' | 'ses-v2' | 'sns';

/** A relay's outcome: `pending` until the SMTP server answers (resumed after a restart). */
export type MailRelayStatus = 'pending' | 'sent' | 'failed';

export interface NewMail {
  messageId: string;
  origin: MailOrigin;
  /** The API operation (SendEmail, SendRawEmail, Notification, SubscriptionConfirmation, …). */
  operation: string;
  /** The sender as given (may carry a display name). */
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  replyTo: string[];
  subject?: string;
  text?: string;
  html?: string;
  /** The MIME message as the client sent it (SendRawEmail, v2 Raw). */
  raw?: Buffer;
  /** Service-specific facts kept as given (tags, configuration set, attachments, topic ARN, …). */
  details?: Record<string, unknown>;
  sentAt: number;
  /** Set when the message is to be relayed: stored as `pending` in the same write. */
  relay?: 'pending';
}

export interface MailRelayOutcome {
  status: MailRelayStatus;
  at: number;
  /** The SMTP server's answer, or why relaying failed. */
  detail?: string;
}

export interface StoredMail extends Omit<NewMail, 'relay'> {
  /** Monotonic across the store: insertion order and the cursor for `afterId`. */
  id: number;
  details: Record<string, unknown>;
  relay?: MailRelayOutcome;
}

export interface MailQuery {
  /** Only messages one of whose recipients (To, Cc or Bcc) is this address (case-insensitive, display names ignored). */
  recipient?: string;
  /** Inclusive lower bound on `sentAt`. */
  since?: number;
  afterId?: number;
  /** Oldest first; with `limit`, the newest `limit` of the matches (still oldest first). */
  limit?: number;
}

export type IdentityType = 'EmailAddress' | 'Domain';

export interface MailIdentity {
  identity: string;
  type: IdentityType;
  createdAt: number;
}

export interface MailStore {
  /** Stores one message; a second add with the same messageId keeps the first. */
  add(mail: NewMail): Promise<StoredMail>;
  get(messageId: string): Promise<StoredMail | undefined>;
  list(query?: MailQuery): Promise<StoredMail[]>;
  /** How many recipients the messages sent at or after `since` had (SES quotas count recipients). */
  recipientsSince(since: number): Promise<number>;
  /** Records a relay outcome; false when the message does not exist. */
  recordRelay(messageId: string, outcome: MailRelayOutcome): Promise<boolean>;
  /** Messages whose relay is still `pending` (oldest first), to resume after a restart. */
  pendingRelays(limit: number): Promise<StoredMail[]>;

  /** Records the identity unless known; returns the stored one. */
  putIdentity(identity: string, type: IdentityType, now: number): Promise<MailIdentity>;
  /** Sorted by identity; all types when omitted. */
  listIdentities(type?: IdentityType): Promise<MailIdentity[]>;
  deleteIdentity(identity: string): Promise<boolean>;
}
