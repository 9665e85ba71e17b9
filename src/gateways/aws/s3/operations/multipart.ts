/** CreateMultipartUpload, UploadPart(Copy), CompleteMultipartUpload, AbortMultipartUpload, ListParts, ListMultipartUploads. */
import { invalidArgument, malformedXml } from '../../../../services/buckets/errors';
import { type S3Call, readText, requireBucket, requireKey } from '../call';
import { metadataIn, objectHeadersIn, one, tagsFromQueryString } from '../headers';
import { document, el, esc, isoTime, list, parseXml, text } from '../xml';
import { empty, xmlResponse, type S3Response } from '../response';
import { checksumHeaders, declaredIntegrity } from './checksum-input';
import { copySource } from './objects';
import { ownerId } from './buckets';

export async function createMultipartUpload(call: S3Call): Promise<S3Response> {
  const upload = await call.service.createMultipartUpload({
    bucket: requireBucket(call),
    key: requireKey(call),
    headers: objectHeadersIn(call.headers),
    metadata: metadataIn(call.headers),
    tags: tagsFromQueryString(one(call.headers, 'x-amz-tagging')),
  });
  const algorithm = one(call.headers, 'x-amz-checksum-algorithm');
  return xmlResponse(
    document('InitiateMultipartUploadResult', el('Bucket', esc(upload.bucket)) + el('Key', esc(upload.key)) + el('UploadId', esc(upload.uploadId))),
    200,
    algorithm ? { 'x-amz-checksum-algorithm': algorithm } : {},
  );
}

function partNumberOf(call: S3Call): number {
  const text = call.query.get('partNumber') ?? '';
  if (!/^\d{1,5}$/.test(text)) throw invalidArgument('Part number must be an integer between 1 and 10000, inclusive', 'partNumber', text);
  return Number(text);
}

export async function uploadPart(call: S3Call): Promise<S3Response> {
  const part = await call.service.uploadPart({
    bucket: requireBucket(call),
    key: requireKey(call),
    uploadId: call.query.get('uploadId')!,
    partNumber: partNumberOf(call),
    body: call.body,
    ...declaredIntegrity(call),
  });
  return empty(200, { etag: part.etag, ...checksumHeaders(part.checksum) });
}

export async function uploadPartCopy(call: S3Call): Promise<S3Response> {
  const part = await call.service.uploadPartCopy({
    bucket: requireBucket(call),
    key: requireKey(call),
    uploadId: call.query.get('uploadId')!,
    partNumber: partNumberOf(call),
    source: copySource(one(call.headers, 'x-amz-copy-source')!),
    range: one(call.headers, 'x-amz-copy-source-range'),
    conditions: {
      ifMatch: one(call.headers, 'x-amz-copy-source-if-match'),
      ifNoneMatch: one(call.headers, 'x-amz-copy-source-if-none-match'),
      ifModifiedSince: one(call.headers, 'x-amz-copy-source-if-modified-since'),
      ifUnmodifiedSince: one(call.headers, 'x-amz-copy-source-if-unmodified-since'),
    },
  });
  return xmlResponse(document('CopyPartResult', el('LastModified', isoTime(part.lastModified)) + el('ETag', esc(part.etag))));
}

export async function completeMultipartUpload(call: S3Call): Promise<S3Response> {
  const bucket = requireBucket(call);
  const key = requireKey(call);
  const root = parseXml(await readText(call), 'CompleteMultipartUpload');
  const parts = list(root.Part).map((p) => {
    const number = text(p.PartNumber)?.trim() ?? '';
    const etag = text(p.ETag);
    if (!/^\d+$/.test(number) || etag === undefined) throw malformedXml();
    return { partNumber: Number(number), etag };
  });
  const object = await call.service.completeMultipartUpload({ bucket, key, uploadId: call.query.get('uploadId')!, parts, origin: call.origin });
  const host = one(call.headers, 'host') ?? 'localhost';
  return xmlResponse(
    document(
      'CompleteMultipartUploadResult',
      el('Location', esc(`http://${host}/${bucket}/${encodeURI(key)}`)) + el('Bucket', esc(bucket)) + el('Key', esc(key)) + el('ETag', esc(object.etag)),
    ),
  );
}

export async function abortMultipartUpload(call: S3Call): Promise<S3Response> {
  await call.service.abortMultipartUpload(requireBucket(call), requireKey(call), call.query.get('uploadId')!);
  return empty(204);
}

export async function listParts(call: S3Call): Promise<S3Response> {
  const maxParts = Number(call.query.get('max-parts') ?? 1000);
  const marker = Number(call.query.get('part-number-marker') ?? 0);
  if (!Number.isInteger(maxParts) || maxParts < 0) throw invalidArgument('Provided max-parts not an integer or within integer range', 'max-parts', String(maxParts));
  if (!Number.isInteger(marker) || marker < 0) throw invalidArgument('Provided part-number-marker not an integer or within integer range', 'part-number-marker', String(marker));
  const { upload, parts, isTruncated, nextMarker } = await call.service.listParts(requireBucket(call), requireKey(call), call.query.get('uploadId')!, {
    maxParts: Math.min(maxParts, 1000),
    marker,
  });
  const owner = el('ID', ownerId(call)) + el('DisplayName', 'stratus');
  const body =
    el('Bucket', esc(upload.bucket)) +
    el('Key', esc(upload.key)) +
    el('UploadId', esc(upload.uploadId)) +
    el('Initiator', owner) +
    el('Owner', owner) +
    el('StorageClass', 'STANDARD') +
    el('PartNumberMarker', marker) +
    el('NextPartNumberMarker', nextMarker) +
    el('MaxParts', maxParts) +
    el('IsTruncated', isTruncated) +
    parts.map((p) => el('Part', el('PartNumber', p.partNumber) + el('LastModified', isoTime(p.lastModified)) + el('ETag', esc(p.etag)) + el('Size', p.size))).join('');
  return xmlResponse(document('ListPartsResult', body));
}

export async function listMultipartUploads(call: S3Call): Promise<S3Response> {
  const bucket = requireBucket(call);
  const prefix = call.query.get('prefix') ?? '';
  const uploads = await call.service.listMultipartUploads(bucket, prefix);
  const owner = el('ID', ownerId(call)) + el('DisplayName', 'stratus');
  const body =
    el('Bucket', esc(bucket)) +
    el('KeyMarker', '') +
    el('UploadIdMarker', '') +
    el('Prefix', esc(prefix)) +
    el('MaxUploads', 1000) +
    el('IsTruncated', false) +
    uploads
      .map((u) =>
        el('Upload', el('Key', esc(u.key)) + el('UploadId', esc(u.uploadId)) + el('Initiator', owner) + el('Owner', owner) + el('StorageClass', 'STANDARD') + el('Initiated', isoTime(u.initiated))),
      )
      .join('');
  return xmlResponse(document('ListMultipartUploadsResult', body));
}
