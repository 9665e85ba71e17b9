/**
 * The Range header as S3 honours it (S3 API Reference, GetObject "Range"; RFC 9110 §14.1.2): one
 * `bytes=` range, `first-last`, `first-` or `-suffix`. A header that does not parse, or asks for
 * several ranges, is ignored (the whole object, 200), as S3 does; a range that starts past the
 * end is 416 InvalidRange.
 */
import type { ByteRange } from '../../engine/files/object-files';
import { invalidRange } from './errors';

export function resolveRange(header: string | undefined, size: number): ByteRange | undefined {
  if (header === undefined) return undefined;
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) throw invalidRange(size, header);
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (m[2] !== '' && Number(m[2]) < start) return undefined;
  if (start >= size) throw invalidRange(size, header);
  return { start, end };
}
