/** ListObjectsV2 and ListObjects (v1), with encoding-type=url. */
import type { ObjectRecord } from '../../../../engine/types';
import { invalidArgument } from '../../../../services/buckets/errors';
import { MAX_KEYS_DEFAULT } from '../../../../services/buckets/limits';
import { type S3Call, requireBucket } from '../call';
import { document, el, esc, isoTime } from '../xml';
import { xmlResponse, type S3Response } from '../response';
import { ownerId } from './buckets';

/** S3's URL encoding of keys in listings: form encoding (space → `+`), `/` kept. */
const urlEncode = (s: string) => encodeURIComponent(s).replace(/%20/g, '+').replace(/%2F/g, '/').replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function common(call: S3Call) {
  const encoding = call.query.get('encoding-type');
  if (encoding !== null && encoding !== 'url') throw invalidArgument('Invalid Encoding Method specified in Request', 'encoding-type', encoding);
  const maxKeysText = call.query.get('max-keys');
  const maxKeys = maxKeysText === null ? MAX_KEYS_DEFAULT : Number(maxKeysText);
  if (!/^\d+$/.test(maxKeysText ?? '0')) throw invalidArgument('Provided max-keys not an integer or within integer range', 'max-keys', maxKeysText ?? '');
  const encode = encoding === 'url' ? urlEncode : (s: string) => s;
  return {
    bucket: requireBucket(call),
    prefix: call.query.get('prefix') ?? '',
    delimiter: call.query.get('delimiter') || undefined,
    maxKeys: Math.min(maxKeys, MAX_KEYS_DEFAULT),
    requestedMaxKeys: maxKeys,
    encoding,
    out: (s: string) => esc(encode(s)),
  };
}

function contents(call: S3Call, objects: ObjectRecord[], out: (s: string) => string, withOwner: boolean): string {
  const owner = el('Owner', el('ID', ownerId(call)) + el('DisplayName', 'stratus'));
  return objects
    .map((o) =>
      el(
        'Contents',
        el('Key', out(o.key)) +
          el('LastModified', isoTime(o.lastModified)) +
          el('ETag', esc(o.etag)) +
          (o.checksum ? el('ChecksumAlgorithm', o.checksum.algorithm) : '') +
          el('Size', o.size) +
          (withOwner ? owner : '') +
          el('StorageClass', 'STANDARD'),
      ),
    )
    .join('');
}

const prefixes = (list: string[], out: (s: string) => string) => list.map((p) => el('CommonPrefixes', el('Prefix', out(p)))).join('');

export async function listObjectsV2(call: S3Call): Promise<S3Response> {
  const q = common(call);
  const token = call.query.get('continuation-token');
  const startAfter = call.query.get('start-after') ?? undefined;
  const after = token !== null ? call.service.decodeToken(token) : startAfter;
  const page = await call.service.listObjects(q.bucket, { prefix: q.prefix, delimiter: q.delimiter, after, maxKeys: q.maxKeys });
  const body =
    el('Name', esc(q.bucket)) +
    el('Prefix', q.out(q.prefix)) +
    (q.delimiter !== undefined ? el('Delimiter', q.out(q.delimiter)) : '') +
    el('MaxKeys', q.requestedMaxKeys) +
    (q.encoding ? el('EncodingType', q.encoding) : '') +
    el('KeyCount', page.objects.length + page.commonPrefixes.length) +
    (token !== null ? el('ContinuationToken', esc(token)) : '') +
    (page.isTruncated && page.next !== undefined ? el('NextContinuationToken', call.service.encodeToken(page.next)) : '') +
    (startAfter !== undefined ? el('StartAfter', q.out(startAfter)) : '') +
    el('IsTruncated', page.isTruncated) +
    contents(call, page.objects, q.out, call.query.get('fetch-owner') === 'true') +
    prefixes(page.commonPrefixes, q.out);
  return xmlResponse(document('ListBucketResult', body));
}

export async function listObjectsV1(call: S3Call): Promise<S3Response> {
  const q = common(call);
  const marker = call.query.get('marker') ?? '';
  const page = await call.service.listObjects(q.bucket, { prefix: q.prefix, delimiter: q.delimiter, after: marker || undefined, maxKeys: q.maxKeys });
  const body =
    el('Name', esc(q.bucket)) +
    el('Prefix', q.out(q.prefix)) +
    el('Marker', q.out(marker)) +
    el('MaxKeys', q.requestedMaxKeys) +
    (q.delimiter !== undefined ? el('Delimiter', q.out(q.delimiter)) : '') +
    (q.encoding ? el('EncodingType', q.encoding) : '') +
    el('IsTruncated', page.isTruncated) +
    // NextMarker only with a delimiter; without one, clients resume from the last key.
    (page.isTruncated && q.delimiter !== undefined && page.next !== undefined ? el('NextMarker', q.out(page.next)) : '') +
    contents(call, page.objects, q.out, true) +
    prefixes(page.commonPrefixes, q.out);
  return xmlResponse(document('ListBucketResult', body));
}
