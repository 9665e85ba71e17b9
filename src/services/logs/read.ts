/**
 * `stratus logs`: prints a group's lines from --since on, and with --follow keeps printing new
 * ones until the signal aborts. Reads page by page with an id cursor, so following never skips or
 * repeats a line (ids grow in commit order; see the engine's log query).
 */
import type { Clock } from '../../shared/clock';
import { systemClock } from '../../shared/clock';
import type { LogStore, StoredLogEvent } from '../../engine/types';
import { matchesFilter, narrowestTerm, parseFilterPattern, type FilterPattern } from './filter-pattern';
import { DEFAULT_SINCE, parseSince } from './since';
import type { LogService } from './service';

/**
 * How often a follower polls the store when the writer is another process. Polling is acceptable
 * here: the writer (`stratus start`) and the reader (`stratus logs -f`) share only a SQLite file,
 * which offers no cross-process signal; a 250 ms indexed query on "id > cursor" costs next to
 * nothing and keeps new lines on screen well within a second.
 */
export const FOLLOW_POLL_INTERVAL_MS = 250;

/** Lines fetched per query while catching up. */
export const READ_PAGE_SIZE = 1_000;

export interface ReadLogsOptions {
  group: string;
  stream?: string;
  /** `10m`, `1h`, an ISO time, or epoch ms. Defaults to 10 minutes back, as `aws logs tail`. */
  since?: string | number;
  /** CloudWatch plain-term filter pattern (see filter-pattern.ts). */
  filter?: string;
  follow?: boolean;
  /** Ends a follow (the promise then resolves normally). */
  signal?: AbortSignal;
  onEvent(event: StoredLogEvent): void;
  /** The writer's service when it runs in this process: its writes wake the follower at once. */
  service?: LogService;
  clock?: Clock;
  pollIntervalMs?: number;
}

export async function readLogs(store: LogStore, options: ReadLogsOptions): Promise<void> {
  const clock = options.clock ?? systemClock;
  const since = typeof options.since === 'number' ? options.since : parseSince(options.since ?? DEFAULT_SINCE, clock.now());
  const pattern = options.filter ? parseFilterPattern(options.filter) : undefined;
  let cursor = 0;

  const drain = async () => {
    for (;;) {
      const page = await store.query({
        group: options.group,
        stream: options.stream,
        since,
        afterId: cursor,
        contains: pattern && narrowestTerm(pattern),
        limit: READ_PAGE_SIZE,
      });
      for (const event of page) {
        cursor = event.id;
        if (!pattern || matchesFilter(event.message, pattern)) options.onEvent(event);
      }
      if (page.length < READ_PAGE_SIZE || options.signal?.aborted) return;
    }
  };

  await drain();
  if (!options.follow) return;
  const waker = createWaker(options);
  try {
    while (!options.signal?.aborted) {
      const woken = await waker.wait(options.pollIntervalMs ?? FOLLOW_POLL_INTERVAL_MS);
      // An in-process write is still in the service's buffer: push it to the store, then read.
      if (woken && options.service) await options.service.flush().catch(() => {});
      if (!options.signal?.aborted) await drain();
    }
  } finally {
    waker.dispose();
  }
}

/** Resolves `wait` early (true) when the in-process service writes to the followed group. */
function createWaker(options: ReadLogsOptions) {
  let wake: ((woken: boolean) => void) | undefined;
  let dirty = false;
  const unsubscribe = options.service?.subscribe((event) => {
    if (event.group !== options.group) return;
    dirty = true;
    wake?.(true);
  });
  return {
    wait(ms: number): Promise<boolean> {
      if (dirty || options.signal?.aborted) return Promise.resolve(consume());
      return new Promise<boolean>((resolve) => {
        const done = (woken: boolean) => {
          clearTimeout(timer);
          options.signal?.removeEventListener('abort', onAbort);
          wake = undefined;
          resolve(woken && consume());
        };
        const onAbort = () => done(false);
        const timer = setTimeout(() => done(false), ms);
        wake = done;
        options.signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
    dispose: () => unsubscribe?.(),
  };

  function consume(): boolean {
    const was = dirty;
    dirty = false;
    return was;
  }
}
