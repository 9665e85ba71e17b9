/** Object headers in (PUT, copy, multipart create) and out (GET, HEAD), as S3 names them. */
import type { IncomingHttpHeaders } from 'node:http';
import type { ObjectHeaders, ObjectRecord } from '../../../engine/types';
import { invalidArgument } from '../../../services/buckets/errors';

const CONTENT_HEADERS: [keyof ObjectHeaders, string][] = [
  ['contentType', 'content-type'],
  ['contentEncoding', 'content-encoding'],
  ['contentDisposition', 'content-disposition'],
  ['contentLanguage', 'content-language'],
  ['cacheControl', 'cache-control'],
  ['expires', 'expires'],
];

/** GET's response-* query parameters override what is stored (S3 API Reference, GetObject). */
const OVERRIDES: Record<string, string> = {
  'response-content-type': 'content-type',
  'response-content-language': 'content-language',
  'response-expires': 'expires',
  'response-cache-control': 'cache-control',
  'response-content-disposition': 'content-disposition',
  'response-content-encoding': 'content-encoding',
};

export function one(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

export function objectHeadersIn(headers: IncomingHttpHeaders): ObjectHeaders {
  const out: ObjectHeaders = {};
  for (const [field, name] of CONTENT_HEADERS) {
    let value = one(headers, name);
    // aws-chunked is the transfer's encoding, not the object's: S3 drops it.
    if (name === 'content-encoding' && value !== undefined) value = value.split(',').map((v) => v.trim()).filter((v) => v && v !== 'aws-chunked').join(',') || undefined;
    if (value !== undefined) out[field] = value;
  }
  return out;
}

export function metadataIn(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith('x-amz-meta-') && value !== undefined) out[name.slice('x-amz-meta-'.length)] = Array.isArray(value) ? value.join(',') : value;
  }
  return out;
}

/** `x-amz-tagging: a=1&b=2` (URL query form). */
export function tagsFromQueryString(text: string | undefined): Record<string, string> {
  if (!text) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(text)) {
    if (Object.hasOwn(out, k)) throw invalidArgument('The header \'x-amz-tagging\' shall be encoded as UTF-8 then URLEncoded URL query parameters without tag name duplicates.', 'x-amz-tagging', text);
    out[k] = v;
  }
  return out;
}

export function objectHeadersOut(o: ObjectRecord, query?: URLSearchParams): Record<string, string | number> {
  const out: Record<string, string | number> = {
    etag: o.etag,
    'last-modified': new Date(o.lastModified).toUTCString(),
    'accept-ranges': 'bytes',
    'content-type': o.headers.contentType ?? 'binary/octet-stream',
  };
  for (const [field, name] of CONTENT_HEADERS) if (o.headers[field] !== undefined) out[name] = o.headers[field]!;
  for (const [name, value] of Object.entries(o.metadata)) out[`x-amz-meta-${name}`] = value;
  const tagCount = Object.keys(o.tags).length;
  if (tagCount > 0) out['x-amz-tagging-count'] = tagCount;
  if (o.partsCount !== undefined) out['x-amz-mp-parts-count'] = o.partsCount;
  if (query) for (const [param, name] of Object.entries(OVERRIDES)) if (query.has(param)) out[name] = query.get(param)!;
  return out;
}
