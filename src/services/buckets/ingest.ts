/**
 * Taking in an object's bytes: stream them to a staged file through the digests, then check
 * what the client declared (Content-MD5, x-amz-content-sha256, x-amz-checksum-*, size limits).
 * Only bytes that pass are committed; anything else is discarded and nothing stored changes.
 */
import type { Readable } from 'node:stream';
import type { StagedBlob } from '../../engine/files/object-files';
import type { BucketContext } from './context';
import { Digests, type ChecksumAlgorithm } from './digests';
import { badDigest, entityTooLarge, entityTooSmall, invalidDigest, S3Error } from './errors';

export interface IngestOptions {
  /** base64 MD5 (Content-MD5). */
  contentMd5?: string;
  /** hex SHA-256 the signature covered (x-amz-content-sha256). */
  sha256Hex?: string;
  /** The additional checksum; its value may arrive only after the body (aws-chunked trailer). */
  checksum?: { algorithm: ChecksumAlgorithm; value(): string | undefined };
  maxBytes?: number;
  minBytes?: number;
}

export interface Ingested {
  staged: StagedBlob;
  md5Hex: string;
  checksum?: { algorithm: string; value: string };
}

export async function ingest(ctx: BucketContext, body: Readable | AsyncIterable<Buffer>, o: IngestOptions): Promise<Ingested> {
  if (o.contentMd5 !== undefined && Buffer.from(o.contentMd5, 'base64').length !== 16) throw invalidDigest();
  const digests = new Digests({ sha256: o.sha256Hex !== undefined, checksum: o.checksum?.algorithm });
  const staged = await ctx.files.stage(observed(body, digests, o.maxBytes));
  try {
    const r = digests.results();
    if (o.minBytes !== undefined && staged.size < o.minBytes) throw entityTooSmall();
    if (o.contentMd5 !== undefined && r.md5Base64 !== o.contentMd5) throw badDigest();
    if (o.sha256Hex !== undefined && r.sha256Hex !== o.sha256Hex.toLowerCase()) {
      throw new S3Error('XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.", 400, {
        ClientComputedContentSHA256: o.sha256Hex,
        S3ComputedContentSHA256: r.sha256Hex ?? '',
      });
    }
    let checksum: Ingested['checksum'];
    if (o.checksum) {
      const declared = o.checksum.value();
      const name = o.checksum.algorithm.toLowerCase();
      if (declared !== undefined && r.checksum !== undefined && declared !== r.checksum) throw badDigest(`The ${name} you specified did not match the calculated checksum.`);
      const value = r.checksum ?? declared;
      if (value !== undefined) checksum = { algorithm: o.checksum.algorithm, value };
    }
    await staged.commit();
    return { staged, md5Hex: r.md5Hex, ...(checksum && { checksum }) };
  } catch (err) {
    await staged.discard();
    throw err;
  }
}

/** The body as it streams to disk, digested and counted on the way (no copy, no buffering). */
async function* observed(body: Readable | AsyncIterable<Buffer>, digests: Digests, maxBytes: number | undefined): AsyncIterable<Buffer> {
  let seen = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    seen += chunk.length;
    if (maxBytes !== undefined && seen > maxBytes) throw entityTooLarge(maxBytes);
    digests.update(chunk);
    yield chunk;
  }
}
