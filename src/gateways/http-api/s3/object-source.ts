/**
 * The port an S3-proxy route reads objects through; the composition root plugs the bucket
 * service in. Keys are handed over as decoded from the request path; the source, not the
 * gateway, decides what a key may be (it never treats one as a file path).
 */
import type { Readable } from 'node:stream';

export interface SourceObject {
  body: Readable | Buffer;
  contentType?: string;
  contentLength: number;
  /** Quoted, as S3 sends it. */
  etag: string;
  lastModified: Date;
}

export type ObjectLookup = SourceObject | { missing: 'NoSuchKey' | 'NoSuchBucket' };

export interface ObjectSource {
  getObject(bucket: string, key: string): Promise<ObjectLookup>;
}
