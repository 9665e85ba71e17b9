/**
 * HTTP API JWT authorizers ("Controlling access to HTTP APIs with JWT authorizers"), verified
 * with `jose`:
 * - the token is the identity source's value with any `Bearer ` prefix removed;
 * - the signing keys come from the issuer's OpenID discovery document
 *   (`{issuer}/.well-known/openid-configuration` → `jwks_uri`), fetched once and cached (jose
 *   refetches when a token names an unknown `kid`);
 * - RSA signatures only (RS256/384/512, as API Gateway supports); `iss` must equal the issuer;
 *   `aud` — or `client_id` when there is no `aud` — must be one of the audiences; `exp`, `nbf`
 *   and `iat` are checked on the injectable clock;
 * - a route's AuthorizationScopes need at least one of them in the token's `scope` (space-
 *   separated) or `scp` claim, else 403;
 * - the integration sees `requestContext.authorizer.jwt` = {claims (values as strings, lists
 *   as "[a b]"), scopes}.
 * Refusals: 401 {"message":"Unauthorized"} with `www-authenticate: Bearer scope="" error="invalid_token"
 * error_description="…"`. Only the audience wording is published ("the token does not have a
 * valid audience", Troubleshooting JWT authorizers); the other descriptions are Stratus's own.
 * Keys that cannot be fetched answer 500.
 */
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { Clock } from '../../../shared/clock';
import { jwtRefusal } from './answers';
import type { JwtAuthorizer } from './config';
import type { HttpAnswer } from '../response-v1';

const ALGORITHMS = ['RS256', 'RS384', 'RS512'];
/** A discovery document or key set larger than this is refused. */
const DISCOVERY_TIMEOUT_MS = 5_000;

export type JwtDecision = { ok: true; authorizer: Record<string, unknown> } | { ok: false; answer: HttpAnswer } | { ok: false; failed: true };

class KeysUnavailable extends Error {}

/** Key sets per issuer, shared by every authorizer of the app. */
export class JwksDirectory {
  private readonly sets = new Map<string, Promise<JWTVerifyGetKey>>();

  keys(issuer: string): Promise<JWTVerifyGetKey> {
    let set = this.sets.get(issuer);
    if (!set) {
      set = discover(issuer);
      this.sets.set(issuer, set);
      // A failed discovery is retried by the next request, not remembered.
      set.catch(() => this.sets.delete(issuer));
    }
    return set;
  }
}

async function discover(issuer: string): Promise<JWTVerifyGetKey> {
  const url = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  let jwksUri: unknown;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS) });
    if (!res.ok) throw new KeysUnavailable(`${url} answered ${res.status}`);
    jwksUri = ((await res.json()) as Record<string, unknown>).jwks_uri;
  } catch (err) {
    throw new KeysUnavailable(`cannot read ${url}: ${(err as Error).message}`);
  }
  if (typeof jwksUri !== 'string') throw new KeysUnavailable(`${url} has no jwks_uri`);
  return createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: DISCOVERY_TIMEOUT_MS });
}

const invalid = (description: string) => jwtRefusal(401, `Bearer scope="" error="invalid_token" error_description="${description}"`);

export async function verifyJwt(authorizer: JwtAuthorizer, identity: string, scopes: string[], deps: { clock: Clock; jwks: JwksDirectory }): Promise<JwtDecision> {
  const token = identity.replace(/^bearer\s+/i, '').trim();
  let keys: JWTVerifyGetKey;
  try {
    keys = await deps.jwks.keys(authorizer.issuer);
  } catch {
    return { ok: false, failed: true };
  }
  const now = deps.clock.now();
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, keys, { algorithms: ALGORITHMS, issuer: authorizer.issuer, currentDate: new Date(now) }));
  } catch (err) {
    // Keys that cannot be fetched are the gateway's failure, not the token's.
    if (err instanceof errors.JWKSTimeout || err instanceof errors.JWKSInvalid || !(err instanceof errors.JOSEError)) return { ok: false, failed: true };
    return { ok: false, answer: invalid(describeFailure(err)) };
  }
  if (typeof payload.iat === 'number' && payload.iat * 1000 > now + 1000) return { ok: false, answer: invalid('the token is not valid yet') };
  if (!audienceMatches(payload, authorizer.audience)) return { ok: false, answer: invalid('the token does not have a valid audience') };
  const granted = tokenScopes(payload);
  if (scopes.length > 0 && !scopes.some((s) => granted?.includes(s))) {
    const challenge = `Bearer scope="${scopes.join(' ')}" error="insufficient_scope" error_description="the token does not have the required scopes"`;
    return { ok: false, answer: jwtRefusal(403, challenge) };
  }
  return { ok: true, authorizer: { jwt: { claims: flattenClaims(payload), scopes: granted ?? null } } };
}

function describeFailure(err: unknown): string {
  if (err instanceof errors.JWTExpired) return 'the token has expired';
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === 'iss') return 'the token does not have a valid issuer';
    if (err.claim === 'nbf') return 'the token is not valid yet';
    return `the token has an invalid ${err.claim} claim`;
  }
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'the token signature is invalid';
  if (err instanceof errors.JWKSNoMatchingKey) return 'the token is not signed by a key of the issuer';
  if (err instanceof errors.JOSEAlgNotAllowed) return 'the token is not signed with an RSA algorithm';
  return 'the token is malformed';
}

function audienceMatches(payload: JWTPayload, audience: string[]): boolean {
  if (payload.aud !== undefined) {
    const auds = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    return auds.some((a) => audience.includes(a));
  }
  const clientId = (payload as Record<string, unknown>).client_id;
  return typeof clientId === 'string' && audience.includes(clientId);
}

function tokenScopes(payload: JWTPayload): string[] | undefined {
  const raw = (payload as Record<string, unknown>).scope ?? (payload as Record<string, unknown>).scp;
  if (typeof raw === 'string') return raw.split(' ').filter((s) => s !== '');
  if (Array.isArray(raw)) return raw.map(String);
  return undefined;
}

/** API Gateway hands claims over as strings; a list claim becomes "[a b]". */
function flattenClaims(payload: JWTPayload): Record<string, string> {
  const claims: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload)) {
    if (typeof value === 'string') claims[name] = value;
    else if (Array.isArray(value)) claims[name] = `[${value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(' ')}]`;
    else if (typeof value === 'object' && value !== null) claims[name] = JSON.stringify(value);
    else claims[name] = String(value);
  }
  return claims;
}
