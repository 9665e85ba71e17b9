/**
 * The bucket service: S3's semantics over the engine's BucketStore and the object files. It
 * knows nothing of HTTP or XML; the S3 wire adapter (src/gateways/aws/s3) and, later, the API
 * gateway serving static files use it. `getObject(bucket, key, { range, conditions })` → the
 * object's metadata and a stream of its bytes is the stable read API.
 */
import type { AppModel } from '../../template/model';
import { createContext, type BucketServiceOptions } from './context';
import { createBucketOperations } from './bucket-operations';
import { createObjectOperations } from './objects';
import { createMultipartOperations } from './multipart';
import { decodeToken, encodeToken, listKeys, type ListQuery } from './list';
import { ensureTemplateBuckets } from './template';
import { MAX_DELETE_KEYS } from './limits';
import { malformedXml, S3Error } from './errors';
import type { RequestOrigin } from './context';

export type BucketService = ReturnType<typeof createBucketService>;

export function createBucketService(options: BucketServiceOptions) {
  const ctx = createContext(Object.freeze({ ...options }));
  const buckets = createBucketOperations(ctx);
  const objects = createObjectOperations(ctx);
  const multipart = createMultipartOperations(ctx);
  return {
    region: options.region,
    accountId: options.accountId,
    ...buckets,
    ...objects,
    ...multipart,
    listObjects: (bucket: string, query: ListQuery) => listKeys(ctx, bucket, query),
    encodeToken,
    decodeToken,

    /** DeleteObjects: each key on its own; per-key errors are answered, never thrown. */
    async deleteObjects(bucket: string, keys: string[], origin: RequestOrigin) {
      await ctx.requireBucket(bucket);
      if (keys.length === 0 || keys.length > MAX_DELETE_KEYS) throw malformedXml();
      const deleted: string[] = [];
      const errors: { key: string; code: string; message: string }[] = [];
      for (const key of keys) {
        try {
          await objects.deleteObject(bucket, key, origin);
          deleted.push(key);
        } catch (err) {
          const e = err instanceof S3Error ? err : new S3Error('InternalError', (err as Error).message, 500);
          errors.push({ key, code: e.code, message: e.message });
        }
      }
      return { deleted, errors };
    },

    /** Creates the template's buckets and applies their configuration; returns their names. */
    ensureTemplateBuckets: (model: AppModel) => ensureTemplateBuckets(ctx, buckets, model),
  };
}
