import type { LogService } from '../services/logs';

const LAMBDA_GROUP = '/aws/lambda/';

/**
 * How long printed lines may wait to be written together. A write per event-loop turn is still a
 * system call (and a wake-up of whoever reads the terminal or pipe) per request under load, which
 * cost more than the request itself; 16 ms (one frame) is invisible to a person watching.
 */
export const LIVE_LOG_WINDOW_MS = 16;

/**
 * Prints each log line as it is written, prefixed with the function's name. Lines are gathered
 * and written at most once per window. Returns the unsubscribe (which prints what is pending).
 */
export function printLiveLogs(logs: LogService, out: NodeJS.WritableStream, windowMs = LIVE_LOG_WINDOW_MS): () => void {
  let pending: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  const drain = () => {
    timer = undefined;
    if (pending.length === 0) return;
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
