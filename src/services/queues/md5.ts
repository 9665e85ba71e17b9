/**
 * The digests SQS returns and SDKs verify (SDK v3 throws InvalidChecksumError on a mismatch).
 * MD5OfMessageAttributes (SQS Developer Guide, "Calculating the MD5 message digest for message
 * attributes"): attributes sorted by name; for each, the name, the data type, one transport byte
 * (1 = String/Number, 2 = Binary; 3/4 for the list forms) and the value, every variable-length
 * part prefixed by its length as a 4-byte big-endian integer; MD5 of the concatenation.
 */
import { createHash } from 'node:crypto';
import type { MessageAttributeMap } from './types';

const STRING_TRANSPORT = 1;
const BINARY_TRANSPORT = 2;
const STRING_LIST_TRANSPORT = 3;
const BINARY_LIST_TRANSPORT = 4;

export const md5Hex = (data: string | Uint8Array): string => createHash('md5').update(data).digest('hex');

export function md5OfAttributes(attributes: MessageAttributeMap | undefined): string | undefined {
  const names = Object.keys(attributes ?? {});
  if (names.length === 0) return undefined;
  const hash = createHash('md5');
  const part = (bytes: Uint8Array) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    hash.update(length);
    hash.update(bytes);
  };
  // Plain code-unit order, as SQS's Java implementation sorts (not locale order).
  for (const name of names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    const value = attributes![name];
    part(Buffer.from(name, 'utf8'));
    part(Buffer.from(value.DataType, 'utf8'));
    if (value.StringValue !== undefined) {
      hash.update(Buffer.of(STRING_TRANSPORT));
      part(Buffer.from(value.StringValue, 'utf8'));
    } else if (value.BinaryValue !== undefined) {
      hash.update(Buffer.of(BINARY_TRANSPORT));
      part(toBytes(value.BinaryValue));
    } else if (value.StringListValues !== undefined) {
      hash.update(Buffer.of(STRING_LIST_TRANSPORT));
      for (const v of value.StringListValues) part(Buffer.from(v, 'utf8'));
    } else if (value.BinaryListValues !== undefined) {
      hash.update(Buffer.of(BINARY_LIST_TRANSPORT));
      for (const v of value.BinaryListValues) part(toBytes(v));
    }
  }
  return hash.digest('hex');
}

/** Binary values arrive as bytes, or base64 text from the JSON protocol. */
export const toBytes = (value: Uint8Array | string): Uint8Array =>
  typeof value === 'string' ? Buffer.from(value, 'base64') : value;
