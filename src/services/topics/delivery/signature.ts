/**
 * Message signatures. SNS signs the string-to-sign (name\nvalue\n pairs in a fixed order,
 * "Verifying the signatures of Amazon SNS messages") with its RSA key, which Stratus does not
 * have. Stratus signs the same string with a key of its own (HMAC-SHA256 here), so the field is
 * present and stable, but it does not verify against an AWS certificate: subscribers that verify
 * signatures must skip that check locally.
 */
import { createHmac } from 'node:crypto';

const STRATUS_SIGNING_KEY = 'stratus-local-sns-signing-key';

/** `pairs` alternates names and values; undefined values are left out, as SNS does. */
export function sign(pairs: (string | undefined)[]): string {
  let text = '';
  for (let i = 0; i < pairs.length; i += 2) if (pairs[i + 1] !== undefined) text += `${pairs[i]}\n${pairs[i + 1]}\n`;
  return createHmac('sha256', STRATUS_SIGNING_KEY).update(text).digest('base64');
}
