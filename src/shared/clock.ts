/**
 * The one source of domain time. Every timer in Stratus that AWS would measure (delays,
 * visibility, retention, retries, schedules) goes through a Clock, so tests can move time
 * instead of sleeping. Real-time bounds that are not AWS semantics (log flush windows, request
 * timeouts of our own servers) may use real timers.
 */
import { EventEmitter } from 'node:events';

export interface Clock {
  now(): number;
  /** Resolves when the clock reaches `at` (epoch ms), also when time is moved past it. Abortable. */
  sleepUntil(at: number, signal?: AbortSignal): Promise<void>;
}

/**
 * Real time plus an adjustable offset. Moving it forward wakes every sleeper whose moment has
 * come, at once; `stratus start --clock adjustable` exposes it to tests (POST /_stratus/clock).
 */
export class AdjustableClock implements Clock {
  private offsetMs = 0;
  private readonly moved = new EventEmitter().setMaxListeners(0);

  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** Moves time forward by `ms` (never backward: AWS time does not run backward). */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError('time can only move forward');
    this.offsetMs += ms;
    this.moved.emit('moved');
  }

  /** Jumps to `at` (epoch ms) if it is in the future; a past moment is ignored. */
  setTime(at: number): void {
    const delta = at - this.now();
    if (delta > 0) this.advance(delta);
  }

  sleepUntil(at: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      let timer: NodeJS.Timeout | undefined;
      const arm = () => {
        if (timer) clearTimeout(timer);
        const wait = at - this.now();
        if (wait <= 0) return done();
        // setTimeout's ceiling is ~24.8 days; longer sleeps re-arm when they wake.
        timer = setTimeout(arm, Math.min(wait, 2 ** 31 - 1));
      };
      const done = () => {
        cleanup();
        resolve();
      };
      const onAbort = () => {
        cleanup();
        reject(signal!.reason);
      };
      const cleanup = () => {
        if (timer) clearTimeout(timer);
        this.moved.off('moved', arm);
        signal?.removeEventListener('abort', onAbort);
      };
      this.moved.on('moved', arm);
      signal?.addEventListener('abort', onAbort, { once: true });
      arm();
    });
  }
}

/** Real time, no offset. */
export const systemClock: Clock = new AdjustableClock();
