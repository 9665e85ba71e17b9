import type { LogService } from '../services/logs';

const LAMBDA_GROUP = '/aws/lambda/';

/**
 * How long printed lines may wait to be written together. A write per event-loop turn is still a
 * system call (and a wake-up of whoever reads the terminal or pipe) per request under load, which
 * cost more than the request itself; 16 ms (one frame) is invisible to a person watching.
 */
export const LIVE_LOG_WINDOW_MS = 16;

/**
 * Live output never blocks the server: past this much text waiting for a slow reader (a paused
 * pager, a busy pipe), lines are skipped and counted, and a notice says so once the reader
 * catches up. Skipped lines are only not printed: the engine has them all (`stratus logs`).
 */
export const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/**
 * Prints each log line as it is written, prefixed with the function's name. Lines are gathered
 * and written at most once per window. Returns the unsubscribe (which prints what is pending).
 */
export function printLiveLogs(logs: LogService, out: NodeJS.WritableStream, windowMs = LIVE_LOG_WINDOW_MS): () => void {
  writeWithoutBlocking(out);
  let pending: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  let skipped = 0;
  const buffered = () => (out as { writableLength?: number }).writableLength ?? 0;
  const drain = () => {
    timer = undefined;
    if (pending.length === 0) return;
    if (buffered() > MAX_BUFFERED_BYTES) {
      skipped += pending.length;
      pending = [];
      return;
    }
    if (skipped > 0) {
      pending.unshift(`[stratus] ${skipped} live log line(s) not shown: output was too slow (\`stratus logs\` has them)\n`);
      skipped = 0;
    }
    const text = pending.join('');
    pending = [];
    out.write(text);
  };
  const unsubscribe = logs.subscribe((event) => {
    const name = event.group.startsWith(LAMBDA_GROUP) ? event.group.slice(LAMBDA_GROUP.length) : event.group;
    const message = event.message.endsWith('\n') ? event.message.slice(0, -1) : event.message;
    pending.push(`[${name}] ${message}\n`);
    timer ??= setTimeout(drain, windowMs);
  });
  return () => {
    unsubscribe();
    if (timer) clearTimeout(timer);
    drain();
  };
}

/**
 * Node writes to a pipe synchronously on Linux: a reader slower than the server (the terminal,
 * `| tee`, a test harness) then stalls the whole event loop inside write(2) — measured at 10–25 µs
 * of the main thread per API request. Asynchronous writes queue in memory instead (bounded above);
 * Node still flushes them before a normal exit. Only pipes: a terminal's mode is shared with the
 * shell, and files do not stall.
 */
function writeWithoutBlocking(out: NodeJS.WritableStream): void {
  const handle = (out as { _handle?: { constructor?: { name?: string }; setBlocking?: (blocking: boolean) => number } })._handle;
  if (handle?.constructor?.name === 'Pipe') handle.setBlocking?.(false);
}
