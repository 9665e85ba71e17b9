/**
 * Strict mode: SigV4 verification. The canonical request (URI double-encoding, sorted and
 * re-encoded query, trimmed signed headers, payload hash or UNSIGNED-PAYLOAD) is rebuilt with
 * `@smithy/signature-v4`, the signer the AWS SDK itself uses, given exactly the headers the
 * client says it signed; the two signatures are then compared in constant time. Reusing the SDK's
 * signer rather than a hand-written one keeps every canonicalisation rule identical to what real
 * clients produce, and it is already installed with the SDK clients.
 */
import { createHash, createHmac, timingSafeEqual, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { HttpRequest, SourceData } from '@smithy/types';
import type { EdgeRequest } from '../request';
import type { ParsedSignature } from './signature';

/** AWS rejects a header-signed request whose x-amz-date is more than 15 minutes off. */
export const MAX_CLOCK_SKEW_MS = 15 * 60_000;
/** Presigned URLs live at most 7 days (X-Amz-Expires ≤ 604800). */
export const MAX_PRESIGNED_EXPIRES_S = 604_800;
const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
const PAYLOAD_HASH_HEADER = 'x-amz-content-sha256';

export type Verdict = { ok: true } | { ok: false; problem: 'badSignature' | 'expired' | 'incomplete'; message: string };

/**
 * `streamedBody`: the body is not in `req` (S3 streams it); the declared x-amz-content-sha256
 * then stands for it in the canonical request, and the caller checks it against the bytes.
 */
export async function verifySignature(req: EdgeRequest, sig: ParsedSignature, secret: string, now: number, options: { streamedBody?: boolean } = {}): Promise<Verdict> {
  const signingDate = parseAmzDate(sig.amzDate);
  if (!signingDate) return { ok: false, problem: 'incomplete', message: "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header." };
  const expiry = checkTime(sig, signingDate, now);
  if (expiry) return expiry;
  const declaredHash = header(req, PAYLOAD_HASH_HEADER);
  // A declared body hash stands in for the body in the canonical request, so it must be the body's.
  if (!options.streamedBody && declaredHash && /^[0-9a-f]{64}$/i.test(declaredHash) && declaredHash.toLowerCase() !== createHash('sha256').update(req.body).digest('hex')) {
    return { ok: false, problem: 'badSignature', message: "The provided 'x-amz-content-sha256' header does not match what was computed." };
  }
  const candidates = sig.form === 'query' ? [UNSIGNED_PAYLOAD, undefined] : [declaredHash];
  for (const payloadHash of candidates) {
    const expected = await expectedSignature(req, sig, secret, signingDate, payloadHash);
    if (sameSignature(expected, sig.signature)) return { ok: true };
  }
  return {
    ok: false,
    problem: 'badSignature',
    message:
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
  };
}

function checkTime(sig: ParsedSignature, signed: Date, now: number): Verdict | undefined {
  const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  if (sig.form === 'query') {
    const expires = sig.expires ?? 0;
    if (!Number.isInteger(expires) || expires < 1 || expires > MAX_PRESIGNED_EXPIRES_S) {
      return { ok: false, problem: 'incomplete', message: `X-Amz-Expires must be between 1 and ${MAX_PRESIGNED_EXPIRES_S} seconds.` };
    }
    if (now > signed.getTime() + expires * 1000) {
      return { ok: false, problem: 'expired', message: `Signature expired: ${sig.amzDate} is now earlier than ${stamp(now - expires * 1000)} (${stamp(now)} - ${expires} sec.)` };
    }
    return undefined;
  }
  if (Math.abs(now - signed.getTime()) > MAX_CLOCK_SKEW_MS) {
    return { ok: false, problem: 'expired', message: `Signature expired: ${sig.amzDate} is now earlier than ${stamp(now - MAX_CLOCK_SKEW_MS)} (${stamp(now)} - 15 min.)` };
  }
  return undefined;
}

async function expectedSignature(req: EdgeRequest, sig: ParsedSignature, secret: string, signingDate: Date, payloadHash: string | undefined): Promise<string> {
  const signed = new Set(sig.signedHeaders);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && name !== PAYLOAD_HASH_HEADER) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  if (payloadHash !== undefined) headers[PAYLOAD_HASH_HEADER] = payloadHash;
  const unsigned = new Set([...Object.keys(headers), 'x-amz-date', 'x-amz-security-token'].filter((h) => !signed.has(h)));
  const sessionToken = signed.has('x-amz-security-token') ? headers['x-amz-security-token'] : undefined;
  const signer = new SignatureV4({
    service: sig.service,
    region: sig.region,
    credentials: { accessKeyId: sig.accessKeyId, secretAccessKey: secret, sessionToken },
    sha256: NodeSha256,
    applyChecksum: false,
  });
  const request: HttpRequest = {
    method: req.method,
    protocol: 'http:',
    hostname: (headers.host ?? '').split(':')[0],
    path: req.rawPath,
    query: queryRecord(req.query),
    headers,
    body: req.body.length > 0 ? req.body : undefined,
  };
  const result = await signer.sign(request, {
    signingDate,
    signingRegion: sig.region,
    signingService: sig.service,
    signableHeaders: signed,
    unsignableHeaders: unsigned,
  });
  return /Signature=([0-9a-f]+)/.exec(String(result.headers.authorization))?.[1] ?? '';
}

function queryRecord(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of params) {
    if (k === 'X-Amz-Signature') continue;
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

function sameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}

/** `20240101T000000Z` → Date. */
function parseAmzDate(text: string | undefined): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text ?? '');
  if (!m) return undefined;
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
}

function header(req: EdgeRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** The SHA-256 / HMAC-SHA256 constructor smithy's signer expects, on node:crypto. */
class NodeSha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', toBuffer(secret));
  }
  update(data: SourceData): void {
    this.hash.update(toBuffer(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

function toBuffer(data: SourceData): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data as ArrayBuffer);
}
