/**
 * Which bucket and key a request names, in both S3 addressing styles:
 *   path style            http://127.0.0.1:4566/bucket/some/key
 *   virtual-hosted style  http://bucket.localhost:4566/some/key, bucket.s3.localhost,
 *                         bucket.s3.amazonaws.com, bucket.s3.us-east-1.amazonaws.com
 * The key is the rest of the path, percent-decoded and otherwise untouched: `..`, `//` and
 * leading slashes are part of the key, as in S3 (the key is never a file path here).
 */
import { S3Error } from '../../../services/buckets/errors';

export interface Address {
  bucket?: string;
  key?: string;
  style: 'path' | 'virtual';
}

/** The bucket named by the Host header, if it is a virtual-hosted S3 host. */
export function bucketFromHost(host: string | undefined): string | undefined {
  const name = (host ?? '').replace(/:\d+$/, '').toLowerCase();
  if (name.endsWith('.amazonaws.com')) {
    const m = /^(.+?)\.s3[.-]/.exec(name);
    return m ? m[1] : undefined;
  }
  if (name.endsWith('.localhost')) {
    const sub = name.slice(0, -'.localhost'.length);
    if (sub === 's3') return undefined;
    return sub.endsWith('.s3') ? sub.slice(0, -3) : sub;
  }
  return undefined;
}

/** True for hosts that are S3's whatever the path: `s3.amazonaws.com`, `s3.localhost`, virtual hosts. */
export function isS3Host(host: string | undefined): boolean {
  const name = (host ?? '').replace(/:\d+$/, '').toLowerCase();
  return bucketFromHost(host) !== undefined || /^s3[.-]([a-z0-9-]+\.)?amazonaws\.com$/.test(name) || name === 's3.localhost';
}

export function addressOf(host: string | undefined, rawPath: string): Address {
  const virtual = bucketFromHost(host);
  const path = rawPath.startsWith('/') ? rawPath.slice(1) : rawPath;
  if (virtual !== undefined) return { bucket: virtual, ...(path !== '' && { key: decode(path) }), style: 'virtual' };
  if (path === '') return { style: 'path' };
  const slash = path.indexOf('/');
  if (slash < 0) return { bucket: decode(path), style: 'path' };
  const key = path.slice(slash + 1);
  return { bucket: decode(path.slice(0, slash)), ...(key !== '' && { key: decode(key) }), style: 'path' };
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new S3Error('InvalidURI', "Couldn't parse the specified URI.", 400);
  }
}
