/**
 * CORS through `stratus start`. Sources pinned:
 * - REST: SAM's Cors makes an OPTIONS MOCK method per path answering 200 with the configured
 *   Access-Control-* headers (values unquoted from "'…'"), AllowMethods defaulting to the path's
 *   methods plus OPTIONS ("CorsConfiguration" in the SAM reference); AddDefaultAuthorizerToCorsPreflight
 *   (default true) puts the DefaultAuthorizer on those OPTIONS methods ("ApiAuth").
 * - REST GatewayResponses ("Gateway response types for API Gateway", SAM "GatewayResponse").
 * - HTTP APIs: "Configuring CORS for an HTTP API" — preflights answered by API Gateway even
 *   without an OPTIONS route, CORS headers added to integration answers and the backend's own
 *   CORS headers ignored.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, useAuthApp, withAuth } from './helpers';

const auth = useAuthApp();

const preflight = (origin: string, method = 'GET', headers = 'authorization') => ({
  method: 'OPTIONS',
  headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': headers },
});

test('REST: the OPTIONS mock answers 200 with the configured headers, without the authorizer when AddDefaultAuthorizerToCorsPreflight is false', async () => {
  const res = await call(`${auth.app.rest}/pets/4`, preflight('https://app.example.com'));
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('access-control-allow-origin'), 'https://app.example.com');
  assert.equal(res.headers.get('access-control-allow-methods'), 'GET,OPTIONS,POST');
  assert.equal(res.headers.get('access-control-allow-headers'), 'Content-Type,Authorization');
  assert.equal(res.headers.get('access-control-max-age'), '600');
  assert.equal(res.headers.get('access-control-allow-credentials'), null);
  assert.equal(res.headers.get('content-type'), 'application/json');
  assert.ok(res.headers.get('x-amzn-requestid'));
  // Only GET on /pets: GET,OPTIONS.
  assert.equal((await call(`${auth.app.rest}/pets`, { method: 'OPTIONS' })).headers.get('access-control-allow-methods'), 'GET,OPTIONS');
});

test('REST: OPTIONS on a path the API does not have is still "Missing Authentication Token"', async () => {
  const res = await call(`${auth.app.rest}/nowhere`, { method: 'OPTIONS' });
  assert.equal(res.status, 403);
  assert.equal(res.text, '{"message":"Missing Authentication Token"}');
});

test('REST: with the default authorizer on preflights (SAM default), OPTIONS needs the token; ANY paths allow every method', async () => {
  const refused = await call(`${auth.app.guarded}/things`, preflight('https://x.example'));
  assert.equal(refused.status, 401);
  const res = await call(`${auth.app.guarded}/things`, { method: 'OPTIONS', ...withAuth('allow') });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('access-control-allow-origin'), '*');
  assert.equal(res.headers.get('access-control-allow-methods'), 'DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT');
  assert.equal(res.headers.get('access-control-allow-headers'), null);
});

test('REST: function answers keep the function\'s own headers (no CORS added by the gateway)', async () => {
  const res = await call(`${auth.app.rest}/open`, { headers: { origin: 'https://app.example.com' } });
  assert.equal(res.headers.get('access-control-allow-origin'), 'https://function.example');
});

test('HTTP API: a preflight from an allowed origin is 204 with the configured headers, even with no OPTIONS route', async () => {
  const res = await call(`${auth.app.http}/simple`, preflight('https://app.example.com'));
  assert.equal(res.status, 204);
  assert.equal(res.text, '');
  assert.equal(res.headers.get('access-control-allow-origin'), 'https://app.example.com');
  assert.equal(res.headers.get('access-control-allow-credentials'), 'true');
  assert.equal(res.headers.get('access-control-allow-methods'), 'GET,POST');
  assert.equal(res.headers.get('access-control-allow-headers'), 'authorization,content-type');
  assert.equal(res.headers.get('access-control-max-age'), '300');
  // Wildcard subdomain origins, and paths without any route.
  const sub = await call(`${auth.app.http}/no/such/route`, preflight('https://shop.example.org', 'POST'));
  assert.equal(sub.status, 204);
  assert.equal(sub.headers.get('access-control-allow-origin'), 'https://shop.example.org');
});

test('HTTP API: a preflight from another origin gets 204 without CORS headers', async () => {
  const res = await call(`${auth.app.http}/simple`, preflight('https://evil.example'));
  assert.equal(res.status, 204);
  assert.equal(res.headers.get('access-control-allow-origin'), null);
  assert.equal(res.headers.get('access-control-allow-methods'), null);
});

test('HTTP API: answers carry the configured CORS headers in place of the function\'s own', async () => {
  const allowed = await call(`${auth.app.http}/public`, { headers: { origin: 'https://app.example.com' } });
  assert.equal(allowed.status, 200);
  assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://app.example.com');
  assert.equal(allowed.headers.get('access-control-allow-credentials'), 'true');
  assert.equal(allowed.headers.get('access-control-expose-headers'), 'x-request-id');
  const foreign = await call(`${auth.app.http}/public`, { headers: { origin: 'https://evil.example' } });
  assert.equal(foreign.headers.get('access-control-allow-origin'), null);
  const none = await call(`${auth.app.http}/public`);
  assert.equal(none.headers.get('access-control-allow-origin'), null);
  // An OPTIONS without Access-Control-Request-Method is not a preflight: it is routed (no route → 404).
  const plain = await call(`${auth.app.http}/public`, { method: 'OPTIONS', headers: { origin: 'https://app.example.com' } });
  assert.equal(plain.status, 404);
});

test('REST GatewayResponses: UNAUTHORIZED and DEFAULT_4XX put headers (CORS) and templates on the refusals', async () => {
  const unauthorized = await call(`${auth.app.guarded}/things`);
  assert.equal(unauthorized.status, 401);
  assert.equal(unauthorized.text, '{"error": "Unauthorized"}');
  assert.equal(unauthorized.headers.get('access-control-allow-origin'), 'https://app.example.com');
  assert.equal(unauthorized.headers.get('www-authenticate'), 'Bearer');
  const denied = await call(`${auth.app.guarded}/things`, withAuth('deny'));
  assert.equal(denied.status, 403);
  assert.equal(denied.text, '{"Message":"User is not authorized to access this resource with an explicit deny"}');
  assert.equal(denied.headers.get('access-control-allow-origin'), '*');
  // A 5xx has no DEFAULT_5XX: API Gateway's default answer.
  const failed = await call(`${auth.app.guarded}/things`, withAuth('boom'));
  assert.equal(failed.status, 500);
  assert.equal(failed.headers.get('access-control-allow-origin'), null);
});
