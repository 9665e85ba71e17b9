/**
 * What the gateway keeps of an incoming HTTP request, read once: the raw target split into path
 * and query, the header lines in their original case and order, and the body (bounded).
 */
import type { IncomingMessage } from 'node:http';
import { MAX_PAYLOAD_BYTES } from './constants';

export interface GatewayRequest {
  method: string;
  /** Path as received, percent-encoding kept, without the query. */
  rawPath: string;
  /** Query string as received, without `?`; "" when none. */
  rawQuery: string;
  /** Header lines as received: [name, value, name, value, …] (Node's rawHeaders). */
  rawHeaders: string[];
  body: Buffer;
  sourceIp: string;
  /** "HTTP/1.1" */
  protocol: string;
  /** Epoch ms from the gateway's clock. */
  receivedAt: number;
}

export class PayloadTooLargeError extends Error {}
export class BadTargetError extends Error {}

/** Splits the request target; absolute-form targets (`http://host/p`) are reduced to their path. */
export function splitTarget(url: string): { rawPath: string; rawQuery: string } {
  let target = url;
  if (!target.startsWith('/')) {
    try {
      const parsed = new URL(target);
      target = parsed.pathname + parsed.search;
    } catch {
      throw new BadTargetError(`bad request target ${url}`);
    }
  }
  const q = target.indexOf('?');
  return q < 0 ? { rawPath: target, rawQuery: '' } : { rawPath: target.slice(0, q), rawQuery: target.slice(q + 1) };
}

/** True when the declared length already exceeds API Gateway's payload limit. */
export function declaresTooLarge(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return length !== undefined && Number(length) > MAX_PAYLOAD_BYTES;
}

export const EMPTY_BODY = Buffer.alloc(0);

/** HTTP/1.1 framing: a request has a body only with Content-Length or Transfer-Encoding. */
export function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

/** Reads the whole body; rejects with PayloadTooLargeError past the limit (chunked uploads). */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_PAYLOAD_BYTES) {
        req.removeAllListeners('data');
        req.pause();
        reject(new PayloadTooLargeError(`payload over ${MAX_PAYLOAD_BYTES} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => resolve(chunks.length === 0 ? EMPTY_BODY : chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size)));
    req.once('error', reject);
  });
}

/** Value of the first header named `lowerName` (case-insensitive), or undefined. */
export function headerValue(rawHeaders: string[], lowerName: string): string | undefined {
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (rawHeaders[i].length === lowerName.length && rawHeaders[i].toLowerCase() === lowerName) return rawHeaders[i + 1];
  }
  return undefined;
}

/** Decodes a query component; a malformed escape is passed through as sent rather than failing. */
export function decodeComponent(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Query pairs in order, decoded. `+` stays `+`: API Gateway decodes percent-escapes only
 * (RFC 3986), unlike HTML form decoding.
 */
export function queryPairs(rawQuery: string): [string, string][] {
  const pairs: [string, string][] = [];
  if (rawQuery === '') return pairs;
  for (const piece of rawQuery.split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    const name = decodeComponent(eq < 0 ? piece : piece.slice(0, eq));
    pairs.push([name, eq < 0 ? '' : decodeComponent(piece.slice(eq + 1))]);
  }
  return pairs;
}
