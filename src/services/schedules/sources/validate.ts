/**
 * Small property readers shared by the three schedule sources. Each failure names the property
 * path; the caller's `fail` adds the resource, so a bad template reads as one located line.
 */
import type { RetryPolicy } from '../../targets/types';
import { EVENT_AGE_SECONDS_RANGE, RETRY_ATTEMPTS_RANGE } from '../constants';
import { parseScheduleExpression, ScheduleExpressionError, type ScheduleDialect } from '../expressions/index';
import type { ScheduleState } from '../definition';

export type Fail = (path: string, reason: string) => Error;
export type Props = Record<string, unknown>;

export function isRecord(value: unknown): value is Props {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function optionalString(props: Props, key: string, fail: Fail): string | undefined {
  const value = props[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw fail(key, `${key} must be a string`);
}

export function requiredString(props: Props, key: string, fail: Fail): string {
  const value = optionalString(props, key, fail);
  if (value === undefined || value === '') throw fail(key, `${key} is required`);
  return value;
}

export function optionalRecord(props: Props, key: string, fail: Fail): Props | undefined {
  const value = props[key];
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) throw fail(key, `${key} must be a mapping`);
  return value;
}

/** Parses once with the service's own library so a bad expression or zone fails at load. */
export function checkExpression(expression: string, timezone: string | undefined, dialect: ScheduleDialect, fail: Fail): void {
  try {
    parseScheduleExpression(expression, { timezone, dialect });
  } catch (err) {
    if (!(err instanceof ScheduleExpressionError)) throw err;
    // The library reports an unknown IANA zone as an expression problem; point at the zone property.
    if (err.reason.startsWith('timezone')) throw fail('ScheduleExpressionTimezone', err.reason);
    throw fail('ScheduleExpression', err.message);
  }
}

/** ENABLED | DISABLED; a rule's ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS fires like ENABLED. */
export function readState(props: Props, fail: Fail, allowCloudTrail: boolean): ScheduleState {
  const state = optionalString(props, 'State', fail) ?? 'ENABLED';
  if (state === 'ENABLED' || state === 'DISABLED') return state;
  if (allowCloudTrail && state === 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS') return 'ENABLED';
  const allowed = allowCloudTrail ? 'ENABLED, DISABLED or ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS' : 'ENABLED or DISABLED';
  throw fail('State', `State must be ${allowed}, got "${state}"`);
}

export function readRetryPolicy(props: Props, fail: Fail): RetryPolicy | undefined {
  const policy = optionalRecord(props, 'RetryPolicy', fail);
  if (!policy) return undefined;
  const at = (key: string) => (path: string, reason: string) => fail(`RetryPolicy.${key}`, reason);
  const attempts = optionalInteger(policy, 'MaximumRetryAttempts', RETRY_ATTEMPTS_RANGE, at('MaximumRetryAttempts'));
  const age = optionalInteger(policy, 'MaximumEventAgeInSeconds', EVENT_AGE_SECONDS_RANGE, at('MaximumEventAgeInSeconds'));
  const result: RetryPolicy = {};
  if (attempts !== undefined) result.maximumRetryAttempts = attempts;
  if (age !== undefined) result.maximumEventAgeSeconds = age;
  return result;
}

export function optionalInteger(props: Props, key: string, [min, max]: readonly [number, number], fail: Fail): number | undefined {
  const value = props[key];
  if (value === undefined || value === null) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) {
    throw fail(key, `${key} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return number;
}

/** ISO 8601 date-time (Scheduler StartDate / EndDate) → epoch ms. */
export function optionalDate(props: Props, key: string, fail: Fail): number | undefined {
  const text = optionalString(props, key, fail);
  if (text === undefined) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) throw fail(key, `${key} must be an ISO 8601 date-time, got "${text}"`);
  return at;
}

/** A JSON text, as Input must be for rule targets and templated Lambda / Step Functions / EventBridge targets. */
export function checkJsonInput(input: string, path: string, fail: Fail): void {
  try {
    JSON.parse(input);
  } catch {
    throw fail(path, 'Input must be valid JSON text');
  }
}
