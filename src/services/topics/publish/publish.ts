/**
 * Publish and PublishBatch. A publish answers once every delivery it fans out to is stored
 * durably (one engine transaction), so an accepted message survives a crash before delivery.
 * FIFO topics first record the deduplication id (a duplicate within 5 minutes answers the
 * original MessageId and SequenceNumber and delivers nothing).
 */
import { randomUUID } from 'node:crypto';
import type { TopicRecord } from '../../../engine/types';
import type { TopicContext } from '../context';
import { invalidParameter, SnsError, topicNotFound, unsupportedByStratus } from '../errors';
import { DEDUPLICATION_WINDOW_MS, MAX_BATCH_ENTRIES, MAX_BATCH_ENTRY_ID_LENGTH, MAX_MESSAGE_BYTES } from '../limits';
import { topicArn } from '../names';
import type { PublishBatchInput, PublishBatchOutput, PublishBatchRequestEntry, PublishInput, PublishOutput } from '../api';
import { enqueueDeliveries } from '../delivery/job';
import { fanOut, FilterCache, type Published } from './fan-out';
import { validateMessage } from './validate';

const BATCH_ENTRY_ID = /^[A-Za-z0-9_-]+$/;

export function createPublish(ctx: TopicContext, ready: () => Promise<void>) {
  const filters = new FilterCache();

  async function publishTo(topic: TopicRecord, entry: Omit<PublishBatchRequestEntry, 'Id'>): Promise<PublishOutput> {
    const message = validateMessage(topic, entry);
    const now = ctx.clock.now();
    const published: Published = { topicArn: topicArn(ctx, topic.name), messageId: randomUUID(), timestamp: new Date(now).toISOString() };
    if (topic.fifo) {
      const recorded = await ctx.store.recordFifoPublish(
        topic.name,
        { deduplicationKey: message.deduplicationId!, messageId: published.messageId, windowMs: DEDUPLICATION_WINDOW_MS },
        now,
      );
      if (!recorded) throw topicNotFound();
      if (recorded.duplicate) return { MessageId: recorded.messageId, SequenceNumber: recorded.sequenceNumber };
      published.sequenceNumber = recorded.sequenceNumber;
    }
    await ready();
    const subscriptions = await ctx.store.listSubscriptions(topic.name);
    await enqueueDeliveries(ctx, fanOut(subscriptions, message, published, filters), topic.fifo);
    return published.sequenceNumber === undefined ? { MessageId: published.messageId } : { MessageId: published.messageId, SequenceNumber: published.sequenceNumber };
  }

  async function targetTopic(input: PublishInput): Promise<TopicRecord> {
    if (input.PhoneNumber !== undefined) throw unsupportedByStratus('Publishing to a PhoneNumber (SMS)');
    const arn = input.TopicArn ?? input.TargetArn;
    if (arn === undefined || arn === '') throw invalidParameter('TopicArn or TargetArn Reason: no value for required parameter');
    if (input.TopicArn !== undefined && input.TargetArn !== undefined) throw invalidParameter('TopicArn Reason: Only one of TopicArn or TargetArn may be given');
    if (arn.includes(':endpoint/')) throw unsupportedByStratus('Publishing to a mobile platform endpoint');
    return ctx.topicByArn(arn, input.TopicArn !== undefined ? 'TopicArn' : 'TargetArn');
  }

  return {
    async publish(input: PublishInput): Promise<PublishOutput> {
      const topic = await targetTopic(input);
      return publishTo(topic, input);
    },

    /** Entries are published in order (FIFO order holds within the batch); each fails on its own. */
    async publishBatch(input: PublishBatchInput): Promise<PublishBatchOutput> {
      const topic = await ctx.topicByArn(input.TopicArn);
      const entries = input.PublishBatchRequestEntries ?? [];
      assertValidBatch(entries);
      const out: PublishBatchOutput = { Successful: [], Failed: [] };
      for (const entry of entries) {
        try {
          const { Id, ...rest } = entry;
          out.Successful.push({ Id, ...(await publishTo(topic, rest)) });
        } catch (err) {
          if (!(err instanceof SnsError)) throw err;
          out.Failed.push({ Id: entry.Id, Code: err.code, Message: err.message, SenderFault: err.senderFault });
        }
      }
      return out;
    },
  };
}

/** Whole-request checks (PublishBatch API Reference, "Errors"). */
function assertValidBatch(entries: PublishBatchRequestEntry[]): void {
  if (entries.length === 0) throw new SnsError('EmptyBatchRequest', "The batch request doesn't contain any entries.");
  if (entries.length > MAX_BATCH_ENTRIES) throw new SnsError('TooManyEntriesInBatchRequest', 'The batch request contains more entries than permissible.');
  const seen = new Set<string>();
  let total = 0;
  for (const entry of entries) {
    if (typeof entry.Id !== 'string' || entry.Id.length > MAX_BATCH_ENTRY_ID_LENGTH || !BATCH_ENTRY_ID.test(entry.Id)) {
      throw new SnsError('InvalidBatchEntryId', 'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.');
    }
    if (seen.has(entry.Id)) throw new SnsError('BatchEntryIdsNotDistinct', 'Two or more batch entries in the request have the same Id.');
    seen.add(entry.Id);
    total += Buffer.byteLength(typeof entry.Message === 'string' ? entry.Message : '');
  }
  if (total > MAX_MESSAGE_BYTES) throw new SnsError('BatchRequestTooLong', 'The length of all the messages put together is more than the limit.');
}
