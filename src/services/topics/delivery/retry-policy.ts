/**
 * SNS delivery policies: how many retries, and the delay before each, in SNS's four phases —
 * immediate (no delay), pre-backoff (minimum delay), backoff (from minimum to maximum by the
 * backoff function), post-backoff (maximum delay). Source: "Amazon SNS message delivery
 * retries" (SNS Developer Guide), whose table gives the AWS-managed policy (Lambda, SQS) and
 * whose "Creating an HTTP/S delivery policy" gives the HTTP/S default: 3 retries, 20 s apart.
 * SNS adds jitter; Stratus does not, so tests can move the clock by exact amounts.
 */

export type BackoffFunction = 'linear' | 'arithmetic' | 'geometric' | 'exponential';

export interface RetryPolicy {
  minDelayTarget: number;
  maxDelayTarget: number;
  /** Total retries over all four phases. */
  numRetries: number;
  numNoDelayRetries: number;
  numMinDelayRetries: number;
  numMaxDelayRetries: number;
  backoffFunction: BackoffFunction;
}

/** HTTP/S default: "up to three retries with a delay between failed attempts set at 20 seconds". */
export const DEFAULT_HTTP_RETRY_POLICY: RetryPolicy = Object.freeze({
  minDelayTarget: 20,
  maxDelayTarget: 20,
  numRetries: 3,
  numMaxDelayRetries: 0,
  numNoDelayRetries: 0,
  numMinDelayRetries: 0,
  backoffFunction: 'linear',
});

/**
 * AWS-managed endpoints (Lambda, SQS): 3 immediate, 2 one second apart, 10 backing off from 1 to
 * 20 s exponentially, then 100,000 twenty seconds apart (about 23 days).
 */
export const MANAGED_RETRY_POLICY: RetryPolicy = Object.freeze({
  minDelayTarget: 1,
  maxDelayTarget: 20,
  numRetries: 100_015,
  numNoDelayRetries: 3,
  numMinDelayRetries: 2,
  numMaxDelayRetries: 100_000,
  backoffFunction: 'exponential',
});

/**
 * The delay in ms before retry number `retry` (1 = the first retry), or undefined when the
 * policy allows no more retries.
 */
export function retryDelayMs(policy: RetryPolicy, retry: number): number | undefined {
  if (retry < 1 || retry > policy.numRetries) return undefined;
  const min = policy.minDelayTarget * 1000;
  const max = policy.maxDelayTarget * 1000;
  const immediateEnd = policy.numNoDelayRetries;
  const preBackoffEnd = immediateEnd + policy.numMinDelayRetries;
  const backoffCount = Math.max(0, policy.numRetries - preBackoffEnd - policy.numMaxDelayRetries);
  if (retry <= immediateEnd) return 0;
  if (retry <= preBackoffEnd) return min;
  if (retry <= preBackoffEnd + backoffCount) return backoff(policy.backoffFunction, min, max, (retry - preBackoffEnd) / backoffCount);
  return max;
}

/**
 * The backoff curves from the minimum to the maximum delay (`progress` in (0, 1]). The guide
 * draws them but gives no formula; these have its shapes: linear is a straight line,
 * arithmetic and geometric rise ever faster, exponential multiplies by a constant factor.
 */
function backoff(fn: BackoffFunction, min: number, max: number, progress: number): number {
  const span = max - min;
  switch (fn) {
    case 'linear':
      return Math.round(min + span * progress);
    case 'arithmetic':
      return Math.round(min + span * progress ** 2);
    case 'geometric':
      return Math.round(min + span * progress ** 3);
    case 'exponential':
      return Math.round(min * (max / Math.max(min, 1)) ** progress);
  }
}
