/**
 * Authentication. By default any credentials (or none) are accepted, as the SDK only needs some.
 * In strict mode every request must carry a valid SigV4 signature made with one of the
 * configured key pairs; failures get the error code each protocol family uses for them
 * (AWS "Common Errors" of the query API; the JSON services' coral codes; Lambda's 403s).
 */
import { AwsError } from '../errors';
import type { AuthErrorCodes } from '../service';
import type { EdgeRequest } from '../request';
import type { SignatureReading } from './signature';
import { verifySignature } from './verify';

export interface AuthConfig {
  /** Access key id → secret access key. Empty or absent: any credentials are accepted. */
  credentials?: Record<string, string>;
}

export type ProtocolFamily = 'query' | 'json' | 'rest';

const QUERY_CODES: AuthErrorCodes = {
  missing: { code: 'MissingAuthenticationToken', status: 403 },
  incomplete: { code: 'IncompleteSignature', status: 400 },
  unknownKey: { code: 'InvalidClientTokenId', status: 403 },
  badSignature: { code: 'SignatureDoesNotMatch', status: 403 },
  expired: { code: 'SignatureDoesNotMatch', status: 403 },
};

const JSON_CODES: AuthErrorCodes = {
  missing: { code: 'MissingAuthenticationTokenException', status: 400 },
  incomplete: { code: 'IncompleteSignatureException', status: 400 },
  unknownKey: { code: 'UnrecognizedClientException', status: 400 },
  badSignature: { code: 'InvalidSignatureException', status: 400 },
  expired: { code: 'InvalidSignatureException', status: 400 },
};

const REST_CODES: AuthErrorCodes = {
  missing: { code: 'MissingAuthenticationTokenException', status: 403 },
  incomplete: { code: 'IncompleteSignatureException', status: 403 },
  unknownKey: { code: 'UnrecognizedClientException', status: 403 },
  badSignature: { code: 'InvalidSignatureException', status: 403 },
  expired: { code: 'InvalidSignatureException', status: 403 },
};

export const DEFAULT_AUTH_CODES: Record<ProtocolFamily, AuthErrorCodes> = { query: QUERY_CODES, json: JSON_CODES, rest: REST_CODES };

export const isStrict = (config: AuthConfig | undefined): boolean => Object.keys(config?.credentials ?? {}).length > 0;

/** Resolves when the request may proceed; throws the protocol's AWS error when it may not. */
export async function authenticate(
  req: EdgeRequest,
  reading: SignatureReading,
  config: AuthConfig | undefined,
  codes: AuthErrorCodes,
  now: number,
): Promise<void> {
  if (!isStrict(config)) return;
  const fail = (which: keyof AuthErrorCodes, message: string) => new AwsError(codes[which].code, message, codes[which].status, true);
  if (reading.kind === 'none') throw fail('missing', 'Request is missing Authentication Token');
  if (reading.kind === 'incomplete') throw fail('incomplete', reading.reason);
  const secret = config!.credentials![reading.signature.accessKeyId];
  if (secret === undefined) throw fail('unknownKey', 'The security token included in the request is invalid.');
  const verdict = await verifySignature(req, reading.signature, secret, now);
  if (!verdict.ok) throw fail(verdict.problem === 'incomplete' ? 'incomplete' : verdict.problem, verdict.message);
}
