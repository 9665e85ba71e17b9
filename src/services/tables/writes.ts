/**
 * The one write path: every PutItem, UpdateItem, DeleteItem, BatchWriteItem entry and
 * TransactWriteItems action is a prepared write — a target key, an optional condition, and a
 * function from the current item to the next — applied inside one engine transaction, together
 * with the stream records the changes make.
 */
import type { ItemTarget, NewStreamRecord, StoredRow, TransactDecision } from '../../engine/types';
import { type Item, MAX_ITEM_BYTES, equalValues, itemSize } from './attribute-values';
import type { TablesContext } from './context';
import { TablesError, validation } from './errors';
import type { Predicate } from './expressions/condition';
import { checkItemKey, itemPut, keyOf, targetOf } from './keys';
import { streamRecord } from './stream-records';
import type { TableSpec } from './table-spec';

export interface PreparedWrite {
  spec: TableSpec;
  key: Item;
  target: ItemTarget;
  condition?: Predicate;
  /** The next item (undefined: delete). Absent for ConditionCheck. */
  next?: (current: Item | undefined) => Item | undefined;
  /** What ReturnValuesOnConditionCheckFailure asks for. */
  returnOldOnFailure?: boolean;
  /** The message for an item over 400 KB: PutItem and UpdateItem word it differently. */
  tooLargeMessage?: string;
}

export interface WriteOutcome {
  old?: Item;
  new?: Item;
}

/** One write's failure inside a batch of writes (for TransactionCanceledException). */
export class WriteFailure extends Error {
  constructor(readonly failures: { index: number; error: TablesError; item?: Item }[]) {
    super(failures[0].error.message);
  }

  get error(): TablesError {
    return this.failures[0].error;
  }

  get item(): Item | undefined {
    return this.failures[0].item;
  }
}

export const parseRow = (row: StoredRow | undefined): Item | undefined => (row ? (JSON.parse(row.item) as Item) : undefined);

export function prepare(spec: TableSpec, key: Item, options: Omit<PreparedWrite, 'spec' | 'key' | 'target'>): PreparedWrite {
  return { spec, key, target: targetOf(spec, key), ...options };
}

/**
 * Applies the writes atomically: any failing condition (or a write made invalid by the current
 * item) rolls back all of them and surfaces as a WriteFailure naming which one.
 */
export async function applyWrites(ctx: TablesContext, writes: PreparedWrite[]): Promise<WriteOutcome[]> {
  const now = ctx.clock.now();
  const streamTables = new Set<string>();
  const outcomes = await ctx.store.transact(writes.map((w) => w.target), (rows): TransactDecision<WriteOutcome[]> => {
    const outcomes: WriteOutcome[] = [];
    const stream: NewStreamRecord[] = [];
    const items = rows.map(parseRow);
    // Every condition is checked first, so a cancelled transaction names each failed one.
    const failed = writes.flatMap((w, i) =>
      w.condition && !w.condition(items[i] ?? {})
        ? [{ index: i, error: new TablesError('ConditionalCheckFailedException', 'The conditional request failed'), item: w.returnOldOnFailure ? items[i] : undefined }]
        : [],
    );
    if (failed.length > 0) throw new WriteFailure(failed);
    const engineWrites = writes.map((w, i) => {
      const current = items[i];
      if (!w.next) {
        outcomes.push({ old: current });
        return undefined;
      }
      let next: Item | undefined;
      try {
        next = w.next(current);
        if (next) {
          checkItemKey(w.spec, next);
          if (itemSize(next) > MAX_ITEM_BYTES) throw validation(w.tooLargeMessage ?? 'Item size has exceeded the maximum allowed size');
        }
      } catch (err) {
        throw err instanceof TablesError ? new WriteFailure([{ index: i, error: err }]) : err;
      }
      outcomes.push({ old: current, new: next });
      if (w.spec.stream && changed(current, next)) {
        stream.push({ table: w.spec.name, record: JSON.stringify(streamRecord(ctx, w.spec, keyOf(w.spec, next ?? current!), current, next, now)), at: now });
        streamTables.add(w.spec.name);
      }
      if (next) return itemPut(w.spec, next);
      return current ? ('delete' as const) : undefined;
    });
    return { writes: engineWrites, stream, result: outcomes };
  });
  for (const table of streamTables) ctx.onStreamRecords(table);
  return outcomes;
}

/** DynamoDB Streams writes no record for a write that changes nothing. */
function changed(old: Item | undefined, next: Item | undefined): boolean {
  if (!old || !next) return old !== next;
  return !equalValues({ M: old }, { M: next });
}
