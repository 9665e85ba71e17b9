/**
 * Identifiers and timestamps in the forms API Gateway uses, so handlers that log or parse them
 * see familiar values.
 */
import { createHash, randomFillSync, randomUUID } from 'node:crypto';

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Stable lowercase id (API ids are 10 chars, REST resource ids 6) derived from a name. */
export function stableId(name: string, length: number): string {
  const digest = createHash('sha256').update(name).digest();
  let id = '';
  for (let i = 0; i < length; i++) id += ID_ALPHABET[digest[i] % ID_ALPHABET.length];
  return id;
}

export const API_ID_LENGTH = 10;
export const RESOURCE_ID_LENGTH = 6;

/**
 * Random bytes from a refilled pool: one getrandom call per 8 KB instead of one per request
 * (randomBytes is a syscall each time; this is on the hot path). randomUUID caches the same way.
 */
const POOL_SIZE = 8192;
const pool = Buffer.alloc(POOL_SIZE);
let poolOffset = POOL_SIZE;

function randomSlice(length: number): Buffer {
  if (poolOffset + length > POOL_SIZE) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const slice = pool.subarray(poolOffset, poolOffset + length);
  poolOffset += length;
  return slice;
}

/** REST requestId: a v4 UUID. */
export const restRequestId = (): string => randomUUID();

/**
 * HTTP API requestId and REST extendedRequestId: 16 characters, base64url with one `=` pad
 * (captured: "NIKr1jmIFiAEJmw=", "e8-T6jzPIAMEVrw="), i.e. 11 bytes.
 */
export const shortRequestId = (): string => randomSlice(11).toString('base64url') + '=';

/** X-Amzn-Trace-Id root: version 1, epoch seconds in hex, 96 random bits. */
export function traceId(nowMs: number): string {
  return `Root=1-${Math.floor(nowMs / 1000).toString(16)}-${randomSlice(12).toString('hex')}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number) => (n < 10 ? '0' + n : String(n));

let cachedSecond = -1;
let cachedTime = '';

/** "12/Mar/2020:19:03:58 +0000" (requestTime / time). Cached per second: it is on the hot path. */
export function requestTime(nowMs: number): string {
  const second = Math.floor(nowMs / 1000);
  if (second !== cachedSecond) {
    const d = new Date(second * 1000);
    cachedTime =
      `${pad2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:` +
      `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} +0000`;
    cachedSecond = second;
  }
  return cachedTime;
}
