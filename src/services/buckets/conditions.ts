/**
 * Conditional requests as S3 evaluates them (S3 API Reference, GetObject "If-Match" …, which
 * follows RFC 7232 §6): If-Match, else If-Unmodified-Since → 412; If-None-Match, else
 * If-Modified-Since → 304 (GET, HEAD). When If-Match holds, If-Unmodified-Since is ignored;
 * when If-None-Match is given, If-Modified-Since is ignored. Dates compare at second precision.
 */
import type { ObjectRecord } from '../../engine/types';
import { notModified, preconditionFailed } from './errors';

export interface Conditions {
  ifMatch?: string;
  ifNoneMatch?: string;
  ifModifiedSince?: string;
  ifUnmodifiedSince?: string;
}

export function checkConditions(object: ObjectRecord, c: Conditions, failWith: 'notModified' | 'preconditionFailed' = 'notModified'): void {
  const seconds = Math.floor(object.lastModified / 1000);
  if (c.ifMatch !== undefined) {
    if (!etagMatches(c.ifMatch, object.etag)) throw preconditionFailed('If-Match');
  } else if (c.ifUnmodifiedSince !== undefined) {
    const since = parseHttpDate(c.ifUnmodifiedSince);
    if (since !== undefined && seconds > since) throw preconditionFailed('If-Unmodified-Since');
  }
  const fail = (condition: string) => (failWith === 'notModified' ? notModified(object.etag, object.lastModified) : preconditionFailed(condition));
  if (c.ifNoneMatch !== undefined) {
    if (etagMatches(c.ifNoneMatch, object.etag)) throw fail('If-None-Match');
  } else if (c.ifModifiedSince !== undefined) {
    const since = parseHttpDate(c.ifModifiedSince);
    if (since !== undefined && seconds <= since) throw fail('If-Modified-Since');
  }
}

/** `"a", "b"`, `a`, or `*`; weak validators compare like strong ones here, as S3 does. */
export function etagMatches(list: string, etag: string): boolean {
  const bare = etag.replace(/"/g, '');
  return list.split(',').some((candidate) => {
    const c = candidate.trim().replace(/^W\//, '').replace(/"/g, '');
    return c === '*' || c === bare;
  });
}

/** Epoch seconds, or undefined for a date that does not parse (S3 then ignores the condition). */
function parseHttpDate(text: string): number | undefined {
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}
