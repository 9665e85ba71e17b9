/**
 * Creates or updates the template's topics and subscriptions. Rerunning (a restart, a template
 * edit) finds subscriptions by topic, protocol and endpoint, so nothing is duplicated; a
 * subscription's template-managed attributes are set to what the template says now (an
 * attribute removed from the template is removed, as a stack update would). SNS's complaints
 * become TemplateErrors naming the resource.
 */
import { TemplateError } from '../../../shared/errors';
import type { AppModel } from '../../../template/model';
import type { TopicContext } from '../context';
import { SnsError } from '../errors';
import { topicNameFromArn } from '../names';
import { applySubscriptionAttributes, SETTABLE_SUBSCRIPTION_ATTRIBUTES } from '../subscription-attributes';
import type { createSubscriptionOperations } from '../operations/subscriptions';
import type { createTopicOperations } from '../operations/topics';
import { readSubscriptions, readTopics, type SubscriptionDefinition } from './read';

interface Operations {
  topics: ReturnType<typeof createTopicOperations>;
  subscriptions: ReturnType<typeof createSubscriptionOperations>;
}

export interface AppliedTemplate {
  topics: string[];
  subscriptions: string[];
}

export async function applyTemplateTopics(ctx: TopicContext, ops: Operations, model: AppModel): Promise<AppliedTemplate> {
  const topics: string[] = [];
  for (const def of readTopics(model)) {
    await located(model, def.resource.logicalId, `AWS::SNS::Topic ${def.name}`, async () => {
      const existing = await ctx.store.getTopic(def.name);
      if (!existing) {
        const { TopicArn } = await ops.topics.createTopic({ Name: def.name, Attributes: def.attributes, Tags: def.tags.length > 0 ? def.tags : undefined });
        topics.push(TopicArn);
        return;
      }
      const { FifoTopic: _fifo, ...changeable } = def.attributes;
      const TopicArn = `arn:aws:sns:${ctx.region}:${ctx.accountId}:${def.name}`;
      for (const [AttributeName, AttributeValue] of Object.entries(changeable)) await ops.topics.setTopicAttributes({ TopicArn, AttributeName, AttributeValue });
      topics.push(TopicArn);
    });
  }
  const subscriptions: string[] = [];
  for (const def of readSubscriptions(model)) {
    await located(model, def.logicalId, def.label, async () => subscriptions.push(await ensureSubscription(ctx, ops, def)));
  }
  return { topics, subscriptions };
}

async function ensureSubscription(ctx: TopicContext, ops: Operations, def: SubscriptionDefinition): Promise<string> {
  if (def.createQueue) await ctx.ports.createQueue({ QueueName: def.createQueue });
  const topicName = topicNameFromArn(ctx, def.topicArn);
  const existing = topicName && (await ctx.store.listSubscriptions(topicName)).find((s) => s.protocol === def.protocol && s.endpoint === def.endpoint);
  if (!existing) {
    const { SubscriptionArn } = await ops.subscriptions.subscribe({ TopicArn: def.topicArn, Protocol: def.protocol, Endpoint: def.endpoint, Attributes: def.attributes, ReturnSubscriptionArn: true });
    return SubscriptionArn;
  }
  const resets = Object.fromEntries([...SETTABLE_SUBSCRIPTION_ATTRIBUTES].filter((n) => existing.attributes[n] !== undefined).map((n) => [n, '']));
  const attributes = applySubscriptionAttributes({ ...resets, ...def.attributes }, { protocol: existing.protocol, current: existing.attributes, addressing: ctx });
  await ctx.store.updateSubscription(existing.arn, { attributes });
  return existing.arn;
}

async function located(model: AppModel, logicalId: string, label: string, step: () => Promise<unknown>): Promise<void> {
  try {
    await step();
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (err instanceof TemplateError) throw err;
    if (!(err instanceof SnsError) && !(err instanceof Error && code && /^[A-Z]/.test(code))) throw err;
    throw new TemplateError(`${label}: ${code}: ${(err as Error).message}`, { file: model.templatePath, logicalId });
  }
}
