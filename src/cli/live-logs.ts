import type { LogService } from '../services/logs';

const LAMBDA_GROUP = '/aws/lambda/';

/** Prints each log line as it is written, prefixed with the function's name. Returns the unsubscribe. */
export function printLiveLogs(logs: LogService, out: NodeJS.WritableStream): () => void {
  return logs.subscribe((event) => {
    const name = event.group.startsWith(LAMBDA_GROUP) ? event.group.slice(LAMBDA_GROUP.length) : event.group;
    out.write(`[${name}] ${event.message.replace(/\n$/, '')}\n`);
  });
}
