/**
 * SES message ids: `0100018c7a5e8d3a-5f1c9d2e-7b1a-4c3d-9e8f-0123456789ab-000000` — `0100`, the
 * send time in ms as 12 hex digits, a UUID and `-000000`. The Message-ID header SES writes is
 * that id at `email.amazonses.com` (SES Developer Guide, "Amazon SES email sending headers").
 */
import { randomUUID } from 'node:crypto';

export function newSesMessageId(now: number): string {
  return `0100${Math.max(0, Math.floor(now)).toString(16).padStart(12, '0')}-${randomUUID()}-000000`;
}

export const messageIdHeader = (messageId: string) => `<${messageId}@email.amazonses.com>`;
