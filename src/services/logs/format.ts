/**
 * Prints a log event the way `aws logs tail` does (its default "detailed" format):
 * `<timestamp> <log stream> <message>`, the timestamp as Python's isoformat with microseconds and
 * a +00:00 offset, green, and the stream cyan when colour is on.
 */
import type { LogEventInput } from '../../engine/types';

const GREEN = '\u001b[32m';
const CYAN = '\u001b[36m';
const RESET = '\u001b[0m';

export interface FormatOptions {
  /** Printed first, e.g. the function name when several groups are interleaved. */
  prefix?: string;
  color?: boolean;
}

export function formatLogEvent(event: LogEventInput, options: FormatOptions = {}): string {
  const paint = (code: string, text: string) => (options.color ? `${code}${text}${RESET}` : text);
  // Lambda's messages usually end in a newline (console.log); the caller adds its own.
  const message = event.message.replace(/\r?\n$/, '');
  const parts = [paint(GREEN, awsCliTimestamp(event.timestamp)), paint(CYAN, event.stream), message];
  if (options.prefix !== undefined) parts.unshift(options.prefix);
  return parts.join(' ');
}

/** `2024-01-31T09:00:00.123000+00:00`, as aws-cli renders CloudWatch timestamps. */
export function awsCliTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.(\d{3})Z$/, '.$1000+00:00');
}
