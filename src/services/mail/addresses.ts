/**
 * E-mail addresses as SES checks them. Each list entry is one address, optionally with a display
 * name (`"Ops" <ops@example.com>`). SES's own messages are kept (they are what users search for):
 * "Missing final '@domain'", "Missing local name", "Local address contains illegal character",
 * "Domain contains control or whitespace" — seen in SES's InvalidParameterValue answers.
 */
import { invalidValue, type SesApi } from './errors';

/** SES quota: at most 50 recipients (To + Cc + Bcc) per message (SES Developer Guide, "Service quotas"). */
export const MAX_RECIPIENTS = 50;

/** Characters that may not appear unquoted in the local part (RFC 5322 specials and spaces). */
const ILLEGAL_LOCAL = /[\s()<>[\]\\,;:"\u0000-\u001f\u007f]/;
const ILLEGAL_DOMAIN = /[\s\u0000-\u001f\u007f]/;

/** `"Ops" <ops@example.com>` → `ops@example.com`; a bare address is returned trimmed. */
export function addressOf(entry: string): string {
  const angle = /<([^<>]*)>\s*$/.exec(entry);
  return (angle ? angle[1] : entry).trim();
}

/** Undefined when valid; else SES's reason. */
export function addressProblem(entry: string): string | undefined {
  const address = addressOf(entry);
  const at = address.lastIndexOf('@');
  if (at < 0) return "Missing final '@domain'";
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (local === '') return 'Missing local name';
  if (domain === '') return 'Missing domain';
  const quoted = /^"[^"\\]*"$/.test(local);
  if (!quoted && ILLEGAL_LOCAL.test(local)) return 'Local address contains illegal character';
  if (ILLEGAL_DOMAIN.test(domain)) return 'Domain contains control or whitespace';
  return undefined;
}

export function checkAddresses(api: SesApi, entries: string[]): void {
  for (const entry of entries) {
    const problem = addressProblem(entry);
    if (problem) throw invalidValue(api, api === 'v1' ? problem : `Invalid email address ${addressOf(entry)}.`);
  }
}

/** At least one recipient and at most 50, as SES requires of every message. */
export function checkRecipientCount(api: SesApi, count: number): void {
  // SES's answer when a message has no recipient at all (no To, Cc or Bcc anywhere).
  if (count === 0) throw invalidValue(api, "Missing required header 'To'.");
  if (count > MAX_RECIPIENTS) throw invalidValue(api, `Recipient count exceeds ${MAX_RECIPIENTS}.`);
}
