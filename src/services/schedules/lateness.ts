/**
 * How late ticks fire against their due time (tick + flexible offset). Kept as a bounded ring of
 * recent samples so memory stays flat; the benchmark reads percentiles from it.
 */
import { LATENESS_SAMPLES } from './constants';

export interface LatenessStats {
  /** Ticks fired since the service started. */
  count: number;
  /** Over the most recent samples, in ms. */
  p50: number;
  p99: number;
  max: number;
  /** The most recent samples, oldest first (ms). */
  recent: number[];
}

export class LatenessRecorder {
  private readonly samples: number[] = [];
  private count = 0;

  record(latenessMs: number): void {
    this.count++;
    this.samples.push(Math.max(0, latenessMs));
    if (this.samples.length > LATENESS_SAMPLES) this.samples.shift();
  }

  stats(): LatenessStats {
    const sorted = [...this.samples].sort((a, b) => a - b);
    const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : 0);
    return { count: this.count, p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? 0, recent: [...this.samples] };
  }
}
