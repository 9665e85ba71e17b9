/**
 * HTTP API JWT authorizers through `stratus start`, against a local OpenID issuer whose keys jose
 * made. Sources pinned: "Controlling access to HTTP APIs with JWT authorizers" (discovery →
 * jwks_uri, iss/aud (client_id when no aud)/exp/nbf/iat, scopes from `scope`/`scp`, at least one
 * of the route's AuthorizationScopes, claims in requestContext.authorizer.jwt); the 401 with
 * `www-authenticate: Bearer scope="" error="invalid_token" error_description="the token does not
 * have a valid audience"` in "Troubleshooting issues with HTTP API JWT authorizers".
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import { call, startAuthApp, useAuthApp, withAuth } from './helpers';

const auth = useAuthApp();

const bearer = (token: string) => withAuth(`Bearer ${token}`);

test('a valid token passes; claims (as strings) and scopes reach the 2.0 event; the JWKS is fetched once', async () => {
  const token = await auth.issuer.sign({ sub: 'user-7', aud: 'my-app', scope: 'orders/read profile', groups: ['admin', 'dev'] });
  const res = await call(`${auth.app.http}/jwt`, bearer(token));
  assert.equal(res.status, 200);
  const jwt = res.json().requestContext.authorizer.jwt;
  assert.equal(jwt.claims.sub, 'user-7');
  assert.equal(jwt.claims.iss, auth.issuer.url);
  assert.equal(jwt.claims.groups, '[admin dev]');
  assert.equal(typeof jwt.claims.exp, 'string');
  assert.deepEqual(jwt.scopes, ['orders/read', 'profile']);
  // Without the Bearer prefix too.
  assert.equal((await call(`${auth.app.http}/jwt`, withAuth(token))).status, 200);
  assert.equal(auth.issuer.fetches.discovery, 1);
  assert.equal(auth.issuer.fetches.jwks, 1);
});

test('payload 1.0 routes see the JWT result as authorizer.{claims, scopes}', async () => {
  const token = await auth.issuer.sign({ sub: 'user-8', aud: 'my-app' });
  const res = await call(`${auth.app.http}/jwt-v1`, bearer(token));
  assert.equal(res.status, 200);
  const authorizer = res.json().requestContext.authorizer;
  assert.equal(authorizer.claims.sub, 'user-8');
  assert.equal(authorizer.scopes, null);
});

test('client_id stands in for a missing aud', async () => {
  const token = await auth.issuer.sign({ sub: 'machine', client_id: 'my-app' });
  assert.equal((await call(`${auth.app.http}/jwt`, bearer(token))).status, 200);
});

test('a wrong audience is 401 with the www-authenticate header AWS documents', async () => {
  const token = await auth.issuer.sign({ sub: 'u', aud: 'someone-else' });
  const res = await call(`${auth.app.http}/jwt`, bearer(token));
  assert.equal(res.status, 401);
  assert.equal(res.text, '{"message":"Unauthorized"}');
  assert.equal(res.headers.get('www-authenticate'), 'Bearer scope="" error="invalid_token" error_description="the token does not have a valid audience"');
});

test('expired, wrong issuer, bad signature, HS256, malformed and missing tokens are 401', async () => {
  const expired = await auth.issuer.sign({ aud: 'my-app' }, { expiresIn: Math.floor(Date.now() / 1000) - 60 });
  const wrongIssuer = await auth.issuer.sign({ aud: 'my-app' }, { issuer: 'https://evil.example' });
  const stranger = await auth.issuer.sign({ aud: 'my-app' }, { key: 'stranger' });
  const hs256 = await new SignJWT({ aud: 'my-app' }).setProtectedHeader({ alg: 'HS256', kid: 'key-1' }).setIssuer(auth.issuer.url).setExpirationTime('1h').sign(new TextEncoder().encode('x'.repeat(32)));
  const cases: [string, RegExp][] = [
    [expired, /error="invalid_token" error_description="the token has expired"/],
    [wrongIssuer, /error="invalid_token" error_description="the token does not have a valid issuer"/],
    [stranger, /error="invalid_token"/],
    [hs256, /error="invalid_token"/],
    ['not.a.jwt', /error="invalid_token"/],
    ['x'.repeat(10_000), /error="invalid_token"/],
  ];
  for (const [token, challenge] of cases) {
    const res = await call(`${auth.app.http}/jwt`, bearer(token));
    assert.equal(res.status, 401, token.slice(0, 20));
    assert.equal(res.text, '{"message":"Unauthorized"}');
    assert.match(res.headers.get('www-authenticate') ?? '', challenge);
  }
  const missing = await call(`${auth.app.http}/jwt`);
  assert.equal(missing.status, 401);
  assert.equal(missing.text, '{"message":"Unauthorized"}');
});

test('a token expires when the clock passes exp', async () => {
  const token = await auth.issuer.sign({ aud: 'my-app' }, { expiresIn: '10m' });
  assert.equal((await call(`${auth.app.http}/jwt`, bearer(token))).status, 200);
  await auth.app.advance(11 * 60_000);
  const res = await call(`${auth.app.http}/jwt`, bearer(token));
  assert.equal(res.status, 401);
  assert.match(res.headers.get('www-authenticate') ?? '', /the token has expired/);
});

test('AuthorizationScopes: one matching scope (scope or scp) is enough; none is 403 with an insufficient_scope challenge', async () => {
  const none = await auth.issuer.sign({ aud: 'my-app', scope: 'profile' });
  const res = await call(`${auth.app.http}/jwt-scoped`, bearer(none));
  assert.equal(res.status, 403);
  assert.equal(res.text, '{"message":"Forbidden"}');
  assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer scope="orders\/read orders\/admin" error="insufficient_scope"/);
  const viaScope = await auth.issuer.sign({ aud: 'my-app', scope: 'profile orders/admin' });
  assert.equal((await call(`${auth.app.http}/jwt-scoped`, bearer(viaScope))).status, 200);
  const viaScp = await auth.issuer.sign({ aud: 'my-app', scp: ['orders/read'] });
  assert.equal((await call(`${auth.app.http}/jwt-scoped`, bearer(viaScp))).status, 200);
});

test('an issuer whose discovery document cannot be read makes the request fail with 500, and the process stays up', async () => {
  const broken = createServer((_req, res) => res.writeHead(500).end('nope'));
  await new Promise<void>((resolve) => broken.listen(0, '127.0.0.1', resolve));
  const brokenUrl = `http://127.0.0.1:${(broken.address() as AddressInfo).port}/issuer`;
  const other = await startAuthApp(brokenUrl);
  try {
    const token = await auth.issuer.sign({ aud: 'my-app' }, { issuer: brokenUrl });
    const res = await call(`${other.http}/jwt`, bearer(token));
    assert.equal(res.status, 500);
    assert.equal(res.text, '{"message":"Internal Server Error"}');
    assert.equal((await call(`${other.http}/public`)).status, 200);
  } finally {
    await other.stop();
    broken.close();
  }
});
