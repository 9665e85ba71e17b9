import { randomUUID } from 'node:crypto';
import type { Partition } from './arns';

/**
 * The envelope EventBridge wraps every event in (Amazon EventBridge events, "Event structure"),
 * with keys in AWS's order. `time` is ISO 8601 without milliseconds, e.g. 2017-12-22T18:43:48Z.
 */
export interface EventEnvelope {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown>;
}

export interface EnvelopeFields {
  source: string;
  detailType: string;
  detail: Record<string, unknown>;
  /** Epoch ms. */
  time: number;
  resources?: string[];
}

export function buildEnvelope(at: Partition, fields: EnvelopeFields): EventEnvelope {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': fields.detailType,
    source: fields.source,
    account: at.accountId,
    time: formatEventTime(fields.time),
    region: at.region,
    resources: fields.resources ?? [],
    detail: fields.detail,
  };
}

export function formatEventTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
