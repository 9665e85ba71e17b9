/**
 * Buckets themselves: CreateBucket, DeleteBucket, HeadBucket, ListBuckets, and the CORS and
 * notification subresources.
 */
import type { BucketRecord } from '../../engine/types';
import type { BucketContext, RequestOrigin } from './context';
import { bucketAlreadyOwnedByYou, bucketNotEmpty, invalidBucketName, noSuchBucket, noSuchCors } from './errors';
import { isValidBucketName } from './limits';
import { validateCorsRules, findCorsRule, type CorsRule } from './cors';
import { parseStored, validateTarget, type NotificationConfiguration } from './notification-config';
import { sendTestEvents } from './notifications';

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
