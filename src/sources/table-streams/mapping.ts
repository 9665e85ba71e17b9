/**
 * A DynamoDB event source mapping read from a function's `DynamoDB` event (SAM), with Lambda's
 * limits ("CreateEventSourceMapping", Lambda API Reference; "Using AWS Lambda with Amazon
 * DynamoDB"): Stream, StartingPosition (TRIM_HORIZON or LATEST), BatchSize (default 100, at
 * most 10 000), MaximumBatchingWindowInSeconds, FilterCriteria, FunctionResponseTypes,
 * MaximumRetryAttempts (-1: until the record expires), BisectBatchOnFunctionError.
 */
import { UserError } from '../../shared/errors';
import type { EventPattern } from '../../services/events/patterns';
import type { FunctionSpec } from '../../template/model';
import { integer, readFilters } from '../queue-pollers/mapping';

export const DEFAULT_STREAM_BATCH_SIZE = 100;
export const MAX_STREAM_BATCH_SIZE = 10_000;

export interface StreamMapping {
  functionName: string;
  eventName: string;
  streamArn: string;
  tableName: string;
  startingPosition: 'TRIM_HORIZON' | 'LATEST';
  batchSize: number;
  batchingWindowMs: number;
  reportBatchItemFailures: boolean;
  bisectOnError: boolean;
  /** -1: retry until the records expire. */
  maximumRetryAttempts: number;
  filters: EventPattern[];
}

const STREAM_ARN = /^arn:aws[\w-]*:dynamodb:[\w-]+:\d{12}:table\/([\w.-]+)\/stream\/.+$/;

export function readStreamMappings(fn: FunctionSpec): StreamMapping[] {
  const out: StreamMapping[] = [];
  for (const event of fn.events) {
    if (event.type !== 'DynamoDB' || !('properties' in event)) continue;
    const p = event.properties;
    if (p.Enabled === false || p.Enabled === 'false') continue;
    const where = `${fn.logicalId}.Events.${event.name}`;
    const streamArn = String(p.Stream ?? '');
    const table = STREAM_ARN.exec(streamArn)?.[1];
    if (!table) throw new UserError('BadEventSource', `${where}: Stream must be a DynamoDB stream ARN (e.g. !GetAtt MyTable.StreamArn), got "${streamArn}"`);
    const position = p.StartingPosition;
    if (position !== 'TRIM_HORIZON' && position !== 'LATEST') throw new UserError('BadEventSource', `${where}.StartingPosition: expected TRIM_HORIZON or LATEST, got ${JSON.stringify(position)}`);
    out.push({
      functionName: fn.name,
      eventName: event.name,
      streamArn,
      tableName: table,
      startingPosition: position,
      batchSize: integer(p.BatchSize, DEFAULT_STREAM_BATCH_SIZE, 1, MAX_STREAM_BATCH_SIZE, `${where}.BatchSize`),
      batchingWindowMs: integer(p.MaximumBatchingWindowInSeconds, 0, 0, 300, `${where}.MaximumBatchingWindowInSeconds`) * 1000,
      reportBatchItemFailures: Array.isArray(p.FunctionResponseTypes) && p.FunctionResponseTypes.includes('ReportBatchItemFailures'),
      bisectOnError: p.BisectBatchOnFunctionError === true || p.BisectBatchOnFunctionError === 'true',
      maximumRetryAttempts: integer(p.MaximumRetryAttempts, -1, -1, 10_000, `${where}.MaximumRetryAttempts`),
      filters: readFilters(p.FilterCriteria, where),
    });
  }
  return out;
}
