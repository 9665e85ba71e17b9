/**
 * Walks a log group in (timestamp, id) order from an exclusive position, forward or backward,
 * keeping the events `accept` lets through, until `limit` are kept, the range ends, or
 * MAX_SCANNED events were looked at (then, as CloudWatch does, the caller gets a partial page and
 * a token to continue from the last event looked at).
 */
import type { LogStore, StoredLogEvent } from '../../../engine/types';
import { compare, type Position } from './positions';

export const SCAN_PAGE = 1_000;
/** The store's own ceiling on one query. */
const MAX_PAGE = 10_000;
export const MAX_SCANNED = 10_000;

export interface ScanRequest {
  group: string;
  stream?: string;
  /** Inclusive bounds on timestamp. */
  since?: number;
  until?: number;
  from: Position;
  direction: 'forward' | 'backward';
  limit: number;
  /** A literal the store can pre-filter on (accept still decides). */
  contains?: string;
  accept(event: StoredLogEvent): boolean;
}

export interface ScanResult {
  events: StoredLogEvent[];
  /** The last position looked at: where a next page starts. */
  last: Position;
  exhausted: boolean;
}

const positionOf = (e: StoredLogEvent): Position => ({ timestamp: e.timestamp, id: e.id });

export async function scan(store: LogStore, r: ScanRequest): Promise<ScanResult> {
  const forward = r.direction === 'forward';
  const kept: StoredLogEvent[] = [];
  let cursor = r.from;
  let scanned = 0;
  let page = SCAN_PAGE;
  for (;;) {
    const rows = await store.query({
      group: r.group,
      stream: r.stream,
      contains: r.contains,
      limit: page,
      descending: !forward,
      since: forward ? bound(Math.max, r.since, cursor.timestamp) : r.since,
      until: forward ? r.until : bound(Math.min, r.until, cursor.timestamp),
    });
    const fresh = rows.filter((e) => (forward ? compare(positionOf(e), cursor) > 0 : compare(positionOf(e), cursor) < 0));
    if (fresh.length === 0) {
      // A full page of events all at the cursor's millisecond: look wider before giving up.
      if (rows.length === page && page < MAX_PAGE) {
        page = Math.min(MAX_PAGE, page * 4);
        continue;
      }
      return { events: kept, last: cursor, exhausted: true };
    }
    for (const e of fresh) {
      cursor = positionOf(e);
      scanned++;
      if (r.accept(e)) {
        kept.push(e);
        if (kept.length >= r.limit) return { events: kept, last: cursor, exhausted: false };
      }
    }
    if (rows.length < page) return { events: kept, last: cursor, exhausted: true };
    if (scanned >= MAX_SCANNED) return { events: kept, last: cursor, exhausted: false };
  }
}

/** The tighter of a request bound and the cursor's timestamp (infinite cursors add no bound). */
function bound(pick: (a: number, b: number) => number, given: number | undefined, cursorTs: number): number | undefined {
  if (!Number.isFinite(cursorTs)) return given;
  return given === undefined ? cursorTs : pick(given, cursorTs);
}
