/**
 * Digests computed while an object streams through (never over a buffered body): the MD5 S3's
 * ETag is made of, the SHA-256 a signed payload declares (x-amz-content-sha256), and the
 * additional checksum a client asks for (x-amz-checksum-crc32 | crc32c | sha1 | sha256; S3 User
 * Guide, "Checking object integrity"). CRC64NVME is accepted but not verified (not computed here).
 */
import { createHash, type Hash } from 'node:crypto';
import { crc32 } from 'node:zlib';

export const CHECKSUM_ALGORITHMS = ['CRC32', 'CRC32C', 'SHA1', 'SHA256', 'CRC64NVME'] as const;
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number];

interface Running {
  update(chunk: Buffer): void;
  /** base64, as S3 answers checksums. */
  digest(): string | undefined;
}

export interface DigestResults {
  md5Hex: string;
  md5Base64: string;
  sha256Hex?: string;
  checksum?: string;
}

/** Digests fed chunk by chunk as the bytes stream past; `results()` once, after the last chunk. */
export class Digests {
  private readonly md5 = createHash('md5');
  private readonly sha256?: Hash;
  private readonly checksum?: Running;
  private md5Digest?: Buffer;

  constructor(options: { sha256?: boolean; checksum?: ChecksumAlgorithm } = {}) {
    if (options.sha256) this.sha256 = createHash('sha256');
    if (options.checksum) this.checksum = runningChecksum(options.checksum);
  }

  update(chunk: Buffer): void {
    this.md5.update(chunk);
    this.sha256?.update(chunk);
    this.checksum?.update(chunk);
  }

  results(): DigestResults {
    this.md5Digest ??= this.md5.digest();
    return {
      md5Hex: this.md5Digest.toString('hex'),
      md5Base64: this.md5Digest.toString('base64'),
      ...(this.sha256 && { sha256Hex: this.sha256.digest('hex') }),
      ...(this.checksum && { checksum: this.checksum.digest() }),
    };
  }
}

export function checksumAlgorithmOf(name: string): ChecksumAlgorithm | undefined {
  const upper = name.toUpperCase();
  return (CHECKSUM_ALGORITHMS as readonly string[]).includes(upper) ? (upper as ChecksumAlgorithm) : undefined;
}

function runningChecksum(algorithm: ChecksumAlgorithm): Running {
  switch (algorithm) {
    case 'CRC32': {
      let value = 0;
      return { update: (c) => void (value = crc32(c, value)), digest: () => uint32Base64(value) };
    }
    case 'CRC32C': {
      let value = 0;
      return { update: (c) => void (value = crc32c(c, value)), digest: () => uint32Base64(value) };
    }
    case 'SHA1':
    case 'SHA256': {
      const hash = createHash(algorithm.toLowerCase());
      return { update: (c) => void hash.update(c), digest: () => hash.digest('base64') };
    }
    case 'CRC64NVME':
      return { update: () => {}, digest: () => undefined };
  }
}

function uint32Base64(value: number): string {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(value >>> 0);
  return out.toString('base64');
}

/** CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), table driven. */
const CRC32C_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32c(data: Buffer, previous = 0): number {
  let crc = ~previous >>> 0;
  for (let i = 0; i < data.length; i++) crc = CRC32C_TABLE[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return ~crc >>> 0;
}

/** The ETag of a multipart object: MD5 of the parts' binary MD5s, then `-<number of parts>`. */
export function multipartEtag(partEtags: string[]): string {
  const md5 = createHash('md5');
  for (const etag of partEtags) md5.update(Buffer.from(etag.replace(/"/g, ''), 'hex'));
  return `"${md5.digest('hex')}-${partEtags.length}"`;
}
