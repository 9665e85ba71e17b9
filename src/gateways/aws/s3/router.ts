/**
 * Which S3 operation a request is: method × (no bucket | bucket | bucket + key) × subresource
 * query parameters (S3 API Reference, each operation's "Request Syntax").
 */
import { notImplemented, S3Error } from '../../../services/buckets/errors';
import type { S3Call } from './call';
import { one } from './headers';
import type { S3Response } from './response';
import * as buckets from './operations/buckets';
import * as objects from './operations/objects';
import * as listing from './operations/list';
import * as multipart from './operations/multipart';
import * as sub from './operations/subresources';
import { preflight } from './operations/preflight';
import { postObject } from './operations/post-object';

type Operation = (call: S3Call) => Promise<S3Response>;

/** Bucket subresources Stratus does not serve yet: answered 501 NotImplemented rather than misread as a listing. */
const UNSERVED = ['acl', 'policy', 'website', 'lifecycle', 'replication', 'encryption', 'logging', 'accelerate', 'requestPayment', 'object-lock', 'inventory', 'analytics', 'metrics', 'intelligent-tiering', 'ownershipControls', 'publicAccessBlock', 'policyStatus', 'legal-hold', 'retention', 'torrent', 'restore', 'select', 'attributes'];

const methodNotAllowed = () => new S3Error('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405);

export function operationFor(call: S3Call): { name: string; run: Operation } {
  const q = call.query;
  const has = (name: string) => q.has(name);
  const op = (name: string, run: Operation) => ({ name, run });
  if (call.method === 'OPTIONS') return op('Preflight', preflight);
  if (call.bucket === undefined) {
    if (call.method === 'GET') return op('ListBuckets', buckets.listBuckets);
    throw methodNotAllowed();
  }
  const unserved = UNSERVED.find(has);
  if (unserved && !(call.method === 'GET' && unserved === 'versioning')) throw notImplemented(`?${unserved}`);
  if (call.key === undefined) {
    switch (call.method) {
      case 'PUT':
        if (has('cors')) return op('PutBucketCors', sub.putBucketCors);
        if (has('notification')) return op('PutBucketNotificationConfiguration', sub.putBucketNotification);
        if (has('tagging')) return op('PutBucketTagging', sub.putBucketTagging);
        if (has('versioning')) throw notImplemented('?versioning');
        return op('CreateBucket', buckets.createBucket);
      case 'GET':
        if (has('cors')) return op('GetBucketCors', sub.getBucketCors);
        if (has('notification')) return op('GetBucketNotificationConfiguration', sub.getBucketNotification);
        if (has('location')) return op('GetBucketLocation', buckets.getBucketLocation);
        if (has('uploads')) return op('ListMultipartUploads', multipart.listMultipartUploads);
        if (has('versioning')) return op('GetBucketVersioning', getBucketVersioning);
        if (has('tagging')) return op('GetBucketTagging', sub.getBucketTagging);
        if (q.get('list-type') === '2') return op('ListObjectsV2', listing.listObjectsV2);
        return op('ListObjects', listing.listObjectsV1);
      case 'HEAD':
        return op('HeadBucket', buckets.headBucket);
      case 'DELETE':
        if (has('cors')) return op('DeleteBucketCors', sub.deleteBucketCors);
        if (has('tagging')) return op('DeleteBucketTagging', sub.deleteBucketTagging);
        return op('DeleteBucket', buckets.deleteBucket);
      case 'POST':
        if (has('delete')) return op('DeleteObjects', objects.deleteObjects);
        if ((one(call.headers, 'content-type') ?? '').toLowerCase().startsWith('multipart/form-data')) return op('PostObject', postObject);
        throw methodNotAllowed();
      default:
        throw methodNotAllowed();
    }
  }
  switch (call.method) {
    case 'PUT':
      if (has('tagging')) return op('PutObjectTagging', sub.putObjectTagging);
      if (has('uploadId') && has('partNumber')) {
        return one(call.headers, 'x-amz-copy-source') ? op('UploadPartCopy', multipart.uploadPartCopy) : op('UploadPart', multipart.uploadPart);
      }
      if (one(call.headers, 'x-amz-copy-source')) return op('CopyObject', objects.copyObject);
      return op('PutObject', objects.putObject);
    case 'GET':
      if (has('tagging')) return op('GetObjectTagging', sub.getObjectTagging);
      if (has('uploadId')) return op('ListParts', multipart.listParts);
      return op('GetObject', (c) => objects.getObject(c));
    case 'HEAD':
      return op('HeadObject', (c) => objects.getObject(c, true));
    case 'DELETE':
      if (has('tagging')) return op('DeleteObjectTagging', sub.deleteObjectTagging);
      if (has('uploadId')) return op('AbortMultipartUpload', multipart.abortMultipartUpload);
      return op('DeleteObject', objects.deleteObject);
    case 'POST':
      if (has('uploads')) return op('CreateMultipartUpload', multipart.createMultipartUpload);
      if (has('uploadId')) return op('CompleteMultipartUpload', multipart.completeMultipartUpload);
      throw methodNotAllowed();
    default:
      throw methodNotAllowed();
  }
}

/** Versioning is never enabled here: an empty configuration, as S3 answers for a fresh bucket. */
async function getBucketVersioning(call: S3Call): Promise<S3Response> {
  await call.service.headBucket(call.bucket!);
  return {
    status: 200,
    headers: { 'content-type': 'application/xml' },
    body: '<?xml version="1.0" encoding="UTF-8"?>\n<VersioningConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>',
  };
}
