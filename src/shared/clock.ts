/**
 * The one source of time. Every timer in Stratus (timeouts aside, which are real) goes through a
 * Clock so tests can move time instead of sleeping.
 */
export interface Clock {
  now(): number;
  /** Resolves when the clock reaches `at` (epoch ms). Abortable. */
  sleepUntil(at: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleepUntil(at, signal) {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(done, Math.max(0, at - Date.now()));
      function done() {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }
      function onAbort() {
        clearTimeout(timer);
        reject(signal!.reason);
      }
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  },
};
