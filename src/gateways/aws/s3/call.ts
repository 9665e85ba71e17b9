/** One S3 request as the operations see it: addressed, authenticated, its body decoded as it streams. */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { BucketService, RequestOrigin } from '../../../services/buckets';
import { S3Error } from '../../../services/buckets/errors';
import type { AuthConfig } from '../auth';
import { decodeAwsChunked, type ChunkVerifier } from './chunked';
import { one } from './headers';

/** Request bodies read whole (XML configurations, DeleteObjects) are small: S3 caps them too. */
export const MAX_XML_BYTES = 2 * 1024 * 1024;

export interface S3Call {
  method: string;
  rawPath: string;
  bucket?: string;
  key?: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The payload, aws-chunked framing removed. Read it once. */
  body: AsyncIterable<Buffer>;
  /** Trailing headers of an aws-chunked body, filled once the body has been read. */
  trailers: Map<string, string>;
  origin: RequestOrigin;
  service: BucketService;
  auth?: AuthConfig;
  now(): number;
  raw: IncomingMessage;
}

export function isAwsChunked(headers: IncomingHttpHeaders): boolean {
  const encoding = one(headers, 'content-encoding') ?? '';
  const hash = one(headers, 'x-amz-content-sha256') ?? '';
  return encoding.split(',').some((e) => e.trim() === 'aws-chunked') || hash.startsWith('STREAMING-');
}

export function payloadOf(req: IncomingMessage, trailers: Map<string, string>, chunks: ChunkVerifier): AsyncIterable<Buffer> {
  return isAwsChunked(req.headers) ? decodeAwsChunked(req, trailers, chunks) : (req as AsyncIterable<Buffer>);
}

export async function readText(call: S3Call, max = MAX_XML_BYTES): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of call.body) {
    size += chunk.length;
    if (size > max) throw new S3Error('MaxMessageLengthExceeded', 'Your request was too big.', 400);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function requireBucket(call: S3Call): string {
  if (call.bucket === undefined) throw new S3Error('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405);
  return call.bucket;
}

export function requireKey(call: S3Call): string {
  if (call.key === undefined) throw new S3Error('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405);
  return call.key;
}
