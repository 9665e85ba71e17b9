/**
 * The log service: the one writer of log lines. Writes land in memory and go to the store in one
 * batch (one transaction) per flush window, so the request path never waits on the disk.
 */
import type { Clock } from '../../shared/clock';
import type { LogEventInput, LogStore } from '../../engine/types';

/**
 * The durability bound: a line written now is on disk within this many ms (plus the time of the
 * write itself). A crash of the process loses at most this window of lines; `close()` loses none.
 */
export const DEFAULT_FLUSH_INTERVAL_MS = 50;

/** Past this many pending lines a flush starts at once, so a log storm cannot grow memory unbounded. */
export const MAX_PENDING_EVENTS = 5_000;

/** Consecutive failed flushes before the lines are dropped and reported. */
export const MAX_FLUSH_ATTEMPTS = 20;
/** Retries back off from the flush interval up to this. */
export const MAX_RETRY_DELAY_MS = 2_000;

export type LogListener = (event: LogEventInput) => void;

export interface LogService {
  /** Buffers one line; `timestamp` defaults to the clock's now. Never blocks, never throws. */
  write(group: string, stream: string, message: string, timestamp?: number): void;
  /** Resolves when every line written before the call is in the store. */
  flush(): Promise<void>;
  /** Flushes and stops the timer; later writes are still accepted and kept until the next flush. */
  close(): Promise<void>;
  /** Live lines in this process, at write time (before they reach the store). */
  subscribe(listener: LogListener): () => void;
}

export interface LogServiceOptions {
  store: LogStore;
  clock: Clock;
  flushIntervalMs?: number;
  /** Where background flush failures go (the lines are kept and retried). Defaults to stderr. */
  onError?: (err: unknown) => void;
}

export function createLogService(options: LogServiceOptions): LogService {
  const { store, clock } = options;
  const interval = options.flushIntervalMs ?? DEFAULT_FLUSH_INTERVAL_MS;
  const onError = options.onError ?? ((err) => process.stderr.write(`stratus: logs: ${String(err)}\n`));
  const listeners = new Set<LogListener>();
  let pending: LogEventInput[] = [];
  let timer: NodeJS.Timeout | undefined;
  // Flushes run one after another so batches reach the store in write order.
  let chain: Promise<void> = Promise.resolve();
  let failures = 0;

  // The window is a real-time I/O bound, not domain time: it uses a real timer, not the Clock,
  // so tests that freeze or jump the clock still see their lines stored.
  function schedule(delay: number): void {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      // A store that is down (database restart) fails every retry: say so once per streak.
      flush().catch((err) => failures <= 1 && onError(err));
    }, delay);
  }

  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const batch = pending;
    pending = [];
    const run = chain.then(() => writeBatch(batch));
    // The chain itself must survive a failed batch, or every later flush would be skipped.
    chain = run.catch(() => {});
    return run;
  }

  async function writeBatch(batch: LogEventInput[]): Promise<void> {
    if (batch.length === 0) return;
    try {
      await store.append(batch);
      failures = 0;
    } catch (err) {
      // Keep the lines (ahead of newer ones) and try again next window: a busy database must not
      // lose logs. A store that keeps failing (closed, disk full) gets the lines dropped, loudly.
      // The caller of an explicit flush() sees the failure either way.
      if (++failures < MAX_FLUSH_ATTEMPTS) {
        pending = batch.concat(pending);
        // Backing off rides out a database restart of half a minute before anything is dropped.
        schedule(Math.min(interval * 2 ** (failures - 1), MAX_RETRY_DELAY_MS));
      } else {
        failures = 0;
        onError(new Error(`dropped ${batch.length} log lines after ${MAX_FLUSH_ATTEMPTS} failed writes`));
      }
      throw err;
    }
  }

  return {
    write(group, stream, message, timestamp) {
      const event = { group, stream, message, timestamp: timestamp ?? clock.now() };
      pending.push(event);
      for (const listener of listeners) notify(listener, event, onError);
      if (pending.length >= MAX_PENDING_EVENTS) flush().catch(onError);
      else schedule(interval);
    },
    flush,
    async close() {
      await flush();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** A faulty listener (e.g. a closed stdout) must not break logging for everyone else. */
function notify(listener: LogListener, event: LogEventInput, onError: (err: unknown) => void): void {
  try {
    listener(event);
  } catch (err) {
    onError(err);
  }
}
