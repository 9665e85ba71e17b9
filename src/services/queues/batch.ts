/** The rules every *Batch action shares (SQS API Reference, each batch action's Errors). */
import {
  batchEntryIdsNotDistinct,
  emptyBatchRequest,
  invalidBatchEntryId,
  SqsError,
  tooManyEntriesInBatchRequest,
} from './errors';
import { BATCH_ENTRY_ID_PATTERN, BATCH_MAX_ENTRIES } from './limits';
import type { BatchResultErrorEntry } from './types';

export function assertBatchShape(entries: { Id: string }[] | undefined, entryType: string): void {
  if (!entries || entries.length === 0) throw emptyBatchRequest(entryType);
  if (entries.length > BATCH_MAX_ENTRIES) throw tooManyEntriesInBatchRequest(entries.length, BATCH_MAX_ENTRIES);
  const seen = new Set<string>();
  for (const { Id } of entries) {
    if (typeof Id !== 'string' || !BATCH_ENTRY_ID_PATTERN.test(Id)) throw invalidBatchEntryId();
    if (seen.has(Id)) throw batchEntryIdsNotDistinct(Id);
    seen.add(Id);
  }
}

/** A per-entry failure as batch results report it; anything but an SqsError is a bug: rethrown. */
export function entryFailure(id: string, err: unknown): BatchResultErrorEntry {
  if (!(err instanceof SqsError)) throw err;
  return { Id: id, SenderFault: err.senderFault, Code: err.code, Message: err.message };
}
