/**
 * Warm instances of one function: reused while warm (module state survives, as on Lambda), started
 * on demand up to the function's concurrency, reaped when idle, and replaced after a code change.
 */
import type { FunctionInstance } from '../../runtime/types';

interface IdleInstance {
  instance: FunctionInstance;
  generation: number;
  idleSince: number;
}

export interface PoolOptions {
  /** Most instances alive at once. */
  maxInstances: number;
  /**
   * Without reserved concurrency: instances started at once, as soon as a caller finds every
   * instance busy. Past this many, a caller first waits up to `spillAfterMs` for a busy instance to
   * come back, and a new instance starts only if none did (default: start at once up to max).
   */
  eagerInstances?: number;
  /** How long a queued caller waits for a warm instance before one more is started. */
  spillAfterMs?: number;
  /**
   * Reserved concurrency is a hard limit in Lambda: invocations beyond it are throttled, not queued.
   * Without it, Stratus queues callers for a free instance (as `sam local` does) instead of starting
   * an unbounded number of workers on a developer machine.
   */
  throttleWhenFull: boolean;
  create(): Promise<FunctionInstance>;
  now(): number;
}

export interface Lease {
  instance: FunctionInstance;
  /** True when this lease started the instance: the invocation is a cold start. */
  cold: boolean;
  release(): void;
}

export class Throttled extends Error {}

export class InstancePool {
  private idle: IdleInstance[] = [];
  private busy = 0;
  private starting = 0;
  private waiters: Array<(lease: Lease | Error) => void> = [];
  private generation = 0;
  private closed = false;
  private spillTimer: NodeJS.Timeout | undefined;
  /** When an instance last came back, or callers started queueing (performance.now()). */
  private lastProgressAt = 0;
  /** Leases on instances running their first invocation (init included). */
  private coldBusy = 0;

  constructor(private readonly options: PoolOptions) {}

  get size(): number {
    return this.idle.length + this.busy + this.starting;
  }

  async acquire(): Promise<Lease> {
    if (this.closed) throw new Error('function pool is closed');
    const warm = this.takeIdle();
    if (warm) return this.lease(warm.instance, warm.generation, false);
    const { maxInstances, throttleWhenFull } = this.options;
    if (this.size < maxInstances && (throttleWhenFull || this.size < (this.options.eagerInstances ?? maxInstances))) return this.start();
    if (throttleWhenFull) throw new Throttled('Rate Exceeded.');
    if (this.waiters.length === 0) this.lastProgressAt = performance.now();
    const queued = new Promise<Lease>((resolve, reject) => {
      this.waiters.push((lease) => (lease instanceof Error ? reject(lease) : resolve(lease)));
    });
    this.armSpill();
    return queued;
  }

  /**
   * Short invocations (the common case under load) come back within microseconds to
   * milliseconds: reusing a warm instance then beats a cold start, and more busy threads than
   * cores only adds context switches. So one more instance starts only when callers are queued
   * and no instance has come back for `spillAfterMs` (they are waiting on I/O, or slow): the
   * pool then grows as before, one instance per window, up to maxInstances. While the only busy
   * instances are starting or running their first (cold) invocation, none more is added: init is
   * no sign that warm invocations are slow (without this, the first burst of requests grew the
   * pool to its maximum during the first instance's init). Real time, not the
   * domain clock: this is a scheduling bound, and tests may freeze the clock.
   */
  private armSpill(): void {
    if (this.spillTimer || this.closed || this.waiters.length === 0 || this.size >= this.options.maxInstances) return;
    const warmBusy = this.busy - this.coldBusy;
    if (warmBusy === 0 && (this.starting > 0 || this.coldBusy > 0)) return; // re-armed when the cold invocation ends
    const spillAfterMs = this.options.spillAfterMs ?? 0;
    const quietFor = performance.now() - this.lastProgressAt;
    this.spillTimer = setTimeout(() => {
      this.spillTimer = undefined;
      if (this.closed || this.waiters.length === 0 || this.size >= this.options.maxInstances) return;
      if (performance.now() - this.lastProgressAt >= spillAfterMs) {
        this.lastProgressAt = performance.now();
        const waiter = this.waiters.shift()!;
        this.start().then(waiter, waiter);
      }
      this.armSpill();
    }, Math.max(0, spillAfterMs - quietFor));
  }

  /** New code: instances started before this call are not reused. */
  invalidate(): void {
    this.generation++;
    const stale = this.idle;
    this.idle = [];
    for (const s of stale) void s.instance.dispose();
  }

  /** Disposes instances idle since before `cutoff` (epoch ms). */
  reap(cutoff: number): number {
    const keep: IdleInstance[] = [];
    let reaped = 0;
    for (const s of this.idle) {
      if (s.idleSince < cutoff) {
        reaped++;
        void s.instance.dispose();
      } else keep.push(s);
    }
    this.idle = keep;
    return reaped;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.spillTimer);
    for (const w of this.waiters.splice(0)) w(new Error('function pool is closed'));
    const idle = this.idle.splice(0);
    await Promise.all(idle.map((s) => s.instance.dispose()));
  }

  private takeIdle(): IdleInstance | undefined {
    // Most recently used first: it is the warmest, and the others can age out and be reaped.
    while (this.idle.length > 0) {
      const candidate = this.idle.pop()!;
      if (!candidate.instance.dead && candidate.generation === this.generation) return candidate;
      void candidate.instance.dispose();
    }
    return undefined;
  }

  private async start(): Promise<Lease> {
    this.starting++;
    const generation = this.generation;
    try {
      const instance = await this.options.create();
      return this.lease(instance, generation, true);
    } finally {
      this.starting--;
    }
  }

  private lease(instance: FunctionInstance, generation: number, cold: boolean): Lease {
    this.busy++;
    if (cold) this.coldBusy++;
    let released = false;
    return {
      instance,
      cold,
      release: () => {
        if (released) return;
        released = true;
        this.busy--;
        if (cold) this.coldBusy--;
        this.returnInstance(instance, generation);
        if (cold) this.armSpill();
      },
    };
  }

  private returnInstance(instance: FunctionInstance, generation: number): void {
    this.lastProgressAt = performance.now();
    const reusable = !instance.dead && generation === this.generation && !this.closed;
    if (!reusable) void instance.dispose();
    const waiter = this.waiters.shift();
    if (waiter) {
      if (reusable) return waiter(this.lease(instance, generation, false));
      // The instance is gone: start a fresh one for the waiter.
      this.start().then(waiter, waiter);
      return;
    }
    if (reusable) this.idle.push({ instance, generation, idleSince: this.options.now() });
  }
}
