/**
 * Queue management: CreateQueue, GetQueueUrl, ListQueues, DeleteQueue, PurgeQueue, Get/Set
 * QueueAttributes, tags and ListDeadLetterSourceQueues.
 */
import type { QueueRecord } from '../../engine/types';
import type { QueueContext } from './context';
import { invalidAttributeValue, missingParameter, purgeQueueInProgress, queueDoesNotExist, queueNameExists } from './errors';
import { PURGE_INTERVAL_MS } from './limits';
import { assertValidQueueName, queueUrl } from './names';
import { paginate } from './pagination';
import { defaultAttributes, normaliseAttributes, settingsOf } from './queue-attributes';
import { readAttributes } from './read-attributes';
import type { CreateQueueInput, ListQueuesInput } from './types';

export function createAdmin(ctx: QueueContext) {
  const url = (name: string) => queueUrl(ctx, name);
  const normalise = (q: { name: string; fifo: boolean; creating: boolean }, given: Record<string, string | undefined>) =>
    normaliseAttributes(given, {
      addressing: ctx,
      fifo: q.fifo,
      creating: q.creating,
      queueName: q.name,
      findQueue: (name) => ctx.store.getQueue(name),
    });

  /** SQS returns the existing queue's URL only if every attribute given matches it. */
  const assertSameAttributes = (existing: QueueRecord, given: Record<string, string>) => {
    const stored: Record<string, string> = { ...existing.attributes, FifoQueue: existing.settings.fifo ? 'true' : 'false' };
    const differs = Object.entries(given).some(([k, v]) => (stored[k] ?? '') !== v);
    if (differs) throw queueNameExists(existing.name);
  };

  return {
    async createQueue(input: CreateQueueInput): Promise<{ QueueUrl: string }> {
      const name = input.QueueName;
      if (typeof name !== 'string' || name === '') throw missingParameter('QueueName');
      const fifoFlag = input.Attributes?.FifoQueue?.toLowerCase();
      if (fifoFlag !== undefined && fifoFlag !== 'true' && fifoFlag !== 'false') throw invalidAttributeValue('FifoQueue');
      const fifo = fifoFlag === 'true';
      assertValidQueueName(name, fifo);
      const given = await normalise({ name, fifo, creating: true }, input.Attributes ?? {});
      const existing = await ctx.store.getQueue(name);
      if (existing) {
        assertSameAttributes(existing, given);
        return { QueueUrl: url(name) };
      }
      const attributes = withoutEmpty({ ...defaultAttributes(fifo), ...given });
      delete attributes.FifoQueue;
      if (fifo) attributes.FifoQueue = 'true';
      const { created, queue } = await ctx.store.createQueue(
        { name, settings: settingsOf(attributes, fifo, ctx), attributes, tags: input.tags ?? {} },
        ctx.clock.now(),
      );
      if (!created) assertSameAttributes(queue, given);
      return { QueueUrl: url(name) };
    },

    async getQueueUrl(input: { QueueName: string; QueueOwnerAWSAccountId?: string }): Promise<{ QueueUrl: string }> {
      if (!input.QueueName) throw missingParameter('QueueName');
      if (input.QueueOwnerAWSAccountId !== undefined && input.QueueOwnerAWSAccountId !== ctx.accountId) throw queueDoesNotExist();
      const queue = await ctx.store.getQueue(input.QueueName);
      if (!queue) throw queueDoesNotExist();
      return { QueueUrl: url(queue.name) };
    },

    async listQueues(input: ListQueuesInput = {}): Promise<{ QueueUrls?: string[]; NextToken?: string }> {
      const queues = (await ctx.store.listQueues(input.QueueNamePrefix ?? '')).filter((q) => isSqsQueueName(q.name));
      const page = paginate(queues.map((q) => q.name), input.MaxResults, input.NextToken);
      return { ...(page.items.length > 0 && { QueueUrls: page.items.map(url) }), ...(page.nextToken && { NextToken: page.nextToken }) };
    },

    async deleteQueue(input: { QueueUrl: string }): Promise<Record<string, never>> {
      const queue = await ctx.queueByUrl(input.QueueUrl);
      if (!(await ctx.store.deleteQueue(queue.name))) throw queueDoesNotExist();
      return {};
    },

    async purgeQueue(input: { QueueUrl: string }): Promise<Record<string, never>> {
      const queue = await ctx.queueByUrl(input.QueueUrl);
      const now = ctx.clock.now();
      if (queue.lastPurgedAt !== undefined && now - queue.lastPurgedAt < PURGE_INTERVAL_MS) throw purgeQueueInProgress(queue.name);
      await ctx.store.purge(queue.name, now);
      return {};
    },

    async getQueueAttributes(input: { QueueUrl: string; AttributeNames?: string[] }): Promise<{ Attributes?: Record<string, string> }> {
      const queue = await ctx.queueByUrl(input.QueueUrl);
      const attributes = await readAttributes(ctx, queue, input.AttributeNames ?? []);
      return Object.keys(attributes).length > 0 ? { Attributes: attributes } : {};
    },

    async setQueueAttributes(input: { QueueUrl: string; Attributes: Record<string, string> }): Promise<Record<string, never>> {
      const queue = await ctx.queueByUrl(input.QueueUrl);
      if (!input.Attributes) throw missingParameter('Attributes');
      const given = await normalise({ name: queue.name, fifo: queue.settings.fifo, creating: false }, input.Attributes);
      const attributes = withoutEmpty({ ...queue.attributes, ...given });
      await ctx.store.updateQueue(queue.name, { attributes, settings: settingsOf(attributes, queue.settings.fifo, ctx) }, ctx.clock.now());
      return {};
    },

    async tagQueue(input: { QueueUrl: string; Tags: Record<string, string> }): Promise<Record<string, never>> {
      const queue = await ctx.queueByUrl(input.QueueUrl);
      await ctx.store.updateQueue(queue.name, { tags: { ...queue.tags, ...input.Tags } }, ctx.clock.now());
      return {};
    },

    async untagQueue(input: { QueueUrl: string; TagKeys: string[] }): Promise<Record<string, never>> {
      const queue = await ctx.queueByUrl(input.QueueUrl);
      const tags = { ...queue.tags };
      for (const key of input.TagKeys ?? []) delete tags[key];
      await ctx.store.updateQueue(queue.name, { tags }, ctx.clock.now());
      return {};
    },

    async listQueueTags(input: { QueueUrl: string }): Promise<{ Tags?: Record<string, string> }> {
      const queue = await ctx.queueByUrl(input.QueueUrl);
      return Object.keys(queue.tags).length > 0 ? { Tags: queue.tags } : {};
    },

    /** Note the API's lower-case `queueUrls` (ListDeadLetterSourceQueues response syntax). */
    async listDeadLetterSourceQueues(input: { QueueUrl: string; MaxResults?: number; NextToken?: string }) {
      const dlq = await ctx.queueByUrl(input.QueueUrl);
      const sources = (await ctx.store.listQueues()).filter((q) => q.settings.redrive?.deadLetterQueue === dlq.name);
      const page = paginate(sources.map((q) => q.name), input.MaxResults, input.NextToken);
      return { queueUrls: page.items.map(url), ...(page.nextToken && { NextToken: page.nextToken }) };
    },
  };
}

/** An attribute set to "" (e.g. RedrivePolicy) is removed, as SQS does. */
function withoutEmpty(attributes: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(attributes).filter(([, v]) => v !== ''));
}

/**
 * Stratus keeps internal engine queues (e.g. a function's asynchronous-invocation queue) beside
 * SQS's; their names hold characters SQS forbids, so they can never clash and are never listed.
 */
function isSqsQueueName(name: string): boolean {
  return /^[\w-]+(\.fifo)?$/.test(name);
}
