/**
 * The bucket service as the HTTP API gateway's ObjectSource (S3-proxy routes): NoSuchKey and
 * NoSuchBucket become the "missing" answers the gateway maps through the integration responses.
 */
import type { ObjectSource } from '../gateways/http-api';
import { S3Error, type BucketService } from '../services/buckets';

export function bucketObjectSource(buckets: BucketService): ObjectSource {
  return {
    async getObject(bucket, key) {
      try {
        const { object, body } = await buckets.getObject(bucket, key);
        return {
          body,
          contentType: object.headers.contentType,
          contentLength: object.size,
          etag: object.etag,
          lastModified: new Date(object.lastModified),
        };
      } catch (err) {
        if (err instanceof S3Error && (err.code === 'NoSuchKey' || err.code === 'NoSuchBucket')) return { missing: err.code };
        throw err;
      }
    },
  };
}
