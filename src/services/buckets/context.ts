/** What every part of the bucket service shares: its store, the object files, the clock, the notifier. */
import type { BucketStore, BucketRecord } from '../../engine/types';
import type { ObjectFiles } from '../../engine/files/object-files';
import type { Clock } from '../../shared/clock';
import { noSuchBucket } from './errors';

/** Who caused an event: goes into the notification record (requestParameters, responseElements). */
export interface RequestOrigin {
  requestId: string;
  sourceIp?: string;
  accessKeyId?: string;
}

export interface BucketServiceOptions {
  store: BucketStore;
  files: ObjectFiles;
  clock: Clock;
  region: string;
  accountId: string;
  /** Hands a notification payload of `bucket` to a target ARN (function, queue, topic), durably. */
  deliver(targetArn: string, payload: string, bucket: string): Promise<void>;
  onError(err: unknown): void;
}

export interface BucketContext extends BucketServiceOptions {
  requireBucket(name: string): Promise<BucketRecord>;
  /**
   * Deletes files nothing points at any more, off the request's path (no row names them, so no
   * reader can need them); a failure only leaves an orphan file.
   */
  free(blobIds: string[]): Promise<void>;
}

export function createContext(options: BucketServiceOptions): BucketContext {
  return {
    ...options,
    async requireBucket(name) {
      const bucket = await options.store.getBucket(name);
      if (!bucket) throw noSuchBucket(name);
      return bucket;
    },
    free: async (blobIds) => {
      if (blobIds.length > 0) void options.files.remove(blobIds).catch(options.onError);
    },
  };
}
