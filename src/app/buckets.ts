/**
 * The bucket service, wired: metadata in the engine, bytes under `<stateDir>/objects/`, event
 * notifications handed to the target dispatcher (durable: a function's async-invocation queue,
 * an SQS message, an SNS publish). The template's buckets exist once this resolves.
 */
import { join } from 'node:path';
import type { Clock } from '../shared/clock';
import type { Engine } from '../engine/types';
import type { AppModel } from '../template/model';
import { ObjectFiles } from '../engine/files/object-files';
import { createBucketService } from '../services/buckets';
import type { TargetDispatcher } from '../services/targets/types';
import type { AppConfig } from './config';

export async function startBuckets(o: { config: AppConfig; model: AppModel; engine: Engine; clock: Clock; dispatcher: TargetDispatcher }) {
  const buckets = createBucketService({
    store: o.engine.buckets,
    files: new ObjectFiles(join(o.config.stateDir, 'objects')),
    clock: o.clock,
    region: o.config.region,
    accountId: o.config.accountId,
    deliver: (arn, payload, bucket) => o.dispatcher.deliver({ arn }, payload, { kind: 'bucket', sourceArn: `arn:aws:s3:::${bucket}` }),
    onError: (err) => process.stderr.write(`stratus: S3: ${(err as Error)?.message ?? String(err)}\n`),
  });
  await buckets.ensureTemplateBuckets(o.model);
  return buckets;
}
