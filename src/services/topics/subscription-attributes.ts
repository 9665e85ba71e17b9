/**
 * Subscription attributes: what Subscribe and SetSubscriptionAttributes take, their validation,
 * and the map GetSubscriptionAttributes answers. Names: the SNS API Reference,
 * SetSubscriptionAttributes and GetSubscriptionAttributes.
 */
import type { SubscriptionRecord, TopicRecord } from '../../engine/types';
import { invalidParameter, SnsError } from './errors';
import { compileFilterPolicy, FilterPolicyError, type FilterPolicyScope } from './filter-policy';
import { boolean } from './topic-attributes';
import { httpRetryPolicy, validateDeliveryPolicyJson } from './delivery/delivery-policy';
import { parseArn, type TopicAddressing } from './names';

export const SETTABLE_SUBSCRIPTION_ATTRIBUTES = new Set([
  'DeliveryPolicy',
  'FilterPolicy',
  'FilterPolicyScope',
  'RawMessageDelivery',
  'RedrivePolicy',
  'SubscriptionRoleArn',
  'ReplayPolicy',
]);

/** "Raw message delivery is supported with Amazon SQS, HTTP/S and Firehose endpoints" (Amazon SNS raw message delivery). */
const RAW_PROTOCOLS = new Set(['sqs', 'http', 'https', 'firehose']);
const SCOPES = new Set<FilterPolicyScope>(['MessageAttributes', 'MessageBody']);

export interface AttributeTarget {
  protocol: string;
  /** The attributes already set (SetSubscriptionAttributes checks a scope against the policy). */
  current: Record<string, string>;
  addressing: TopicAddressing;
}

/** Validates attributes given together (Subscribe) or one at a time (Set…); returns the new map. */
export function applySubscriptionAttributes(given: Record<string, string>, target: AttributeTarget): Record<string, string> {
  const next = { ...target.current };
  for (const [name, value] of Object.entries(given)) {
    if (!SETTABLE_SUBSCRIPTION_ATTRIBUTES.has(name)) throw invalidParameter('AttributeName');
    next[name] = validate(name, String(value), target);
  }
  const policy = next.FilterPolicy;
  if (policy) compileChecked(policy, (next.FilterPolicyScope || 'MessageAttributes') as FilterPolicyScope);
  for (const [k, v] of Object.entries(next)) if (v === '') delete next[k];
  return next;
}

function validate(name: string, value: string, target: AttributeTarget): string {
  switch (name) {
    case 'RawMessageDelivery':
      if (!RAW_PROTOCOLS.has(target.protocol)) {
        throw invalidParameter(`Attributes Reason: Delivery protocol [${target.protocol}] does not support raw message delivery.`);
      }
      return boolean(name, value);
    case 'FilterPolicyScope':
      if (!SCOPES.has(value as FilterPolicyScope)) {
        throw invalidParameter(`Attributes Reason: FilterPolicyScope: Invalid value [${value}]. Please use either MessageBody or MessageAttributes`);
      }
      return value;
    case 'RedrivePolicy':
      return value === '' ? value : validateRedrivePolicy(value, target.addressing);
    case 'DeliveryPolicy':
      if (value !== '') {
        if (target.protocol !== 'http' && target.protocol !== 'https') throw invalidParameter('DeliveryPolicy: only HTTP/S subscriptions take a delivery policy');
        validateDeliveryPolicyJson(value, 'subscription');
      }
      return value;
    default:
      return value;
  }
}

function compileChecked(policy: string, scope: FilterPolicyScope): void {
  try {
    compileFilterPolicy(policy, scope);
  } catch (err) {
    if (err instanceof FilterPolicyError) throw new SnsError('InvalidParameter', err.message);
    throw err;
  }
}

/** `{"deadLetterTargetArn": "<SQS queue ARN>"}` (Configuring an Amazon SNS dead-letter queue). */
function validateRedrivePolicy(text: string, addressing: TopicAddressing): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalidParameter('RedrivePolicy: failed to parse JSON.');
  }
  const target = (parsed as { deadLetterTargetArn?: unknown } | null)?.deadLetterTargetArn;
  if (typeof target !== 'string') throw invalidParameter('RedrivePolicy: deadLetterTargetArn is missing');
  const arn = parseArn(target);
  if (!arn || arn.service !== 'sqs' || arn.resource === '') throw invalidParameter('RedrivePolicy: deadLetterTargetArn is an invalid arn');
  if (arn.region !== addressing.region || arn.accountId !== addressing.accountId) {
    throw invalidParameter('RedrivePolicy: Dead-letter queue must be in the same account and region as the subscription');
  }
  return text;
}

export function subscriptionAttributesView(s: SubscriptionRecord, topic: TopicRecord, topicArn: string, accountId: string): Record<string, string> {
  const view: Record<string, string> = {
    ConfirmationWasAuthenticated: s.attributes.ConfirmationWasAuthenticated ?? 'false',
    Endpoint: s.endpoint,
    Owner: accountId,
    PendingConfirmation: s.confirmed ? 'false' : 'true',
    Protocol: s.protocol,
    RawMessageDelivery: s.attributes.RawMessageDelivery ?? 'false',
    SubscriptionArn: s.arn,
    TopicArn: topicArn,
    SubscriptionPrincipal: `arn:aws:iam::${accountId}:root`,
  };
  for (const name of SETTABLE_SUBSCRIPTION_ATTRIBUTES) if (s.attributes[name] !== undefined && name !== 'RawMessageDelivery') view[name] = s.attributes[name];
  // The scope shows once there is a policy to scope (its default is MessageAttributes).
  if (s.attributes.FilterPolicy) view.FilterPolicyScope = s.attributes.FilterPolicyScope ?? 'MessageAttributes';
  if (s.protocol === 'http' || s.protocol === 'https') {
    const healthyRetryPolicy = httpRetryPolicy(s.attributes.DeliveryPolicy, topic.attributes.DeliveryPolicy);
    view.EffectiveDeliveryPolicy = JSON.stringify({ healthyRetryPolicy });
  }
  return view;
}

/** Internal attribute names the service keeps next to SNS's own (not settable by callers). */
export const CONFIRMATION_WAS_AUTHENTICATED = 'ConfirmationWasAuthenticated';
