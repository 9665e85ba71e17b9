/** The integrity checks a request declares: Content-MD5, x-amz-content-sha256, x-amz-checksum-* (header or trailer). */
import { checksumAlgorithmOf, type ChecksumAlgorithm } from '../../../../services/buckets';
import { invalidRequest } from '../../../../services/buckets/errors';
import type { S3Call } from '../call';
import { one } from '../headers';

export interface DeclaredIntegrity {
  contentMd5?: string;
  sha256Hex?: string;
  checksum?: { algorithm: ChecksumAlgorithm; value(): string | undefined };
}

export function declaredIntegrity(call: S3Call): DeclaredIntegrity {
  const out: DeclaredIntegrity = {};
  const md5 = one(call.headers, 'content-md5');
  if (md5 !== undefined) out.contentMd5 = md5;
  const sha = one(call.headers, 'x-amz-content-sha256');
  if (sha && /^[0-9a-f]{64}$/i.test(sha)) out.sha256Hex = sha;
  const trailer = one(call.headers, 'x-amz-trailer');
  const named = trailer?.toLowerCase().match(/^x-amz-checksum-([a-z0-9]+)$/)?.[1];
  const fromHeader = Object.keys(call.headers).find((h) => h.startsWith('x-amz-checksum-') && h !== 'x-amz-checksum-algorithm' && h !== 'x-amz-checksum-type');
  const algorithmName = named ?? fromHeader?.slice('x-amz-checksum-'.length) ?? one(call.headers, 'x-amz-sdk-checksum-algorithm') ?? one(call.headers, 'x-amz-checksum-algorithm');
  if (algorithmName) {
    const algorithm = checksumAlgorithmOf(algorithmName);
    if (!algorithm) throw invalidRequest(`Value for x-amz-checksum-algorithm header is invalid.`);
    const header = `x-amz-checksum-${algorithm.toLowerCase()}`;
    out.checksum = { algorithm, value: () => one(call.headers, header) ?? call.trailers.get(header) };
  }
  return out;
}

/** The checksum headers S3 answers a write with. */
export function checksumHeaders(checksum: { algorithm: string; value: string } | undefined): Record<string, string> {
  return checksum ? { [`x-amz-checksum-${checksum.algorithm.toLowerCase()}`]: checksum.value } : {};
}
