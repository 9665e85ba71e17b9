/** GetQueueAttributes: stored attributes plus the computed ones (counts, timestamps, ARN). */
import type { QueueRecord } from '../../engine/types';
import type { QueueContext } from './context';
import { invalidAttributeName } from './errors';
import { COMPUTED_ATTRIBUTES } from './queue-attributes';
import { queueArn } from './names';

/** Every attribute name GetQueueAttributes knows (SQS API Reference, QueueAttributeName). */
const KNOWN = new Set<string>([
  'All',
  ...COMPUTED_ATTRIBUTES,
  'DelaySeconds',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'Policy',
  'ReceiveMessageWaitTimeSeconds',
  'VisibilityTimeout',
  'RedrivePolicy',
  'RedriveAllowPolicy',
  'KmsMasterKeyId',
  'KmsDataKeyReusePeriodSeconds',
  'SqsManagedSseEnabled',
  'FifoQueue',
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'FifoThroughputLimit',
]);

export async function readAttributes(ctx: QueueContext, queue: QueueRecord, names: string[]): Promise<Record<string, string>> {
  for (const name of names) if (!KNOWN.has(name)) throw invalidAttributeName(name);
  const all = names.includes('All');
  const wanted = (name: string) => all || names.includes(name);
  const out: Record<string, string> = {};
  if (wanted('QueueArn')) out.QueueArn = queueArn(ctx, queue.name);
  if (COMPUTED_ATTRIBUTES.some((n) => n.startsWith('Approximate') && wanted(n))) {
    const counts = await ctx.store.counts(queue.name, ctx.clock.now());
    if (wanted('ApproximateNumberOfMessages')) out.ApproximateNumberOfMessages = String(counts.visible);
    if (wanted('ApproximateNumberOfMessagesNotVisible')) out.ApproximateNumberOfMessagesNotVisible = String(counts.inFlight);
    if (wanted('ApproximateNumberOfMessagesDelayed')) out.ApproximateNumberOfMessagesDelayed = String(counts.delayed);
  }
  // SQS reports these two in epoch seconds.
  if (wanted('CreatedTimestamp')) out.CreatedTimestamp = String(Math.floor(queue.createdAt / 1000));
  if (wanted('LastModifiedTimestamp')) out.LastModifiedTimestamp = String(Math.floor(queue.lastModifiedAt / 1000));
  for (const [name, value] of Object.entries(queue.attributes)) if (wanted(name)) out[name] = value;
  return out;
}
