/**
 * Objects: PutObject, GetObject / HeadObject (ranges, conditions), DeleteObject, DeleteObjects,
 * CopyObject, object tagging. `getObject` is also the read API other gateways use (serving
 * static files from a bucket): metadata plus a stream of the bytes, never a buffer.
 */
import type { Readable } from 'node:stream';
import type { ObjectHeaders, ObjectRecord } from '../../engine/types';
import type { ByteRange } from '../../engine/files/object-files';
import type { BucketContext, RequestOrigin } from './context';
import { ingest, type IngestOptions } from './ingest';
import { checkConditions, type Conditions } from './conditions';
import { resolveRange } from './range';
import { notify } from './notifications';
import { validateKey, validateMetadata, validateTags } from './validation';
import { invalidRequest, noSuchKey, preconditionFailed } from './errors';
import { MAX_PUT_BYTES } from './limits';

export interface PutObjectInput extends IngestOptions {
  bucket: string;
  key: string;
  body: Readable | AsyncIterable<Buffer>;
  headers: ObjectHeaders;
  metadata: Record<string, string>;
  tags: Record<string, string>;
  /** Conditional writes: `If-None-Match: *` (only when absent), `If-Match: etag`. */
  ifNoneMatch?: string;
  ifMatch?: string;
  /** `ObjectCreated:Put` unless said otherwise (`ObjectCreated:Post` for browser uploads). */
  eventName?: string;
  origin: RequestOrigin;
}

export interface ObjectRead {
  object: ObjectRecord;
  /** Set for a satisfiable Range request (answer 206 with Content-Range). */
  range?: ByteRange;
  body: Readable;
}

export interface GetOptions {
  /** The Range header as sent, or a range already resolved. */
  range?: string | ByteRange;
  conditions?: Conditions;
}

export function createObjectOperations(ctx: BucketContext) {
  async function putObject(input: PutObjectInput): Promise<ObjectRecord> {
    const bucket = await ctx.requireBucket(input.bucket);
    validateKey(input.key);
    validateMetadata(input.metadata);
    validateTags(input.tags);
    await checkWriteConditions(input);
    const { staged, md5Hex, checksum } = await ingest(ctx, input.body, { ...input, maxBytes: input.maxBytes ?? MAX_PUT_BYTES });
    const object: ObjectRecord = {
      bucket: input.bucket,
      key: input.key,
      size: staged.size,
      etag: `"${md5Hex}"`,
      headers: input.headers,
      metadata: input.metadata,
      tags: input.tags,
      ...(checksum && { checksum }),
      lastModified: ctx.clock.now(),
      blobId: staged.blobId,
    };
    await store(object);
    await notify(ctx, bucket, { eventName: input.eventName ?? 'ObjectCreated:Put', key: object.key, size: object.size, etag: object.etag }, input.origin);
    return object;
  }

  async function checkWriteConditions(input: { bucket: string; key: string; ifNoneMatch?: string; ifMatch?: string }): Promise<void> {
    if (input.ifNoneMatch === undefined && input.ifMatch === undefined) return;
    const existing = await ctx.store.getObject(input.bucket, input.key);
    if (input.ifNoneMatch !== undefined && existing) throw preconditionFailed('If-None-Match');
    if (input.ifMatch !== undefined) {
      if (!existing) throw noSuchKey(input.key);
      checkConditions(existing, { ifMatch: input.ifMatch }, 'preconditionFailed');
    }
  }

  /** Stores the row for committed bytes; if that fails the bytes go, so nothing half-stored stays. */
  async function store(object: ObjectRecord): Promise<void> {
    let result;
    try {
      result = await ctx.store.putObject(object);
    } catch (err) {
      await ctx.free([object.blobId]);
      throw err;
    }
    if (!result) {
      await ctx.free([object.blobId]);
      await ctx.requireBucket(object.bucket);
      throw invalidRequest('The bucket changed during the upload.');
    }
    await ctx.free(result.freedBlobs);
  }

  async function headObject(bucket: string, key: string, conditions: Conditions = {}): Promise<ObjectRecord> {
    await ctx.requireBucket(bucket);
    const object = await ctx.store.getObject(bucket, key);
    if (!object) throw noSuchKey(key);
    checkConditions(object, conditions);
    return object;
  }

  async function getObject(bucket: string, key: string, options: GetOptions = {}): Promise<ObjectRead> {
    const object = await headObject(bucket, key, options.conditions);
    const range = typeof options.range === 'string' || options.range === undefined ? resolveRange(options.range, object.size) : options.range;
    // An empty object has no byte to read: an empty stream, not a read of byte 0.
    const body = object.size === 0 ? ctx.files.read(object.blobId, { start: 1, end: 0 }) : ctx.files.read(object.blobId, range);
    return { object, ...(range && { range }), body };
  }

  async function deleteObject(bucket: string, key: string, origin: RequestOrigin): Promise<void> {
    const record = await ctx.requireBucket(bucket);
    const { deleted, freedBlobs } = await ctx.store.deleteObject(bucket, key);
    await ctx.free(freedBlobs);
    // S3 answers 204 for a key that is not there too, and notifies only real deletions.
    if (deleted) await notify(ctx, record, { eventName: 'ObjectRemoved:Delete', key }, origin);
  }

  async function copyObject(input: {
    source: { bucket: string; key: string };
    bucket: string;
    key: string;
    metadataDirective: 'COPY' | 'REPLACE';
    taggingDirective: 'COPY' | 'REPLACE';
    headers: ObjectHeaders;
    metadata: Record<string, string>;
    tags: Record<string, string>;
    conditions: Conditions;
    origin: RequestOrigin;
  }): Promise<ObjectRecord> {
    const target = await ctx.requireBucket(input.bucket);
    validateKey(input.key);
    const source = await ctx.store.getObject((await ctx.requireBucket(input.source.bucket)).name, input.source.key);
    if (!source) throw noSuchKey(input.source.key);
    checkConditions(source, input.conditions, 'preconditionFailed');
    const sameObject = input.source.bucket === input.bucket && input.source.key === input.key;
    if (sameObject && input.metadataDirective === 'COPY') {
      throw invalidRequest(
        "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
      );
    }
    const replace = input.metadataDirective === 'REPLACE';
    if (replace) validateMetadata(input.metadata);
    if (input.taggingDirective === 'REPLACE') validateTags(input.tags);
    const staged = await ctx.files.duplicate(source.blobId, source.size);
    await staged.commit();
    const object: ObjectRecord = {
      ...source,
      bucket: input.bucket,
      key: input.key,
      headers: replace ? input.headers : source.headers,
      metadata: replace ? input.metadata : source.metadata,
      tags: input.taggingDirective === 'REPLACE' ? input.tags : source.tags,
      lastModified: ctx.clock.now(),
      blobId: staged.blobId,
    };
    await store(object);
    await notify(ctx, target, { eventName: 'ObjectCreated:Copy', key: object.key, size: object.size, etag: object.etag }, input.origin);
    return object;
  }

  async function getObjectTags(bucket: string, key: string): Promise<Record<string, string>> {
    return (await headObject(bucket, key)).tags;
  }

  async function putObjectTags(bucket: string, key: string, tags: Record<string, string>): Promise<void> {
    await ctx.requireBucket(bucket);
    validateTags(tags);
    if (!(await ctx.store.setObjectTags(bucket, key, tags))) throw noSuchKey(key);
  }

  return { putObject, headObject, getObject, deleteObject, copyObject, getObjectTags, putObjectTags, storeObject: store };
}
