/**
 * An SQS event source mapping read from a function's `SQS` event (SAM), validated with Lambda's
 * limits ("CreateEventSourceMapping" in the Lambda API reference).
 */
import { UserError } from '../../shared/errors';
import { compileEventPattern, type EventPattern } from '../../services/events/patterns';
import type { FunctionSpec } from '../../template/model';

export const DEFAULT_BATCH_SIZE = 10;
export const MAX_BATCH_SIZE_STANDARD = 10_000;
export const MAX_BATCH_SIZE_FIFO = 10;
/** Without a batching window Lambda caps standard-queue batches at 10. */
export const MAX_BATCH_SIZE_WITHOUT_WINDOW = 10;
export const MAX_BATCHING_WINDOW_SECONDS = 300;
/** Lambda starts five pollers per queue; MaximumConcurrency (2–1000) caps the invocations. */
export const DEFAULT_CONCURRENCY = 5;

export interface QueueMapping {
  functionName: string;
  eventName: string;
  queueArn: string;
  queueName: string;
  batchSize: number;
  batchingWindowMs: number;
  reportBatchItemFailures: boolean;
  concurrency: number;
  filters: EventPattern[];
}

export function readQueueMappings(fn: FunctionSpec): QueueMapping[] {
  const mappings: QueueMapping[] = [];
  for (const event of fn.events) {
    if (event.type !== 'SQS' || !('properties' in event)) continue;
    const p = event.properties;
    if (p.Enabled === false || p.Enabled === 'false') continue;
    const where = `${fn.logicalId}.Events.${event.name}`;
    const queueArn = String(p.Queue ?? '');
    const queueName = queueArn.split(':')[5];
    if (!/^arn:aws[\w-]*:sqs:[\w-]+:\d{12}:[\w-]+(\.fifo)?$/.test(queueArn) || !queueName) {
      throw new UserError('BadEventSource', `${where}: Queue must be an SQS queue ARN (e.g. !GetAtt MyQueue.Arn), got "${queueArn}"`);
    }
    const fifo = queueName.endsWith('.fifo');
    const batchingWindowSeconds = integer(p.MaximumBatchingWindowInSeconds, 0, 0, MAX_BATCHING_WINDOW_SECONDS, `${where}.MaximumBatchingWindowInSeconds`);
    const maxBatch = fifo ? MAX_BATCH_SIZE_FIFO : batchingWindowSeconds > 0 ? MAX_BATCH_SIZE_STANDARD : MAX_BATCH_SIZE_WITHOUT_WINDOW;
    const maximumConcurrency = (p.ScalingConfig as { MaximumConcurrency?: unknown } | undefined)?.MaximumConcurrency;
    mappings.push({
      functionName: fn.name,
      eventName: event.name,
      queueArn,
      queueName,
      batchSize: integer(p.BatchSize, DEFAULT_BATCH_SIZE, 1, maxBatch, `${where}.BatchSize`),
      batchingWindowMs: batchingWindowSeconds * 1000,
      reportBatchItemFailures: Array.isArray(p.FunctionResponseTypes) && p.FunctionResponseTypes.includes('ReportBatchItemFailures'),
      concurrency: integer(maximumConcurrency, DEFAULT_CONCURRENCY, 2, 1000, `${where}.ScalingConfig.MaximumConcurrency`),
      filters: readFilters(p.FilterCriteria, where),
    });
  }
  return mappings;
}

export function integer(value: unknown, fallback: number, min: number, max: number, where: string): number {
  if (value === undefined || value === null) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UserError('BadEventSource', `${where}: expected a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  return n;
}

export function readFilters(criteria: unknown, where: string): EventPattern[] {
  const filters = (criteria as { Filters?: unknown } | undefined)?.Filters;
  if (filters === undefined) return [];
  if (!Array.isArray(filters)) throw new UserError('BadEventSource', `${where}.FilterCriteria.Filters: expected a list`);
  return filters.map((f, i) => {
    try {
      return compileEventPattern((f as { Pattern?: unknown }).Pattern);
    } catch (err) {
      throw new UserError('BadEventSource', `${where}.FilterCriteria.Filters[${i}].Pattern: ${(err as Error).message}`);
    }
  });
}
