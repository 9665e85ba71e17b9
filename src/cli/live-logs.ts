import type { LogService } from '../services/logs';

const LAMBDA_GROUP = '/aws/lambda/';

/**
 * Prints each log line as it is written, prefixed with the function's name. Lines are gathered
 * and written once per event-loop turn: a write per line is a system call per line, which under
 * load costs more than the request itself. Returns the unsubscribe (which prints what is pending).
 */
export function printLiveLogs(logs: LogService, out: NodeJS.WritableStream): () => void {
  let pending: string[] = [];
  let scheduled = false;
  const drain = () => {
    scheduled = false;
    if (pending.length === 0) return;
    const text = pending.join('');
    pending = [];
    out.write(text);
  };
  const unsubscribe = logs.subscribe((event) => {
    const name = event.group.startsWith(LAMBDA_GROUP) ? event.group.slice(LAMBDA_GROUP.length) : event.group;
    pending.push(`[${name}] ${event.message.replace(/\n$/, '')}\n`);
    if (!scheduled) {
      scheduled = true;
      setImmediate(drain);
    }
  });
  return () => {
    unsubscribe();
    drain();
  };
}
