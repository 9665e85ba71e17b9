import { randomBytes } from 'node:crypto';

/**
 * An X-Ray trace header as Lambda passes it in Lambda-Runtime-Trace-Id (and _X_AMZN_TRACE_ID):
 * `Root=1-<epoch seconds, 8 hex>-<24 hex>;Parent=<16 hex>;Sampled=0`.
 */
export function newTraceHeader(now: number = Date.now()): string {
  const seconds = Math.floor(now / 1000).toString(16).padStart(8, '0');
  return `Root=1-${seconds}-${randomBytes(12).toString('hex')};Parent=${randomBytes(8).toString('hex')};Sampled=0`;
}
