/**
 * Log appends on a thread of their own, once logging is sustained. SQLite work was ~7 µs of the
 * main thread per API request (three platform lines each), on the thread that also parses HTTP
 * and talks to the function workers; the writer thread does it on its own connection (WAL: the
 * main connection sees each batch as soon as the append resolves). A batch is one message each
 * way, a few per second, so the hand-off costs far less than the SQLite work it moves.
 *
 * The first appends run inline (a one-shot `stratus invoke` or `logs` never starts a thread);
 * after SUSTAINED_APPENDS the thread starts, and inline appends continue until it is ready.
 * Appends still resolve only once committed, so the log service's durability window, retries and
 * flush() are unchanged. If the thread fails, appends go back to inline for good.
 */
import { Worker } from 'node:worker_threads';
import type { LogEventInput } from '../../types';
import { encodeBatch, type AppendReply, type WriterBoot } from './batch-codec';
import { logWriterScript } from './writer-script';

/** Appends (flush windows) before the thread starts: about a second of steady logging. */
export const SUSTAINED_APPENDS = 16;

type Append = (events: LogEventInput[], ingestionTime: number) => void;

export interface ThreadedAppend {
  append(events: LogEventInput[], ingestionTime: number): Promise<void>;
  close(): Promise<void>;
}

export function createThreadedAppend(path: string, inline: Append): ThreadedAppend {
  let appends = 0;
  let worker: Worker | undefined;
  let ready = false;
  /** Set when the thread failed or the store is closing: everything runs inline from then on. */
  let stopped = false;
  let nextId = 0;
  const pending = new Map<number, { done: Promise<void>; resolve(): void; reject(err: Error): void }>();

  const rejectAll = (err: Error) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };

  const start = async () => {
    try {
      const script = await logWriterScript();
      if (stopped) return;
      const thread = new Worker(script, { workerData: { path } satisfies WriterBoot, execArgv: [], stdout: false, stderr: false });
      worker = thread;
      thread.unref();
      thread.on('message', (message: AppendReply | { ready: true }) => {
        if ('ready' in message) {
          ready = !stopped;
          return;
        }
        const p = pending.get(message.id);
        pending.delete(message.id);
        // Idle, the thread must not keep the process alive; with appends in flight it must.
        if (pending.size === 0) thread.unref();
        if (!p) return;
        if ('error' in message) p.reject(new Error(message.error));
        else p.resolve();
      });
      thread.on('error', () => {}); // reported through 'exit'
      thread.on('exit', (code) => {
        stopped = true;
        ready = false;
        worker = undefined;
        rejectAll(new Error(`log writer thread exited (${code})`));
      });
    } catch {
      stopped = true; // no script: stay inline
    }
  };

  return {
    append(events, ingestionTime) {
      if (!ready || !worker) {
        if (++appends === SUSTAINED_APPENDS && !stopped) void start();
        inline(events, ingestionTime);
        return Promise.resolve();
      }
      const id = nextId++;
      let settle!: { resolve(): void; reject(err: Error): void };
      const done = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
      if (pending.size === 0) worker.ref();
      pending.set(id, { done, ...settle });
      worker.postMessage(encodeBatch(id, events, ingestionTime));
      return done;
    },
    async close() {
      stopped = true;
      ready = false;
      const thread = worker;
      if (!thread) return;
      // What was sent is committed (or failed) before the thread stops.
      await Promise.allSettled([...pending.values()].map((p) => p.done));
      await thread.terminate();
    },
  };
}
