/**
 * Partial batch responses (`FunctionResponseTypes: [ReportBatchItemFailures]`), read as Lambda
 * reads them ("Handling errors for an SQS event source in Lambda"): an empty or missing list
 * means every record succeeded; a malformed answer — an item without an identifier, or one that
 * is not in the batch — fails the whole batch.
 */

export type BatchVerdict = { kind: 'all-succeeded' } | { kind: 'all-failed' } | { kind: 'some-failed'; failed: Set<string> };

export function readBatchResponse(payload: string, batchIds: Set<string>): BatchVerdict {
  let response: unknown;
  try {
    response = JSON.parse(payload);
  } catch {
    return { kind: 'all-succeeded' };
  }
  if (response === null || typeof response !== 'object') return { kind: 'all-succeeded' };
  const failures = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) return { kind: 'all-succeeded' };
  if (!Array.isArray(failures)) return { kind: 'all-failed' };
  if (failures.length === 0) return { kind: 'all-succeeded' };
  const failed = new Set<string>();
  for (const item of failures) {
    const id = (item as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || id === '' || !batchIds.has(id)) return { kind: 'all-failed' };
    failed.add(id);
  }
  return { kind: 'some-failed', failed };
}
