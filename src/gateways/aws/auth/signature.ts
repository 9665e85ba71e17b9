/**
 * Reading a request's SigV4 signature, in either form (AWS General Reference, "Signature Version
 * 4 signing process"): the `Authorization` header
 *   AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/sqs/aws4_request, SignedHeaders=host;x-amz-date, Signature=…
 * or presigned query parameters (X-Amz-Algorithm, -Credential, -Date, -Expires, -SignedHeaders,
 * -Signature). Routing uses the credential scope (service, region) even when nothing is verified.
 */
import { header, type EdgeRequest } from '../request';

export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';

export interface ParsedSignature {
  form: 'header' | 'query';
  accessKeyId: string;
  /** `20240101` of the scope. */
  scopeDate: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
  /** `20240101T000000Z` (x-amz-date / X-Amz-Date). */
  amzDate?: string;
  /** Presigned only: seconds the URL stays valid. */
  expires?: number;
}

export type SignatureReading =
  | { kind: 'none' }
  | { kind: 'incomplete'; reason: string; partial?: Partial<ParsedSignature> }
  | { kind: 'signed'; signature: ParsedSignature };

export function readSignature(req: EdgeRequest): SignatureReading {
  const authorization = header(req, 'authorization');
  if (authorization !== undefined) return fromHeader(authorization, req);
  if (req.query.has('X-Amz-Signature') || req.query.has('X-Amz-Credential') || req.query.has('X-Amz-Algorithm')) return fromQuery(req);
  return { kind: 'none' };
}

function fromHeader(value: string, req: EdgeRequest): SignatureReading {
  const space = value.indexOf(' ');
  const algorithm = space < 0 ? value : value.slice(0, space);
  if (algorithm !== SIGV4_ALGORITHM) return { kind: 'incomplete', reason: `Unsupported AWS 'algorithm': '${algorithm}'` };
  const fields = new Map<string, string>();
  for (const part of value.slice(space + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const scope = parseCredential(fields.get('Credential'));
  const missing = ['Credential', 'SignedHeaders', 'Signature'].filter((f) => !fields.get(f));
  if (missing.length > 0 || !scope) {
    const what = missing.length > 0 ? missing.map((m) => `'${m}'`).join(', ') : "'Credential' (malformed)";
    return { kind: 'incomplete', reason: `Authorization header requires ${what} parameter. Authorization=${value}`, partial: scope };
  }
  return {
    kind: 'signed',
    signature: {
      form: 'header',
      ...scope,
      signedHeaders: fields.get('SignedHeaders')!.split(';').map((h) => h.trim().toLowerCase()),
      signature: fields.get('Signature')!,
      amzDate: header(req, 'x-amz-date'),
    },
  };
}

function fromQuery(req: EdgeRequest): SignatureReading {
  const q = req.query;
  const scope = parseCredential(q.get('X-Amz-Credential') ?? undefined);
  const required = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', 'X-Amz-SignedHeaders', 'X-Amz-Signature'];
  const missing = required.filter((p) => !q.get(p));
  if (missing.length > 0 || !scope || q.get('X-Amz-Algorithm') !== SIGV4_ALGORITHM) {
    return { kind: 'incomplete', reason: `AWS query-string parameters must include ${missing.map((m) => `'${m}'`).join(', ') || "a valid 'X-Amz-Algorithm' and 'X-Amz-Credential'"}.`, partial: scope };
  }
  const expires = q.get('X-Amz-Expires');
  return {
    kind: 'signed',
    signature: {
      form: 'query',
      ...scope,
      signedHeaders: q.get('X-Amz-SignedHeaders')!.split(';').map((h) => h.trim().toLowerCase()),
      signature: q.get('X-Amz-Signature')!,
      amzDate: q.get('X-Amz-Date')!,
      expires: expires === null ? undefined : Number(expires),
    },
  };
}

/** `AKID/20240101/us-east-1/sqs/aws4_request`. */
function parseCredential(credential: string | undefined) {
  const parts = credential?.split('/');
  if (!parts || parts.length !== 5 || parts[4] !== 'aws4_request' || !parts[0]) return undefined;
  return { accessKeyId: parts[0], scopeDate: parts[1], region: parts[2], service: parts[3] };
}

/** The scope's service and region, from a complete or partial signature: what routing needs. */
export function signingScope(reading: SignatureReading): { service?: string; region?: string; accessKeyId?: string } {
  if (reading.kind === 'signed') return reading.signature;
  if (reading.kind === 'incomplete') return reading.partial ?? {};
  return {};
}
