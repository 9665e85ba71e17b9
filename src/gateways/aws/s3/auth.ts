/**
 * S3's side of authentication, with S3's error codes (S3 API Reference, "Error responses"):
 * - presigned URLs: always checked for expiry (403 AccessDenied "Request has expired"), as
 *   LocalStack does, since a URL that works forever would hide a real bug; their signature is
 *   checked in strict mode (`--credentials`), where a tampered or re-scoped URL gets 403
 *   SignatureDoesNotMatch. Without strict mode there is no secret to check a signature with.
 * - header-signed requests: checked in strict mode only (InvalidAccessKeyId, SignatureDoesNotMatch,
 *   RequestTimeTooSkewed, AuthorizationHeaderMalformed); unsigned ones are then AccessDenied.
 * The payload hash (x-amz-content-sha256) is checked against the bytes as they stream (ingest).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { S3Error } from '../../../services/buckets/errors';
import type { EdgeRequest } from '../request';
import type { SignatureReading } from '../auth/signature';
import { isStrict, type AuthConfig } from '../auth';
import { MAX_PRESIGNED_EXPIRES_S, verifySignature } from '../auth/verify';
import { armChunkVerifier, signatureDoesNotMatch, signingKey } from './chunk-signatures';
import type { ChunkVerifier } from './chunked';

const stamp = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

const invalidAccessKeyId = (key: string) =>
  new S3Error('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', 403, { AWSAccessKeyId: key });

export async function authenticateS3(req: EdgeRequest, reading: SignatureReading, config: AuthConfig | undefined, now: number, chunks: ChunkVerifier = {}): Promise<void> {
  if (reading.kind === 'signed' && reading.signature.form === 'query') checkExpiry(reading.signature.amzDate, reading.signature.expires, now);
  if (!isStrict(config)) return;
  if (reading.kind === 'none') throw new S3Error('AccessDenied', 'Access Denied', 403);
  if (reading.kind === 'incomplete') {
    const query = req.query.has('X-Amz-Credential') || req.query.has('X-Amz-Signature');
    throw new S3Error(query ? 'AuthorizationQueryParametersError' : 'AuthorizationHeaderMalformed', reading.reason, 400);
  }
  const sig = reading.signature;
  const secret = config!.credentials![sig.accessKeyId];
  if (secret === undefined) throw invalidAccessKeyId(sig.accessKeyId);
  const verdict = await verifySignature(req, sig, secret, now, { streamedBody: true });
  if (verdict.ok) {
    if (String(req.headers['x-amz-content-sha256'] ?? '').startsWith('STREAMING-AWS4-HMAC-SHA256-PAYLOAD')) armChunkVerifier(chunks, sig, secret);
    return;
  }
  if (verdict.problem === 'badSignature') throw signatureDoesNotMatch();
  if (verdict.problem === 'expired') {
    throw new S3Error('RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.', 403, {
      RequestTime: sig.amzDate ?? '',
      ServerTime: stamp(now),
      MaxAllowedSkewMilliseconds: '900000',
    });
  }
  throw new S3Error('AuthorizationHeaderMalformed', verdict.message, 400);
}

function checkExpiry(amzDate: string | undefined, expires: number | undefined, now: number): void {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate ?? '');
  if (!m) throw new S3Error('AuthorizationQueryParametersError', "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"", 400);
  if (expires === undefined || !Number.isInteger(expires) || expires < 0) {
    throw new S3Error('AuthorizationQueryParametersError', 'X-Amz-Expires should be a number', 400);
  }
  if (expires > MAX_PRESIGNED_EXPIRES_S) {
    throw new S3Error('AuthorizationQueryParametersError', `X-Amz-Expires must be less than a week (in seconds) that is ${MAX_PRESIGNED_EXPIRES_S}`, 400);
  }
  const signedAt = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  if (now > signedAt + expires * 1000) {
    throw new S3Error('AccessDenied', 'Request has expired', 403, {
      'X-Amz-Expires': String(expires),
      Expires: stamp(signedAt + expires * 1000),
      ServerTime: stamp(now),
    });
  }
}

/**
 * A browser POST's signature (SigV4 "POST policy"): hex HMAC of the base64 policy with the
 * signing key of the credential's date, region and service. Checked in strict mode only.
 */
export function verifyPostSignature(fields: Map<string, string>, config: AuthConfig | undefined): void {
  if (!isStrict(config)) return;
  const credential = fields.get('x-amz-credential') ?? '';
  const [accessKeyId, date, region, service, terminal] = credential.split('/');
  if (!fields.get('x-amz-signature') || !fields.get('policy') || terminal !== 'aws4_request' || fields.get('x-amz-algorithm') !== 'AWS4-HMAC-SHA256') {
    throw new S3Error('AccessDenied', 'Access Denied', 403);
  }
  const secret = config!.credentials![accessKeyId];
  if (secret === undefined) throw invalidAccessKeyId(accessKeyId);
  const key = signingKey(secret, date, region, service);
  const expected = Buffer.from(createHmac('sha256', key).update(fields.get('policy')!).digest('hex'));
  const given = Buffer.from(fields.get('x-amz-signature')!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw signatureDoesNotMatch();
}
