/**
 * Buckets themselves: CreateBucket, DeleteBucket, HeadBucket, ListBuckets, and the tagging, CORS
 * and notification subresources.
 */
import type { BucketRecord } from '../../engine/types';
import type { BucketContext, RequestOrigin } from './context';
import { bucketAlreadyOwnedByYou, bucketNotEmpty, invalidBucketName, invalidTag, noSuchBucket, noSuchCors, noSuchTagSet } from './errors';
import { isValidBucketName } from './limits';
import { validateCorsRules, findCorsRule, type CorsRule } from './cors';
import { parseStored, validateTarget, type NotificationConfiguration } from './notification-config';
import { sendTestEvents } from './notifications';

/** S3 allows at most 50 tags per bucket. */
const MAX_BUCKET_TAGS = 50;

export function createBucketOperations(ctx: BucketContext) {
  return {
    async createBucket(name: string, options: { region?: string; tags?: Record<string, string> } = {}): Promise<BucketRecord> {
      if (!isValidBucketName(name)) throw invalidBucketName(name);
      const region = options.region || ctx.region;
      const { created, bucket } = await ctx.store.createBucket({ name, region, tags: options.tags }, ctx.clock.now());
      // us-east-1 answers 200 to the owner re-creating a bucket; every other region 409.
      if (!created && region !== 'us-east-1') throw bucketAlreadyOwnedByYou(name);
      return bucket;
    },

    async deleteBucket(name: string): Promise<void> {
      const { outcome, freedBlobs } = await ctx.store.deleteBucket(name);
      if (outcome === 'missing') throw noSuchBucket(name);
      if (outcome === 'notEmpty') throw bucketNotEmpty(name);
      await ctx.free(freedBlobs);
    },

    headBucket: (name: string) => ctx.requireBucket(name),
    listBuckets: () => ctx.store.listBuckets(),

    /** Bucket tags (S3 allows 50 per bucket); NoSuchTagSet when there are none. */
    async getBucketTags(name: string): Promise<Record<string, string>> {
      const bucket = await ctx.requireBucket(name);
      if (Object.keys(bucket.tags).length === 0) throw noSuchTagSet(name);
      return bucket.tags;
    },
    async putBucketTags(name: string, tags: Record<string, string>): Promise<void> {
      await ctx.requireBucket(name);
      if (Object.keys(tags).length > MAX_BUCKET_TAGS) throw invalidTag('Bucket tag count cannot be greater than 50');
      for (const [key, value] of Object.entries(tags)) {
        if (key.length === 0 || key.length > 128 || key.startsWith('aws:')) throw invalidTag('The TagKey you have provided is invalid');
        if (value.length > 256) throw invalidTag('The TagValue you have provided is invalid');
      }
      await ctx.store.updateBucket(name, { tags });
    },

    async putBucketCors(name: string, rules: CorsRule[]): Promise<void> {
      await ctx.requireBucket(name);
      await ctx.store.updateBucket(name, { cors: JSON.stringify(validateCorsRules(rules)) });
    },
    async getBucketCors(name: string): Promise<CorsRule[]> {
      const bucket = await ctx.requireBucket(name);
      if (!bucket.cors) throw noSuchCors(name);
      return JSON.parse(bucket.cors) as CorsRule[];
    },
    async deleteBucketCors(name: string): Promise<void> {
      await ctx.requireBucket(name);
      await ctx.store.updateBucket(name, { cors: null });
    },
    /** The CORS rule answering a request from `origin`; `null` when the bucket has no CORS configuration. */
    async matchCors(name: string, origin: string, method: string, requestHeaders: string[]): Promise<CorsRule | undefined | null> {
      const bucket = await ctx.requireBucket(name);
      if (!bucket.cors) return null;
      return findCorsRule(JSON.parse(bucket.cors) as CorsRule[], origin, method, requestHeaders);
    },

    async putBucketNotification(name: string, config: NotificationConfiguration, origin?: RequestOrigin): Promise<void> {
      await ctx.requireBucket(name);
      config.targets.forEach(validateTarget);
      const updated = await ctx.store.updateBucket(name, { notification: config.targets.length > 0 ? JSON.stringify(config) : null });
      if (updated && origin) await sendTestEvents(ctx, updated, origin);
    },
    async getBucketNotification(name: string): Promise<NotificationConfiguration> {
      return parseStored((await ctx.requireBucket(name)).notification);
    },
  };
}
