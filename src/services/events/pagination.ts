import { MAX_LIST_LIMIT } from './constants';
import { validationError } from './errors';

/**
 * NextToken is opaque to clients; ours is the base64 of the index where the next page starts.
 * A token we did not issue is rejected as AWS does ("The NextToken provided is invalid").
 */
export function page<T>(items: T[], nextToken: string | undefined, limit: number | undefined): { items: T[]; next?: string } {
  checkLimit(limit);
  const start = nextToken === undefined ? 0 : decode(nextToken);
  const end = limit === undefined ? items.length : start + limit;
  const next = end < items.length ? encode(end) : undefined;
  return { items: items.slice(start, end), next };
}

function checkLimit(limit: number | undefined): void {
  if (limit === undefined) return;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT) {
    throw validationError(
      `1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value between 1 and ${MAX_LIST_LIMIT}`,
    );
  }
}

function encode(index: number): string {
  return Buffer.from(`stratus:${index}`).toString('base64');
}

function decode(token: string): number {
  const match = /^stratus:(\d+)$/.exec(Buffer.from(token, 'base64').toString());
  if (!match) throw validationError('The NextToken provided is invalid');
  return Number(match[1]);
}
