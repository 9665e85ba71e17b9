/**
 * Time to Live: items whose TTL attribute (epoch seconds) has passed are deleted by a background
 * sweep on the injectable clock, with a REMOVE stream record made by the service
 * ("Working with Time to Live (TTL)"). DynamoDB deletes within days; Stratus within one sweep
 * interval, so tests move the clock and see items go. Like DynamoDB, reads may still return an
 * expired item until the sweep removed it. The same sweep drops stream records older than 24 hours.
 */
import type { Item } from './attribute-values';
import type { TablesContext } from './context';
import { keyOf } from './keys';
import { streamRecord } from './stream-records';
import type { TableSpec } from './table-spec';

export const SWEEP_INTERVAL_MS = 5_000;
export const STREAM_RETENTION_MS = 24 * 60 * 60 * 1000;
const SWEEP_BATCH = 500;

export class TtlSweeper {
  private readonly abort = new AbortController();
  private loop?: Promise<void>;

  constructor(
    private readonly ctx: TablesContext,
    private readonly onError: (err: unknown) => void,
  ) {}

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
  }

  /** One sweep (all expired items, in batches); returns how many were deleted. */
  async sweepOnce(): Promise<number> {
    const specs = new Map<string, TableSpec>();
    for (const t of await this.ctx.store.listTables()) specs.set(t.name, JSON.parse(t.spec) as TableSpec);
    const now = this.ctx.clock.now();
    let total = 0;
    const touched = new Set<string>();
    for (;;) {
      const deleted = await this.ctx.store.sweepExpired(Math.floor(now / 1000), SWEEP_BATCH, (table, row) => {
        const spec = specs.get(table);
        if (!spec?.stream) return undefined;
        touched.add(table);
        const old = JSON.parse(row.item) as Item;
        return { table, record: JSON.stringify(streamRecord(this.ctx, spec, keyOf(spec, old), old, undefined, now, true)), at: now };
      });
      total += deleted.length;
      if (deleted.length < SWEEP_BATCH) break;
    }
    for (const table of touched) this.ctx.onStreamRecords(table);
    // Streams keep records for 24 hours ("Change data capture for DynamoDB Streams").
    await this.ctx.store.trimStream(now - STREAM_RETENTION_MS);
    return total;
  }

  private async run(): Promise<void> {
    const signal = this.abort.signal;
    while (!signal.aborted) {
      try {
        await this.ctx.clock.sleepUntil(this.ctx.clock.now() + SWEEP_INTERVAL_MS, signal);
      } catch {
        return;
      }
      await this.sweepOnce().catch(this.onError);
    }
  }
}
