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

  constructor(private readonly options: PoolOptions) {}

  get size(): number {
    return this.idle.length + this.busy + this.starting;
  }

  async acquire(): Promise<Lease> {
    if (this.closed) throw new Error('function pool is closed');
    const warm = this.takeIdle();
    if (warm) return this.lease(warm.instance, warm.generation, false);
    if (this.size < this.options.maxInstances) return this.start();
    if (this.options.throttleWhenFull) throw new Throttled('Rate Exceeded.');
    return new Promise<Lease>((resolve, reject) => {
      this.waiters.push((lease) => (lease instanceof Error ? reject(lease) : resolve(lease)));
    });
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
    let released = false;
    return {
      instance,
      cold,
      release: () => {
        if (released) return;
        released = true;
        this.busy--;
        this.returnInstance(instance, generation);
      },
    };
  }

  private returnInstance(instance: FunctionInstance, generation: number): void {
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
