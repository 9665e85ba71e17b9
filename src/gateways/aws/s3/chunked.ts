/**
 * `Content-Encoding: aws-chunked` bodies (S3 API Reference, "Signature Calculations for the
 * Authorization Header: Transferring Payload in Multiple Chunks"): `<hex size>[;chunk-signature=…]\r\n
 * <bytes>\r\n` … `0[;…]\r\n`, then trailing headers (`x-amz-checksum-crc32:…`) and `\r\n`. The SDK
 * v3 sends STREAMING-UNSIGNED-PAYLOAD-TRAILER bodies this way by default. Decoded as it streams.
 * In strict mode the chunk signatures of STREAMING-AWS4-HMAC-SHA256-PAYLOAD bodies are checked
 * (each chains on the previous one, starting from the request's own signature); a bad one fails
 * the upload before anything is committed. A trailer's own signature is not checked.
 */
import { createHash, type Hash } from 'node:crypto';
import { S3Error } from '../../../services/buckets/errors';

const MAX_LINE = 4096;
const CRLF = Buffer.from('\r\n');

const incomplete = () => new S3Error('IncompleteBody', 'The request body terminated unexpectedly');
const badChunk = () => new S3Error('InvalidChunkSizeError', 'Only the last chunk is allowed to have a size less than 8192 bytes', 403);

/** Checks one chunk's signature given its data's SHA-256; filled in once the request is authenticated. */
export interface ChunkVerifier {
  verify?(chunkSignature: string | undefined, dataHash: Buffer): void;
}

export async function* decodeAwsChunked(source: AsyncIterable<Buffer>, trailers: Map<string, string>, verifier: ChunkVerifier = {}): AsyncIterable<Buffer> {
  let pending: Buffer = Buffer.alloc(0);
  let hash: Hash | undefined;
  let signature: string | undefined;
  const check = () => verifier.verify?.(signature, (hash ?? createHash('sha256')).digest());
  // -1: expecting a size line; > 0: bytes of data left; 0: expecting the CRLF after data.
  let remaining = -1;
  let finished = false;
  let trailer = '';
  for await (const chunk of source) {
    if (finished) {
      trailer += chunk.toString('latin1');
      if (trailer.length > MAX_LINE * 4) throw incomplete();
      continue;
    }
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    for (;;) {
      if (remaining < 0) {
        const end = pending.indexOf(CRLF);
        if (end < 0) {
          if (pending.length > MAX_LINE) throw badChunk();
          break;
        }
        const line = pending.subarray(0, end).toString('latin1');
        pending = pending.subarray(end + 2);
        const [sizeText, ...extensions] = line.split(';').map((p) => p.trim());
        if (!/^[0-9a-fA-F]{1,16}$/.test(sizeText)) throw badChunk();
        const size = parseInt(sizeText, 16);
        signature = extensions.find((e) => e.startsWith('chunk-signature='))?.slice('chunk-signature='.length);
        hash = verifier.verify ? createHash('sha256') : undefined;
        if (size === 0) {
          check();
          finished = true;
          trailer = pending.toString('latin1');
          pending = Buffer.alloc(0);
          break;
        }
        remaining = size;
      } else if (remaining > 0) {
        if (pending.length === 0) break;
        const take = Math.min(remaining, pending.length);
        hash?.update(pending.subarray(0, take));
        yield pending.subarray(0, take);
        pending = pending.subarray(take);
        remaining -= take;
      } else {
        if (pending.length < 2) break;
        if (pending[0] !== 13 || pending[1] !== 10) throw badChunk();
        check();
        pending = pending.subarray(2);
        remaining = -1;
      }
    }
  }
  if (!finished) throw incomplete();
  for (const line of trailer.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) trailers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
}
