/**
 * Multipart uploads (S3 API Reference: CreateMultipartUpload, UploadPart, UploadPartCopy,
 * CompleteMultipartUpload, AbortMultipartUpload, ListParts, ListMultipartUploads). Parts are
 * blobs of their own; completion concatenates the listed parts into one new blob (streamed),
 * then swaps rows atomically, so a reader sees the old object or the whole new one.
 */
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { ObjectHeaders, ObjectRecord, PartRecord, UploadRecord } from '../../engine/types';
import type { BucketContext, RequestOrigin } from './context';
import { ingest, type IngestOptions } from './ingest';
import { notify } from './notifications';
import { multipartEtag } from './digests';
import { validateKey, validateMetadata, validateTags } from './validation';
import { entityTooSmall, invalidArgument, invalidPart, invalidPartOrder, malformedXml, noSuchKey, noSuchUpload } from './errors';
import { MAX_PART_BYTES, MAX_PART_NUMBER, MIN_PART_BYTES } from './limits';
import { resolveRange } from './range';
import { checkConditions, type Conditions } from './conditions';

export interface CompletedPart {
  partNumber: number;
  etag: string;
}

export function createMultipartOperations(ctx: BucketContext) {
  async function requireUpload(bucket: string, key: string, uploadId: string): Promise<UploadRecord> {
    await ctx.requireBucket(bucket);
    const upload = await ctx.store.getUpload(uploadId);
    if (!upload || upload.bucket !== bucket || upload.key !== key) throw noSuchUpload(uploadId);
    return upload;
  }

  function checkPartNumber(partNumber: number): void {
    if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > MAX_PART_NUMBER) {
      throw invalidArgument(`Part number must be an integer between 1 and ${MAX_PART_NUMBER}, inclusive`, 'partNumber', String(partNumber));
    }
  }

  async function savePart(uploadId: string, part: PartRecord): Promise<void> {
    const result = await ctx.store.putPart(uploadId, part).catch(async (err) => {
      await ctx.free([part.blobId]);
      throw err;
    });
    if (!result) {
      await ctx.free([part.blobId]);
      throw noSuchUpload(uploadId);
    }
    await ctx.free(result.freedBlobs);
  }

  return {
    async createMultipartUpload(input: { bucket: string; key: string; headers: ObjectHeaders; metadata: Record<string, string>; tags: Record<string, string> }): Promise<UploadRecord> {
      await ctx.requireBucket(input.bucket);
      validateKey(input.key);
      validateMetadata(input.metadata);
      validateTags(input.tags);
      const upload: UploadRecord = { uploadId: randomBytes(48).toString('base64url'), ...input, initiated: ctx.clock.now() };
      if (!(await ctx.store.createUpload(upload))) await ctx.requireBucket(input.bucket);
      return upload;
    },

    async uploadPart(input: { bucket: string; key: string; uploadId: string; partNumber: number; body: Readable | AsyncIterable<Buffer> } & IngestOptions): Promise<PartRecord & { checksum?: { algorithm: string; value: string } }> {
      checkPartNumber(input.partNumber);
      await requireUpload(input.bucket, input.key, input.uploadId);
      const { staged, md5Hex, checksum } = await ingest(ctx, input.body, { ...input, maxBytes: MAX_PART_BYTES });
      const part: PartRecord = { partNumber: input.partNumber, size: staged.size, etag: `"${md5Hex}"`, lastModified: ctx.clock.now(), blobId: staged.blobId };
      await savePart(input.uploadId, part);
      return { ...part, ...(checksum && { checksum }) };
    },

    async uploadPartCopy(input: { bucket: string; key: string; uploadId: string; partNumber: number; source: { bucket: string; key: string }; range?: string; conditions: Conditions }): Promise<PartRecord> {
      checkPartNumber(input.partNumber);
      await requireUpload(input.bucket, input.key, input.uploadId);
      await ctx.requireBucket(input.source.bucket);
      const source = await ctx.store.getObject(input.source.bucket, input.source.key);
      if (!source) throw noSuchKey(input.source.key);
      checkConditions(source, input.conditions, 'preconditionFailed');
      const range = resolveRange(input.range, source.size);
      const { staged, md5Hex } = await ingest(ctx, source.size === 0 ? (async function* () {})() : ctx.files.read(source.blobId, range), {});
      const part: PartRecord = { partNumber: input.partNumber, size: staged.size, etag: `"${md5Hex}"`, lastModified: ctx.clock.now(), blobId: staged.blobId };
      await savePart(input.uploadId, part);
      return part;
    },

    async completeMultipartUpload(input: { bucket: string; key: string; uploadId: string; parts: CompletedPart[]; origin: RequestOrigin }): Promise<ObjectRecord> {
      const bucket = await ctx.requireBucket(input.bucket);
      const upload = await requireUpload(input.bucket, input.key, input.uploadId);
      if (input.parts.length === 0) throw malformedXml();
      const stored = new Map((await ctx.store.listParts(input.uploadId)).map((p) => [p.partNumber, p]));
      const chosen: PartRecord[] = [];
      for (const [i, wanted] of input.parts.entries()) {
        if (i > 0 && wanted.partNumber <= input.parts[i - 1].partNumber) throw invalidPartOrder();
        const part = stored.get(wanted.partNumber);
        if (!part || part.etag.replace(/"/g, '') !== wanted.etag.replace(/"/g, '')) throw invalidPart();
        chosen.push(part);
      }
      // Every part but the last must be at least 5 MiB.
      if (chosen.slice(0, -1).some((p) => p.size < MIN_PART_BYTES)) throw entityTooSmall();
      const staged = await ctx.files.concat(chosen.map((p) => p.blobId));
      await staged.commit();
      const object: ObjectRecord = {
        bucket: input.bucket,
        key: input.key,
        size: staged.size,
        etag: multipartEtag(chosen.map((p) => p.etag)),
        headers: upload.headers,
        metadata: upload.metadata,
        tags: upload.tags,
        partsCount: chosen.length,
        lastModified: ctx.clock.now(),
        blobId: staged.blobId,
      };
      const result = await ctx.store.completeUpload(input.uploadId, object).catch(async (err) => {
        await ctx.free([staged.blobId]);
        throw err;
      });
      if (!result) {
        await ctx.free([staged.blobId]);
        throw noSuchUpload(input.uploadId);
      }
      await ctx.free(result.freedBlobs);
      await notify(ctx, bucket, { eventName: 'ObjectCreated:CompleteMultipartUpload', key: object.key, size: object.size, etag: object.etag }, input.origin);
      return object;
    },

    async abortMultipartUpload(bucket: string, key: string, uploadId: string): Promise<void> {
      await requireUpload(bucket, key, uploadId);
      const result = await ctx.store.abortUpload(uploadId);
      if (!result) throw noSuchUpload(uploadId);
      await ctx.free(result.freedBlobs);
    },

    async listParts(bucket: string, key: string, uploadId: string, options: { maxParts: number; marker: number }) {
      const upload = await requireUpload(bucket, key, uploadId);
      const all = (await ctx.store.listParts(uploadId)).filter((p) => p.partNumber > options.marker);
      const parts = all.slice(0, options.maxParts);
      return { upload, parts, isTruncated: all.length > parts.length, nextMarker: parts.at(-1)?.partNumber ?? 0 };
    },

    async listMultipartUploads(bucket: string, prefix = ''): Promise<UploadRecord[]> {
      await ctx.requireBucket(bucket);
      return (await ctx.store.listUploads(bucket)).filter((u) => u.key.startsWith(prefix));
    },
  };
}

