/**
 * Key values as byte strings whose bytewise order is DynamoDB's order, so the engine's indexes
 * (BLOB on SQLite, BYTEA on PostgreSQL, both memcmp-ordered) sort and range-scan them:
 *   - S: the UTF-8 bytes (DynamoDB orders strings by UTF-8 bytes);
 *   - B: the bytes themselves (compared unsigned);
 *   - N: sign byte, then the exponent and the digits, inverted for negatives so that larger
 *        magnitudes sort first, with a terminator above every inverted digit.
 * Key types are fixed per attribute, so values of different types never share a column.
 */
import type { AttributeValue } from './attribute-values';
import { parseDecimal } from './numbers';

const ZERO = 0x80;
const POSITIVE = 0x81;
const NEGATIVE = 0x7f;
/** Exponents (-129…126) shifted to be positive in two bytes. */
const EXPONENT_BIAS = 1000;

export function encodeKeyValue(v: AttributeValue): Buffer {
  if ('S' in v) return Buffer.from(v.S, 'utf8');
  if ('B' in v) return Buffer.from(v.B, 'base64');
  if ('N' in v) return encodeNumber(v.N);
  throw new Error(`not a key type: ${Object.keys(v)[0]}`);
}

export function encodeNumber(text: string): Buffer {
  const d = parseDecimal(text);
  if (d.digits === '') return Buffer.from([ZERO]);
  const out = Buffer.alloc(3 + d.digits.length + (d.negative ? 1 : 0));
  const exp = d.exp + EXPONENT_BIAS;
  if (!d.negative) {
    out[0] = POSITIVE;
    out.writeUInt16BE(exp, 1);
    for (let i = 0; i < d.digits.length; i++) out[3 + i] = 0x30 + Number(d.digits[i]);
  } else {
    out[0] = NEGATIVE;
    out.writeUInt16BE(0xffff - exp, 1);
    for (let i = 0; i < d.digits.length; i++) out[3 + i] = 0x39 - Number(d.digits[i]);
    // A shorter negative (-0.12) is larger than a longer one sharing its digits (-0.123).
    out[out.length - 1] = 0xff;
  }
  return out;
}

/** FNV-1a, 32 bits: spreads partition keys over the scan order and parallel-scan segments. */
export function hashKey(pk: Buffer): number {
  let h = 0x811c9dc5;
  for (const byte of pk) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export const HASH_SPACE = 2 ** 32;
