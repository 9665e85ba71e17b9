/** PutObject, GetObject, HeadObject, DeleteObject, CopyObject, DeleteObjects. */
import { invalidArgument, S3Error } from '../../../../services/buckets/errors';
import { type S3Call, readText, requireBucket, requireKey } from '../call';
import { metadataIn, objectHeadersIn, objectHeadersOut, one, tagsFromQueryString } from '../headers';
import { document, el, esc, isoTime, list, parseXml, text } from '../xml';
import { empty, xmlResponse, type S3Response } from '../response';
import { checksumHeaders, declaredIntegrity } from './checksum-input';

export async function putObject(call: S3Call): Promise<S3Response> {
  const object = await call.service.putObject({
    bucket: requireBucket(call),
    key: requireKey(call),
    body: call.body,
    headers: objectHeadersIn(call.headers),
    metadata: metadataIn(call.headers),
    tags: tagsFromQueryString(one(call.headers, 'x-amz-tagging')),
    ifNoneMatch: one(call.headers, 'if-none-match'),
    ifMatch: one(call.headers, 'if-match'),
    ...declaredIntegrity(call),
    origin: call.origin,
  });
  return empty(200, { etag: object.etag, ...checksumHeaders(object.checksum) });
}

function conditionsOf(call: S3Call, prefix = '') {
  return {
    ifMatch: one(call.headers, `${prefix}if-match`),
    ifNoneMatch: one(call.headers, `${prefix}if-none-match`),
    ifModifiedSince: one(call.headers, `${prefix}if-modified-since`),
    ifUnmodifiedSince: one(call.headers, `${prefix}if-unmodified-since`),
  };
}

export async function getObject(call: S3Call, head = false): Promise<S3Response> {
  const bucket = requireBucket(call);
  const key = requireKey(call);
  const partNumber = call.query.get('partNumber');
  if (partNumber !== null && partNumber !== '1') throw new S3Error('InvalidPartNumber', 'The requested partnumber is not satisfiable', 416);
  const conditions = conditionsOf(call);
  if (head) {
    const object = await call.service.headObject(bucket, key, conditions);
    const range = one(call.headers, 'range');
    if (range === undefined) return empty(200, { ...objectHeadersOut(object, call.query), 'content-length': object.size, ...checksumOut(call, object) });
  }
  const read = await call.service.getObject(bucket, key, { range: one(call.headers, 'range'), conditions });
  const { object, range } = read;
  const headers = { ...objectHeadersOut(object, call.query), ...(range ? {} : checksumOut(call, object)) };
  if (head) read.body.destroy();
  if (range) {
    return {
      status: 206,
      headers: { ...headers, 'content-length': range.end - range.start + 1, 'content-range': `bytes ${range.start}-${range.end}/${object.size}` },
      ...(head ? {} : { body: read.body }),
    };
  }
  return { status: 200, headers: { ...headers, 'content-length': object.size }, ...(head ? {} : { body: read.body }) };
}

/** The stored checksum, when the client asks for it (x-amz-checksum-mode: ENABLED) and the whole object is answered. */
function checksumOut(call: S3Call, object: { checksum?: { algorithm: string; value: string } }): Record<string, string> {
  return one(call.headers, 'x-amz-checksum-mode')?.toUpperCase() === 'ENABLED' ? checksumHeaders(object.checksum) : {};
}

export async function deleteObject(call: S3Call): Promise<S3Response> {
  await call.service.deleteObject(requireBucket(call), requireKey(call), call.origin);
  return empty(204);
}

export async function copyObject(call: S3Call): Promise<S3Response> {
  const source = copySource(one(call.headers, 'x-amz-copy-source')!);
  const directive = (name: string) => {
    const value = (one(call.headers, name) ?? 'COPY').toUpperCase();
    if (value !== 'COPY' && value !== 'REPLACE') throw invalidArgument(`Unknown ${name.slice(6)} directive.`, name, value);
    return value as 'COPY' | 'REPLACE';
  };
  const object = await call.service.copyObject({
    source,
    bucket: requireBucket(call),
    key: requireKey(call),
    metadataDirective: directive('x-amz-metadata-directive'),
    taggingDirective: directive('x-amz-tagging-directive'),
    headers: objectHeadersIn(call.headers),
    metadata: metadataIn(call.headers),
    tags: tagsFromQueryString(one(call.headers, 'x-amz-tagging')),
    conditions: conditionsOf(call, 'x-amz-copy-source-'),
    origin: call.origin,
  });
  return xmlResponse(document('CopyObjectResult', el('LastModified', isoTime(object.lastModified)) + el('ETag', esc(object.etag))));
}

/** `x-amz-copy-source: /bucket/key?versionId=…` or `bucket/key`, URL-encoded. */
export function copySource(header: string): { bucket: string; key: string } {
  let value = header.split('?')[0];
  try {
    value = decodeURIComponent(value);
  } catch {
    throw invalidArgument('Invalid copy source encoding', 'x-amz-copy-source', header);
  }
  value = value.replace(/^\//, '');
  const slash = value.indexOf('/');
  if (slash <= 0 || slash === value.length - 1) throw invalidArgument('Invalid copy source object key', 'x-amz-copy-source', header);
  return { bucket: value.slice(0, slash), key: value.slice(slash + 1) };
}

export async function deleteObjects(call: S3Call): Promise<S3Response> {
  const bucket = requireBucket(call);
  const root = parseXml(await readText(call), 'Delete');
  const quiet = text(root.Quiet)?.trim().toLowerCase() === 'true';
  const keys = list(root.Object).map((o) => text(o.Key));
  if (keys.some((k) => k === undefined)) throw new S3Error('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
  const { deleted, errors } = await call.service.deleteObjects(bucket, keys as string[], call.origin);
  const body =
    (quiet ? '' : deleted.map((key) => el('Deleted', el('Key', esc(key)))).join('')) +
    errors.map((e) => el('Error', el('Key', esc(e.key)) + el('Code', e.code) + el('Message', esc(e.message)))).join('');
  return xmlResponse(document('DeleteResult', body));
}
