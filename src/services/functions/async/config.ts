/**
 * A function's asynchronous-invocation settings as the template gives them: SAM's
 * `EventInvokeConfig` and `DeadLetterQueue` ("Configuring error handling for asynchronous
 * invocation"; defaults: 2 retries, 6 hours maximum event age).
 */
import { UserError } from '../../../shared/errors';
import type { AppModel, FunctionSpec } from '../../../template/model';

export const DEFAULT_MAXIMUM_RETRY_ATTEMPTS = 2;
export const MAX_EVENT_AGE_SECONDS = 21_600;
export const MIN_EVENT_AGE_SECONDS = 60;
/** Lambda waits one minute before the first retry and two before the second. */
export const RETRY_DELAYS_MS = [60_000, 120_000];

export interface AsyncConfig {
  maximumRetryAttempts: number;
  maximumEventAgeMs: number;
  onSuccess?: string;
  onFailure?: string;
  /** DeadLetterQueue.TargetArn (SQS or SNS). */
  deadLetterArn?: string;
}

export function readAsyncConfig(model: AppModel, fn: FunctionSpec): AsyncConfig {
  const props = model.resources[fn.logicalId]?.properties ?? {};
  const where = `${fn.logicalId}.Properties`;
  const invoke = (props.EventInvokeConfig ?? {}) as Record<string, unknown>;
  const destinations = (invoke.DestinationConfig ?? {}) as Record<string, { Destination?: unknown } | undefined>;
  const dlq = props.DeadLetterQueue as { TargetArn?: unknown } | undefined;
  return {
    maximumRetryAttempts: bounded(invoke.MaximumRetryAttempts, DEFAULT_MAXIMUM_RETRY_ATTEMPTS, 0, 2, `${where}.EventInvokeConfig.MaximumRetryAttempts`),
    maximumEventAgeMs: bounded(invoke.MaximumEventAgeInSeconds, MAX_EVENT_AGE_SECONDS, MIN_EVENT_AGE_SECONDS, MAX_EVENT_AGE_SECONDS, `${where}.EventInvokeConfig.MaximumEventAgeInSeconds`) * 1000,
    onSuccess: arn(destinations.OnSuccess?.Destination),
    onFailure: arn(destinations.OnFailure?.Destination),
    deadLetterArn: arn(dlq?.TargetArn),
  };
}

function bounded(value: unknown, fallback: number, min: number, max: number, where: string): number {
  if (value === undefined || value === null) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UserError('BadFunctionConfig', `${where}: expected a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  return n;
}

function arn(value: unknown): string | undefined {
  return typeof value === 'string' && value.startsWith('arn:') ? value : undefined;
}
