/**
 * DeliveryPolicy JSON: a subscription's `{"healthyRetryPolicy": {…}}` or a topic's
 * `{"http": {"defaultHealthyRetryPolicy": {…}, "disableSubscriptionOverrides": …}}` ("Creating an
 * HTTP/S delivery policy", SNS Developer Guide), validated and resolved to the policy in effect.
 */
import { invalidParameter } from '../errors';
import { DEFAULT_HTTP_RETRY_POLICY, type BackoffFunction, type RetryPolicy } from './retry-policy';

/** "The total policy retry time for an HTTP/S endpoint cannot be greater than 3,600 seconds." */
const MAX_DELAY_TARGET_SECONDS = 3_600;
const MAX_HTTP_RETRIES = 100;
const BACKOFF_FUNCTIONS = new Set<BackoffFunction>(['linear', 'arithmetic', 'geometric', 'exponential']);
const NUMBER_FIELDS = ['minDelayTarget', 'maxDelayTarget', 'numRetries', 'numNoDelayRetries', 'numMinDelayRetries', 'numMaxDelayRetries'] as const;

const fail = (reason: string) => invalidParameter(`DeliveryPolicy: ${reason}`);

export function validateDeliveryPolicyJson(text: string, level: 'topic' | 'subscription'): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw fail('failed to parse JSON.');
  }
  if (!isObject(parsed)) throw fail('must be a JSON object');
  const retry = level === 'topic' ? (isObject(parsed.http) ? parsed.http.defaultHealthyRetryPolicy : undefined) : parsed.healthyRetryPolicy;
  if (retry !== undefined) toRetryPolicy(retry);
}

/** The HTTP/S retry policy in effect for a subscription: its own, else the topic's, else SNS's default. */
export function httpRetryPolicy(subscriptionPolicy: string | undefined, topicPolicy: string | undefined): RetryPolicy {
  const topic = parse(topicPolicy);
  const http = isObject(topic?.http) ? topic.http : undefined;
  const overridesDisabled = http?.disableSubscriptionOverrides === true;
  const own = overridesDisabled ? undefined : parse(subscriptionPolicy)?.healthyRetryPolicy;
  const chosen = own ?? http?.defaultHealthyRetryPolicy;
  return chosen === undefined ? DEFAULT_HTTP_RETRY_POLICY : toRetryPolicy(chosen);
}

function toRetryPolicy(value: unknown): RetryPolicy {
  if (!isObject(value)) throw fail('healthyRetryPolicy must be an object');
  const policy: RetryPolicy = { ...DEFAULT_HTTP_RETRY_POLICY };
  for (const field of NUMBER_FIELDS) {
    const n = value[field];
    if (n === undefined) continue;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw fail(`${field} must be a non-negative integer`);
    policy[field] = n;
  }
  if (value.backoffFunction !== undefined) {
    const fn = String(value.backoffFunction).toLowerCase() as BackoffFunction;
    if (!BACKOFF_FUNCTIONS.has(fn)) throw fail(`backoffFunction must be one of linear, arithmetic, geometric, exponential`);
    policy.backoffFunction = fn;
  }
  if (policy.minDelayTarget < 1 || policy.minDelayTarget > policy.maxDelayTarget) throw fail('minDelayTarget must be between 1 and maxDelayTarget');
  if (policy.maxDelayTarget > MAX_DELAY_TARGET_SECONDS) throw fail(`maxDelayTarget must be at most ${MAX_DELAY_TARGET_SECONDS}`);
  if (policy.numRetries > MAX_HTTP_RETRIES) throw fail(`numRetries must be at most ${MAX_HTTP_RETRIES}`);
  if (policy.numNoDelayRetries + policy.numMinDelayRetries + policy.numMaxDelayRetries > policy.numRetries) {
    throw fail('numNoDelayRetries + numMinDelayRetries + numMaxDelayRetries must not exceed numRetries');
  }
  return policy;
}

function parse(text: string | undefined): Record<string, unknown> | undefined {
  if (!text) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
