/**
 * One PutEvents entry checked as EventBridge checks it; a bad entry fails alone, with the
 * per-entry ErrorCode and ErrorMessage AWS returns (PutEventsResultEntry), captured in
 * LocalStack's AWS-validated snapshots.
 */
import type { PutEventsEntry } from '../api';
import { MAX_PUT_EVENTS_REQUEST_BYTES, PUT_EVENTS_TIME_BYTES } from '../constants';
import { validationError } from '../errors';

export interface EntryProblem {
  ErrorCode: string;
  ErrorMessage: string;
}

export interface CheckedEntry {
  source: string;
  detailType: string;
  detail: Record<string, unknown>;
  /** Epoch ms, or undefined for "now". */
  time?: number;
  resources: string[];
}

const required = (name: string): EntryProblem => ({
  ErrorCode: 'InvalidArgument',
  ErrorMessage: `Parameter ${name} is not valid. Reason: ${name} is a required argument.`,
});

export function checkEntry(entry: PutEventsEntry): CheckedEntry | EntryProblem {
  if (!entry.Source) return required('Source');
  if (!entry.DetailType) return required('DetailType');
  if (!entry.Detail) return required('Detail');
  const detail = parseDetail(entry.Detail);
  if (!detail) return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  const time = entry.Time === undefined ? undefined : parseTime(entry.Time);
  if (Number.isNaN(time)) return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Time is not valid.' };
  return { source: entry.Source, detailType: entry.DetailType, detail, time, resources: entry.Resources ?? [] };
}

/** Detail must be a JSON object ("Detail … A valid JSON object"); arrays and scalars are malformed. */
function parseDetail(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The JSON protocol sends timestamps as epoch seconds; typed callers may pass a Date or ISO text. */
function parseTime(time: Date | number | string): number {
  if (time instanceof Date) return time.getTime();
  if (typeof time === 'number') return Number.isFinite(time) ? Math.floor(time * 1000) : NaN;
  return Date.parse(time);
}

/** "Calculating PutEvents event entry size" (EventBridge User Guide), summed over the request. */
export function checkRequestSize(entries: PutEventsEntry[]): void {
  let total = 0;
  for (const entry of entries) total += entrySize(entry);
  if (total > MAX_PUT_EVENTS_REQUEST_BYTES) throw validationError('Total size of the entries in the request is over the limit.');
}

function entrySize(entry: PutEventsEntry): number {
  const bytes = (text: string | undefined) => (typeof text === 'string' ? Buffer.byteLength(text, 'utf8') : 0);
  let size = entry.Time === undefined ? 0 : PUT_EVENTS_TIME_BYTES;
  size += bytes(entry.Source) + bytes(entry.DetailType) + bytes(entry.Detail);
  for (const resource of entry.Resources ?? []) size += bytes(resource);
  return size;
}
