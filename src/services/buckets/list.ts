/**
 * Listing keys as ListObjectsV2 and ListObjects (v1) do: byte order, prefix, delimiter roll-up
 * into CommonPrefixes (each counts as one of max-keys), a resume position (start-after /
 * marker / continuation token). The store pages by "keys after X"; a common prefix is skipped
 * in one step by resuming after the last key it could cover.
 */
import type { ObjectRecord } from '../../engine/types';
import type { BucketContext } from './context';
import { invalidArgument } from './errors';

export interface ListQuery {
  prefix?: string;
  delimiter?: string;
  /** Resume strictly after this key (StartAfter, Marker, or a decoded continuation token). */
  after?: string;
  maxKeys: number;
}

export interface ListPage {
  objects: ObjectRecord[];
  commonPrefixes: string[];
  isTruncated: boolean;
  /** Where the next page starts: the last key or common prefix of this page. */
  next?: string;
}

/** Greater than any key that starts with the common prefix (U+10FFFF is the largest code point). */
const PAST = '\u{10FFFF}';
const BATCH = 1000;

export async function listKeys(ctx: BucketContext, bucket: string, q: ListQuery): Promise<ListPage> {
  await ctx.requireBucket(bucket);
  if (!Number.isInteger(q.maxKeys) || q.maxKeys < 0) throw invalidArgument('Provided max-keys not an integer or within integer range', 'max-keys', String(q.maxKeys));
  const prefix = q.prefix ?? '';
  const page: ListPage = { objects: [], commonPrefixes: [], isTruncated: false };
  let after = q.after ?? '';
  let count = 0;
  for (;;) {
    const limit = Math.min(BATCH, q.maxKeys - count + 1);
    const batch = await ctx.store.listObjects(bucket, { prefix, after, limit });
    if (batch.length === 0) return page;
    let skipped = false;
    for (const object of batch) {
      if (count === q.maxKeys) {
        page.isTruncated = true;
        return page;
      }
      const common = commonPrefixOf(object.key, prefix, q.delimiter);
      if (common !== undefined) {
        after = common + PAST;
        // A prefix at or before the resume position was answered on an earlier page.
        if (q.after === undefined || common > q.after) {
          page.commonPrefixes.push(common);
          page.next = common;
          count++;
        }
        skipped = true;
        break;
      }
      page.objects.push(object);
      page.next = object.key;
      after = object.key;
      count++;
    }
    if (!skipped && batch.length < limit) return page;
  }
}

function commonPrefixOf(key: string, prefix: string, delimiter: string | undefined): string | undefined {
  if (!delimiter) return undefined;
  const at = key.indexOf(delimiter, prefix.length);
  return at < 0 ? undefined : key.slice(0, at + delimiter.length);
}

/** Continuation tokens are opaque to clients; here the resume key, base64url. */
export function encodeToken(after: string): string {
  return Buffer.from(after, 'utf8').toString('base64url');
}

export function decodeToken(token: string): string {
  const after = Buffer.from(token, 'base64url').toString('utf8');
  if (encodeToken(after) !== token.replace(/=+$/, '')) throw invalidArgument('The continuation token provided is incorrect', 'continuation-token', token);
  return after;
}
