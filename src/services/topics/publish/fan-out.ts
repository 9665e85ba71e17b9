/**
 * Fan-out: one delivery job per confirmed subscription whose filter policy matches ("Amazon SNS
 * message filtering"). Pending subscriptions get nothing. Compiled policies are cached per
 * subscription and recompiled when the policy text or scope changes.
 */
import type { SubscriptionRecord } from '../../../engine/types';
import { compileFilterPolicy, type FilterPolicy, type FilterPolicyScope } from '../filter-policy';
import type { DeliveryJob } from '../delivery/job';
import type { ValidMessage } from './validate';

export class FilterCache {
  private readonly compiled = new Map<string, { key: string; policy: FilterPolicy }>();

  matches(subscription: SubscriptionRecord, message: ValidMessage, body: string): boolean {
    const text = subscription.attributes.FilterPolicy;
    if (!text) return true;
    const scope = (subscription.attributes.FilterPolicyScope || 'MessageAttributes') as FilterPolicyScope;
    const key = `${scope}\n${text}`;
    let entry = this.compiled.get(subscription.arn);
    if (entry?.key !== key) {
      entry = { key, policy: compileFilterPolicy(text, scope) };
      this.compiled.set(subscription.arn, entry);
    }
    return entry.policy.matches({ body, attributes: message.attributes });
  }
}

export interface Published {
  topicArn: string;
  messageId: string;
  timestamp: string;
  sequenceNumber?: string;
}

export function fanOut(subscriptions: SubscriptionRecord[], message: ValidMessage, published: Published, filters: FilterCache): DeliveryJob[] {
  const jobs: DeliveryJob[] = [];
  for (const subscription of subscriptions) {
    if (!subscription.confirmed) continue;
    const body = message.messageFor(subscription.protocol);
    if (!filters.matches(subscription, message, body)) continue;
    const job: DeliveryJob = {
      kind: 'notification',
      subscriptionArn: subscription.arn,
      topicArn: published.topicArn,
      messageId: published.messageId,
      message: body,
      timestamp: published.timestamp,
    };
    if (message.subject !== undefined) job.subject = message.subject;
    if (Object.keys(message.attributes).length > 0) job.attributes = message.attributes;
    if (message.groupId !== undefined) job.groupId = message.groupId;
    if (message.deduplicationId !== undefined) job.deduplicationId = message.deduplicationId;
    if (published.sequenceNumber !== undefined) job.sequenceNumber = published.sequenceNumber;
    jobs.push(job);
  }
  return jobs;
}
