/**
 * One AWS request as the wire layer sees it: read whole (AWS APIs are not streamed, except S3,
 * which will get its own reader), bounded so a huge body cannot exhaust memory.
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { AwsError } from './errors';

/**
 * The largest body read. Lambda's synchronous payload limit is 6 MB (6291456 bytes); Lambda must
 * see a little more than that to answer RequestTooLargeException, so the cap is above it.
 */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

export interface EdgeRequest {
  method: string;
  /** The path exactly as sent (still percent-encoded): SigV4 signs this form. */
  rawPath: string;
  rawQuery: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Carries the request without its body, so the answer can still be in the right protocol. */
export class BodyTooLarge extends AwsError {
  constructor(
    readonly size: number,
    readonly request: EdgeRequest,
  ) {
    super('RequestEntityTooLargeException', `Request must be smaller than ${MAX_BODY_BYTES} bytes.`, 413);
  }
}

export async function readEdgeRequest(req: IncomingMessage): Promise<EdgeRequest> {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const rawPath = q < 0 ? url : url.slice(0, q);
  const rawQuery = q < 0 ? '' : url.slice(q + 1);
  const head: EdgeRequest = {
    method: req.method ?? 'GET',
    rawPath,
    rawQuery,
    query: new URLSearchParams(rawQuery),
    headers: req.headers,
    body: Buffer.alloc(0),
  };
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) {
    req.resume();
    throw new BodyTooLarge(declared, head);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      req.resume();
      throw new BodyTooLarge(size, head);
    }
    chunks.push(chunk as Buffer);
  }
  return { ...head, body: Buffer.concat(chunks) };
}

export function header(req: EdgeRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** `application/x-www-form-urlencoded; charset=utf-8` → `application/x-www-form-urlencoded`. */
export function mediaType(req: EdgeRequest): string {
  return (header(req, 'content-type') ?? '').split(';')[0].trim().toLowerCase();
}
