/**
 * Topic attributes: which ones CreateTopic and SetTopicAttributes take, their validation, and the
 * full map GetTopicAttributes answers (stored attributes + computed ones). Names and defaults:
 * the SNS API Reference, GetTopicAttributes / SetTopicAttributes.
 */
import type { TopicRecord } from '../../engine/types';
import { invalidParameter } from './errors';
import { DEFAULT_HTTP_RETRY_POLICY } from './delivery/retry-policy';
import { validateDeliveryPolicyJson } from './delivery/delivery-policy';

/** Attributes a caller may set (FifoTopic only at creation). */
export const SETTABLE_TOPIC_ATTRIBUTES = new Set([
  'DisplayName',
  'Policy',
  'DeliveryPolicy',
  'KmsMasterKeyId',
  'SignatureVersion',
  'TracingConfig',
  'ContentBasedDeduplication',
  'FifoThroughputScope',
  'ArchivePolicy',
  'DataProtectionPolicy',
]);

/** Checks one attribute; returns the value to store. */
export function validateTopicAttribute(name: string, value: string, fifo: boolean): string {
  if (!SETTABLE_TOPIC_ATTRIBUTES.has(name)) throw invalidParameter('AttributeName');
  switch (name) {
    case 'DisplayName':
      // "Maximum 100 characters" (CreateTopic Attributes, DisplayName).
      if (value.length > 100) throw invalidParameter('DisplayName');
      return value;
    case 'Policy':
    case 'DataProtectionPolicy':
    case 'ArchivePolicy':
      if (value !== '' && !isJsonObject(value)) throw invalidParameter(`${name}: failed to parse JSON.`);
      return value;
    case 'DeliveryPolicy':
      if (value !== '') validateDeliveryPolicyJson(value, 'topic');
      return value;
    case 'SignatureVersion':
      if (value !== '1' && value !== '2') throw invalidParameter('SignatureVersion');
      return value;
    case 'TracingConfig':
      if (value !== 'PassThrough' && value !== 'Active') throw invalidParameter('TracingConfig');
      return value;
    case 'ContentBasedDeduplication':
      if (!fifo) throw invalidParameter('ContentBasedDeduplication: Content-based deduplication can only be set for FIFO topics');
      return boolean(name, value);
    case 'FifoThroughputScope':
      if (!fifo) throw invalidParameter('FifoThroughputScope');
      if (value !== 'Topic' && value !== 'MessageGroup') throw invalidParameter('FifoThroughputScope');
      return value;
    default:
      return value;
  }
}

export function boolean(name: string, value: string): string {
  const lower = value.toLowerCase();
  if (lower !== 'true' && lower !== 'false') throw invalidParameter(`Attributes Reason: ${name}: Invalid value [${value}]. Must be true or false.`);
  return lower;
}

function isJsonObject(text: string): boolean {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  } catch {
    return false;
  }
}

/** The policy SNS gives a new topic: the owner's account may do everything. */
export function defaultTopicPolicy(arn: string, accountId: string): string {
  return JSON.stringify({
    Version: '2008-10-17',
    Id: '__default_policy_ID',
    Statement: [
      {
        Sid: '__default_statement_ID',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: [
          'SNS:GetTopicAttributes',
          'SNS:SetTopicAttributes',
          'SNS:AddPermission',
          'SNS:RemovePermission',
          'SNS:DeleteTopic',
          'SNS:Subscribe',
          'SNS:ListSubscriptionsByTopic',
          'SNS:Publish',
        ],
        Resource: arn,
        Condition: { StringEquals: { 'AWS:SourceOwner': accountId } },
      },
    ],
  });
}

/** What GetTopicAttributes shows when the topic has no DeliveryPolicy of its own. */
export function effectiveDeliveryPolicy(topic: TopicRecord): string {
  const own = topic.attributes.DeliveryPolicy;
  if (own) return own;
  return JSON.stringify({
    http: {
      defaultHealthyRetryPolicy: DEFAULT_HTTP_RETRY_POLICY,
      disableSubscriptionOverrides: false,
      defaultRequestPolicy: { headerContentType: 'text/plain; charset=UTF-8' },
    },
  });
}

export interface SubscriptionCounts {
  confirmed: number;
  pending: number;
}

export function topicAttributesView(topic: TopicRecord, arn: string, accountId: string, counts: SubscriptionCounts): Record<string, string> {
  const view: Record<string, string> = {
    DisplayName: '',
    Policy: defaultTopicPolicy(arn, accountId),
    ...Object.fromEntries(Object.entries(topic.attributes).filter(([, v]) => v !== '')),
    Owner: accountId,
    TopicArn: arn,
    SubscriptionsConfirmed: String(counts.confirmed),
    SubscriptionsPending: String(counts.pending),
    SubscriptionsDeleted: String(topic.subscriptionsDeleted),
    EffectiveDeliveryPolicy: effectiveDeliveryPolicy(topic),
  };
  if (topic.fifo) {
    view.FifoTopic = 'true';
    view.ContentBasedDeduplication = topic.attributes.ContentBasedDeduplication ?? 'false';
  }
  return view;
}
