/**
 * Subscribe, ConfirmSubscription, Unsubscribe, ListSubscriptions(ByTopic),
 * Get/SetSubscriptionAttributes. SQS and Lambda subscriptions are confirmed at once; HTTP/S and
 * e-mail ones stay pending (and get no messages) until ConfirmSubscription with the token SNS
 * sent them (SNS Developer Guide, "Confirming the subscription").
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { SubscriptionRecord, TopicRecord } from '../../../engine/types';
import { LISTED_PENDING, PENDING_CONFIRMATION, type TopicContext } from '../context';
import { invalidParameter, missingParameter } from '../errors';
import { AUTO_CONFIRMED, validateEndpoint } from '../endpoints';
import { topicArn } from '../names';
import { page } from '../pagination';
import { applySubscriptionAttributes, CONFIRMATION_WAS_AUTHENTICATED, subscriptionAttributesView } from '../subscription-attributes';
import type { ListSubscriptionsOutput, SubscribeInput, SubscriptionSummary } from '../api';

/** Hands a new pending subscription its confirmation request (HTTP POST or captured mail). */
export type ConfirmationSender = (topic: TopicRecord, subscription: SubscriptionRecord) => Promise<void>;

/** SNS tokens are long hex strings; 128 random bytes gives the same look. */
const TOKEN_BYTES = 128;

export function createSubscriptionOperations(ctx: TopicContext, sendConfirmation: ConfirmationSender) {
  const arnOfTopic = (name: string) => topicArn(ctx, name);
  const summary = (s: SubscriptionRecord): SubscriptionSummary => ({
    SubscriptionArn: s.confirmed ? s.arn : LISTED_PENDING,
    Owner: ctx.accountId,
    Protocol: s.protocol,
    Endpoint: s.endpoint,
    TopicArn: arnOfTopic(s.topic),
  });

  return {
    async subscribe(input: SubscribeInput): Promise<{ SubscriptionArn: string }> {
      const topic = await ctx.topicByArn(input.TopicArn);
      if (typeof input.Protocol !== 'string') throw missingParameter('protocol');
      const endpoint = validateEndpoint(input.Protocol, input.Endpoint, topic, ctx);
      const given = input.Attributes ?? {};
      const attributes = applySubscriptionAttributes(given, { protocol: input.Protocol, current: {}, addressing: ctx });
      const confirmed = AUTO_CONFIRMED.has(input.Protocol);
      if (confirmed) attributes[CONFIRMATION_WAS_AUTHENTICATED] = 'true';
      const arn = `${arnOfTopic(topic.name)}:${randomUUID()}`;
      const token = confirmed ? undefined : randomBytes(TOKEN_BYTES).toString('hex');
      const stored = await ctx.store.createSubscription({ arn, topic: topic.name, protocol: input.Protocol, endpoint, attributes, confirmed, token }, ctx.clock.now());
      if (!stored) throw invalidParameter('TopicArn');
      const { created, subscription } = stored;
      if (!created) assertSameAttributes(subscription, attributes);
      if (created && !confirmed) await sendConfirmation(topic, subscription);
      const answerArn = subscription.confirmed || input.ReturnSubscriptionArn === true;
      return { SubscriptionArn: answerArn ? subscription.arn : PENDING_CONFIRMATION };
    },

    async confirmSubscription(input: { TopicArn: string; Token: string; AuthenticateOnUnsubscribe?: string }): Promise<{ SubscriptionArn: string }> {
      const topic = await ctx.topicByArn(input.TopicArn);
      if (typeof input.Token !== 'string' || input.Token === '') throw missingParameter('token');
      const subscription = (await ctx.store.listSubscriptions(topic.name)).find((s) => s.token === input.Token);
      if (!subscription) throw invalidParameter('Token');
      if (!subscription.confirmed) {
        const authenticated = String(input.AuthenticateOnUnsubscribe ?? '').toLowerCase() === 'true' ? 'true' : 'false';
        await ctx.store.updateSubscription(subscription.arn, {
          confirmed: true,
          attributes: { ...subscription.attributes, [CONFIRMATION_WAS_AUTHENTICATED]: authenticated },
        });
      }
      return { SubscriptionArn: subscription.arn };
    },

    async unsubscribe(input: { SubscriptionArn: string }): Promise<void> {
      const subscription = await ctx.subscriptionByArn(input.SubscriptionArn);
      await ctx.store.deleteSubscription(subscription.arn);
    },

    async listSubscriptions(input: { NextToken?: string } = {}): Promise<ListSubscriptionsOutput> {
      const all = await ctx.store.listSubscriptions();
      const { items, NextToken } = page(all, (s) => s.arn, input.NextToken);
      return withToken({ Subscriptions: items.map(summary) }, NextToken);
    },

    async listSubscriptionsByTopic(input: { TopicArn: string; NextToken?: string }): Promise<ListSubscriptionsOutput> {
      const topic = await ctx.topicByArn(input.TopicArn);
      const all = await ctx.store.listSubscriptions(topic.name);
      const { items, NextToken } = page(all, (s) => s.arn, input.NextToken);
      return withToken({ Subscriptions: items.map(summary) }, NextToken);
    },

    async getSubscriptionAttributes(input: { SubscriptionArn: string }): Promise<{ Attributes: Record<string, string> }> {
      const subscription = await ctx.subscriptionByArn(input.SubscriptionArn);
      const topic = await ctx.store.getTopic(subscription.topic);
      if (!topic) throw invalidParameter('SubscriptionArn');
      return { Attributes: subscriptionAttributesView(subscription, topic, arnOfTopic(topic.name), ctx.accountId) };
    },

    async setSubscriptionAttributes(input: { SubscriptionArn: string; AttributeName: string; AttributeValue?: string }): Promise<void> {
      const subscription = await ctx.subscriptionByArn(input.SubscriptionArn);
      if (typeof input.AttributeName !== 'string') throw missingParameter('attributeName');
      const attributes = applySubscriptionAttributes(
        { [input.AttributeName]: input.AttributeValue ?? '' },
        { protocol: subscription.protocol, current: subscription.attributes, addressing: ctx },
      );
      await ctx.store.updateSubscription(subscription.arn, { attributes });
    },
  };
}

/** Subscribe with an existing protocol and endpoint answers it only if the attributes agree. */
function assertSameAttributes(existing: SubscriptionRecord, given: Record<string, string>): void {
  const own = (attributes: Record<string, string>) =>
    JSON.stringify(Object.entries(attributes).filter(([k]) => k !== CONFIRMATION_WAS_AUTHENTICATED).sort());
  if (own(existing.attributes) !== own(given)) throw invalidParameter('Attributes Reason: Subscription already exists with different attributes');
}

function withToken(out: ListSubscriptionsOutput, token: string | undefined): ListSubscriptionsOutput {
  return token ? { ...out, NextToken: token } : out;
}
