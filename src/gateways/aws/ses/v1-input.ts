/**
 * SES v1 query forms → the service's input. The generic decoder already builds the structure
 * (`Destination.ToAddresses.member.1`, `Tags.member.1.Name`, `Message.Body.Text.Data`); only
 * blobs (RawMessage.Data: base64 in the form) and numbers need converting here.
 */
import { AwsError } from '../errors';

export function readV1Input(operation: string, decoded: Record<string, unknown>): Record<string, unknown> {
  emptyListsAsArrays(decoded);
  if (operation === 'SendRawEmail') return withRawData(decoded);
  if (operation === 'ListIdentities' && decoded.MaxItems !== undefined) return { ...decoded, MaxItems: Number(decoded.MaxItems) };
  return decoded;
}

function withRawData(decoded: Record<string, unknown>): Record<string, unknown> {
  const raw = decoded.RawMessage as Record<string, unknown> | undefined;
  if (raw === undefined || typeof raw !== 'object' || raw.Data === undefined) return decoded;
  return { ...decoded, RawMessage: { ...raw, Data: decodeBase64(raw.Data, 'RawMessage.Data') } };
}

/** Blobs travel as base64; anything else is a malformed request (as SES's own parser answers). */
export function decodeBase64(value: unknown, member: string): Buffer {
  const text = typeof value === 'string' ? value.replace(/\s+/g, '') : '';
  if (typeof value !== 'string' || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(text) || text.length % 4 === 1) {
    throw new AwsError('InvalidParameterValue', `Invalid base64 in ${member}.`);
  }
  return Buffer.from(text, 'base64');
}

/** List members that may arrive empty: the query protocol sends an empty list as `Name=` (a string). */
const LIST_MEMBERS = ['ReplyToAddresses', 'Destinations', 'Identities', 'Tags'];
const DESTINATION_LISTS = ['ToAddresses', 'CcAddresses', 'BccAddresses'];

function emptyListsAsArrays(decoded: Record<string, unknown>): void {
  const fix = (holder: Record<string, unknown>, names: string[]) => {
    for (const name of names) if (holder[name] === '') holder[name] = [];
  };
  fix(decoded, LIST_MEMBERS);
  const destination = decoded.Destination;
  if (destination === '') decoded.Destination = {};
  else if (typeof destination === 'object' && destination !== null) fix(destination as Record<string, unknown>, DESTINATION_LISTS);
}
