/**
 * Chunk signatures of STREAMING-AWS4-HMAC-SHA256-PAYLOAD bodies (S3 API Reference, "Signature
 * Calculations for the Authorization Header: Transferring Payload in Multiple Chunks"):
 *   string to sign = AWS4-HMAC-SHA256-PAYLOAD \n <x-amz-date> \n <scope> \n <previous signature> \n
 *                    <sha256 of ""> \n <sha256 of the chunk's data>
 * signed with the request's signing key; the first "previous signature" is the request's own.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { S3Error } from '../../../services/buckets/errors';
import type { ParsedSignature } from '../auth/signature';
import type { ChunkVerifier } from './chunked';

const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');

export const signatureDoesNotMatch = () =>
  new S3Error('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.', 403);

export function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  let key: Buffer = createHmac('sha256', `AWS4${secret}`).update(date).digest();
  for (const part of [region, service, 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
  return key;
}

/** Arms `verifier` to check each chunk against the chain that starts at the request's signature. */
export function armChunkVerifier(verifier: ChunkVerifier, sig: ParsedSignature, secret: string): void {
  const key = signingKey(secret, sig.scopeDate, sig.region, sig.service);
  const scope = `${sig.scopeDate}/${sig.region}/${sig.service}/aws4_request`;
  let previous = sig.signature;
  verifier.verify = (given, dataHash) => {
    const toSign = ['AWS4-HMAC-SHA256-PAYLOAD', sig.amzDate ?? '', scope, previous, EMPTY_SHA256, dataHash.toString('hex')].join('\n');
    const expected = createHmac('sha256', key).update(toSign).digest('hex');
    const a = Buffer.from(expected);
    const b = Buffer.from(given ?? '');
    if (a.length !== b.length || !timingSafeEqual(a, b)) throw signatureDoesNotMatch();
    previous = expected;
  };
}
