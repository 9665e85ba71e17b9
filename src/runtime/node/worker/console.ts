/**
 * Lambda's console for Node in its default text format (aws-lambda-nodejs-runtime-interface-
 * client, LogPatch.js): `<ISO time>\t<request id>\t<LEVEL>\t<util.format(...)>`, one log event per
 * call even when the message spans lines. console.log is INFO; console.trace prints no stack.
 * Before the first invocation the request id is literally `undefined`, as on Lambda.
 * Raw process.stdout/stderr writes become one event per line, unprefixed.
 */
import util from 'node:util';
import type { LogLine } from '../../types';
import { intoError, toFormatted } from './errors';

type Level = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL';
const LEVEL_PRIORITY: Record<Level, number> = { TRACE: 1, DEBUG: 2, INFO: 3, WARN: 4, ERROR: 5, FATAL: 6 };

/** Where the runtime keeps the current request id; tools such as Powertools read it from here. */
const REQUEST_ID_SYMBOL = Symbol.for('aws.lambda.runtime.requestId');
const globals = globalThis as unknown as Record<symbol, string | undefined>;

export const currentRequestId = (): string | undefined => globals[REQUEST_ID_SYMBOL];
export const setCurrentRequestId = (id: string): void => {
  globals[REQUEST_ID_SYMBOL] = id;
};

export type LineSink = (line: LogLine) => void;

export function patchConsole(emit: LineSink): void {
  const log = (level: Level, args: unknown[]) => {
    const now = new Date();
    const requestId = currentRequestId();
    const message = `${now.toISOString()}\t${requestId}\t${level}\t${util.format(...args)}`;
    emit({ requestId, timestamp: now.getTime(), message });
  };
  // AWS_LAMBDA_LOG_LEVEL filters the console as on Lambda (only meaningful with advanced logging).
  const threshold = LEVEL_PRIORITY[process.env.AWS_LAMBDA_LOG_LEVEL?.toUpperCase() as Level] ?? LEVEL_PRIORITY.TRACE;
  const method = (level: Level) => (LEVEL_PRIORITY[level] >= threshold ? (...args: unknown[]) => log(level, args) : () => {});
  const target = console as unknown as Record<string, unknown>;
  target.trace = method('TRACE');
  target.debug = method('DEBUG');
  target.info = method('INFO');
  target.log = target.info;
  target.warn = method('WARN');
  target.error = method('ERROR');
  target.fatal = (...args: unknown[]) => log('FATAL', args);
}

/** `console.error(label, formatted error)` as the runtime logs invoke and uncaught errors. */
export function logRuntimeError(label: string, error: unknown): void {
  console.error(label, toFormatted(intoError(error)));
}

/** Replaces stream writes with a line splitter; returns a flush for a trailing partial line. */
export function captureStream(stream: NodeJS.WriteStream, emit: LineSink): () => void {
  let pending = '';
  const push = (text: string) => {
    const lines = (pending + text).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) emit({ requestId: currentRequestId(), timestamp: Date.now(), message: line });
  };
  stream.write = ((chunk: unknown, encodingOrCallback?: unknown, maybeCallback?: unknown) => {
    const encoding = typeof encodingOrCallback === 'string' ? (encodingOrCallback as BufferEncoding) : 'utf8';
    push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString(encoding));
    const callback = typeof encodingOrCallback === 'function' ? encodingOrCallback : maybeCallback;
    if (typeof callback === 'function') queueMicrotask(() => callback());
    return true;
  }) as typeof stream.write;
  return () => {
    if (pending) push('\n');
  };
}
