/**
 * Which ticks are due: those after the cursor whose effective time (tick + flexible offset) has
 * come, in tick order. Ticks are taken in order and the scan stops at the first one not yet
 * effective, so claims stay monotonic (the compare-and-set rejects anything older than the last
 * claim). When far behind (downtime, a big clock jump) only the newest `keep` matter; the scan
 * then probes backward from `now` in growing spans instead of walking every tick since the cursor.
 */
import { MINUTE_MS } from './constants';

export type NextTick = (after: number) => number | undefined;

export interface DueTicks {
  /** The newest `keep` due ticks, oldest first. */
  ticks: number[];
  /** Where the schedule's cursor moves to: the newest due tick (or the old cursor when none). */
  cursor: number;
}

const SPAN_GROWTH = 4;

export function dueTicks(next: NextTick, cursor: number, now: number, keep: number, effectiveAt: (tick: number) => number): DueTicks {
  for (let span = MINUTE_MS; ; span *= SPAN_GROWTH) {
    const from = Math.max(cursor, now - span);
    const ticks = scan(next, from, now, effectiveAt, keep);
    if (from === cursor || ticks.length >= keep) {
      return { ticks, cursor: ticks.length > 0 ? ticks[ticks.length - 1] : cursor };
    }
  }
}

/** Ticks in (from, now] already effective, stopping at the first that is not; keeps the newest `keep`. */
function scan(next: NextTick, from: number, now: number, effectiveAt: (tick: number) => number, keep: number): number[] {
  const out: number[] = [];
  for (let tick = next(from); tick !== undefined && tick <= now && effectiveAt(tick) <= now; tick = next(tick)) {
    out.push(tick);
    if (out.length > keep) out.shift();
  }
  return out;
}
