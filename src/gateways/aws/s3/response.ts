/** What an S3 operation answers, before it is written: status, headers, and a body (text or a stream). */
import type { Readable } from 'node:stream';

export interface S3Response {
  status: number;
  headers?: Record<string, string | number | undefined>;
  body?: string | Readable;
}

export const xmlResponse = (body: string, status = 200, headers: S3Response['headers'] = {}): S3Response => ({
  status,
  headers: { 'content-type': 'application/xml', ...headers },
  body,
});

export const empty = (status = 200, headers: S3Response['headers'] = {}): S3Response => ({ status, headers });
