/** CreateTopic, DeleteTopic, ListTopics, GetTopicAttributes, SetTopicAttributes. */
import type { TopicRecord } from '../../../engine/types';
import type { TopicContext } from '../context';
import { invalidParameter, missingParameter } from '../errors';
import { assertValidTopicName, topicArn } from '../names';
import { page } from '../pagination';
import { boolean, topicAttributesView, validateTopicAttribute } from '../topic-attributes';
import type { CreateTopicInput, ListTopicsOutput } from '../api';
import { tagsToMap } from './tags';

export function createTopicOperations(ctx: TopicContext) {
  const arnOf = (topic: TopicRecord) => topicArn(ctx, topic.name);

  return {
    /**
     * Idempotent: the same name with the same attributes (and tags) answers the existing ARN;
     * different ones are InvalidParameter (CreateTopic API Reference).
     */
    async createTopic(input: CreateTopicInput): Promise<{ TopicArn: string }> {
      if (typeof input.Name !== 'string') throw missingParameter('name');
      const given = { ...(input.Attributes ?? {}) };
      const fifo = given.FifoTopic !== undefined ? boolean('FifoTopic', given.FifoTopic) === 'true' : false;
      delete given.FifoTopic;
      assertValidTopicName(input.Name, fifo);
      const attributes: Record<string, string> = {};
      for (const [name, value] of Object.entries(given)) attributes[name] = validateTopicAttribute(name, String(value), fifo);
      const tags = tagsToMap(input.Tags ?? []);
      const { topic } = await ctx.store.createTopic({ name: input.Name, fifo, attributes, tags }, ctx.clock.now());
      assertSame(topic, fifo, attributes, input.Tags ? tags : undefined);
      return { TopicArn: arnOf(topic) };
    },

    /** Deletes the topic and its subscriptions; a topic that does not exist is not an error. */
    async deleteTopic(input: { TopicArn: string }): Promise<void> {
      try {
        const topic = await ctx.topicByArn(input.TopicArn);
        await ctx.store.deleteTopic(topic.name);
      } catch (err) {
        if ((err as { code?: string }).code !== 'NotFound') throw err;
      }
    },

    async listTopics(input: { NextToken?: string } = {}): Promise<ListTopicsOutput> {
      const topics = (await ctx.store.listTopics()).map((t) => ({ TopicArn: arnOf(t) }));
      const { items, NextToken } = page(topics, (t) => t.TopicArn, input.NextToken);
      return NextToken ? { Topics: items, NextToken } : { Topics: items };
    },

    async getTopicAttributes(input: { TopicArn: string }): Promise<{ Attributes: Record<string, string> }> {
      const topic = await ctx.topicByArn(input.TopicArn);
      const subscriptions = await ctx.store.listSubscriptions(topic.name);
      const confirmed = subscriptions.filter((s) => s.confirmed).length;
      const counts = { confirmed, pending: subscriptions.length - confirmed };
      return { Attributes: topicAttributesView(topic, arnOf(topic), ctx.accountId, counts) };
    },

    async setTopicAttributes(input: { TopicArn: string; AttributeName: string; AttributeValue?: string }): Promise<void> {
      const topic = await ctx.topicByArn(input.TopicArn);
      if (typeof input.AttributeName !== 'string') throw missingParameter('attributeName');
      if (input.AttributeName === 'FifoTopic') throw invalidParameter('AttributeName');
      const value = validateTopicAttribute(input.AttributeName, input.AttributeValue ?? '', topic.fifo);
      await ctx.store.updateTopic(topic.name, { attributes: { ...topic.attributes, [input.AttributeName]: value } });
    },
  };
}

function assertSame(topic: TopicRecord, fifo: boolean, attributes: Record<string, string>, tags: Record<string, string> | undefined): void {
  const stored: Record<string, string> = { ...topic.attributes };
  const differs = topic.fifo !== fifo || Object.entries(attributes).some(([k, v]) => (stored[k] ?? '') !== v);
  if (differs) throw invalidParameter('Attributes Reason: Topic already exists with different attributes');
  if (tags && Object.entries(tags).some(([k, v]) => topic.tags[k] !== v)) {
    throw invalidParameter('Tags Reason: Topic already exists with different tags');
  }
}
