/**
 * REST API Lambda authorizers through `stratus start` and real HTTP. Sources pinned:
 * - events: "Input to an API Gateway Lambda authorizer" (TOKEN: type, authorizationToken,
 *   methodArn; REQUEST: the proxy event's fields without the body, plus methodArn);
 * - answers: "Gateway response types" (UNAUTHORIZED 401, ACCESS_DENIED 403,
 *   AUTHORIZER_CONFIGURATION_ERROR 500), bodies as captured in auth0-samples/jwt-rsa-aws-custom-
 *   authorizer#6 (`{"message": null}`), aws/aws-lambda-go#81, serverless/examples#305
 *   (x-amzn-ErrorType: AuthorizerConfigurationException);
 * - caching: SAM's ReauthorizeEvery default 300 s ("LambdaTokenAuthorizationIdentity"), the
 *   cached policy evaluated for later method ARNs ("Output from an API Gateway Lambda authorizer").
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, useAuthApp, withAuth } from './helpers';

const auth = useAuthApp();

const arnPrefix = (event: any) => `arn:aws:execute-api:us-east-1:000000000000:${event.requestContext.apiId}/Prod`;

test('TOKEN: an allowed request reaches the function with principalId, context (as strings) and the TOKEN event', async () => {
  const res = await call(`${auth.app.rest}/pets/12?x=1`, withAuth('allow'));
  assert.equal(res.status, 200);
  const event = res.json();
  const authorizer = event.requestContext.authorizer;
  assert.equal(authorizer.principalId, 'user-1');
  assert.equal(authorizer.user, 'alice');
  assert.equal(authorizer.count, '42');
  assert.equal(authorizer.admin, 'true');
  assert.equal(typeof authorizer.integrationLatency, 'number');
  assert.equal(authorizer.eventType, 'TOKEN');
  // The method ARN names the request's own method and path below the stage.
  assert.equal(authorizer.methodArn, `${arnPrefix(event)}/GET/pets/12`);
});

test('TOKEN: a missing or empty Authorization header is 401 without calling the authorizer', async () => {
  for (const init of [{}, withAuth('')]) {
    const res = await call(`${auth.app.rest}/pets`, init);
    assert.equal(res.status, 401);
    assert.equal(res.text, '{"message":"Unauthorized"}');
    assert.equal(res.headers.get('x-amzn-errortype'), 'UnauthorizedException');
    assert.equal(res.headers.get('content-type'), 'application/json');
  }
});

test('TOKEN: a token failing the ValidationExpression is 401', async () => {
  const res = await call(`${auth.app.rest}/pets`, withAuth('Allow With Capitals'));
  assert.equal(res.status, 401);
  assert.equal(res.text, '{"message":"Unauthorized"}');
});

test('TOKEN: the authorizer throwing "Unauthorized" is 401; any other error or a malformed answer is 500 {"message": null}', async () => {
  const unauthorized = await call(`${auth.app.rest}/pets`, withAuth('unauthorized'));
  assert.equal(unauthorized.status, 401);
  assert.equal(unauthorized.text, '{"message":"Unauthorized"}');
  for (const token of ['boom', 'garbage', 'nested-context', 'no-principal']) {
    const res = await call(`${auth.app.rest}/pets`, withAuth(token));
    assert.equal(res.status, 500, token);
    assert.equal(res.text, '{"message": null}', token);
    assert.equal(res.headers.get('x-amzn-errortype'), 'AuthorizerConfigurationException', token);
  }
});

test('TOKEN: an explicit Deny is 403 with the explicit-deny message; no matching Allow is 403 without it', async () => {
  const deny = await call(`${auth.app.rest}/pets`, withAuth('deny'));
  assert.equal(deny.status, 403);
  assert.equal(deny.text, '{"Message":"User is not authorized to access this resource with an explicit deny"}');
  assert.equal(deny.headers.get('x-amzn-errortype'), 'AccessDeniedException');
  const elsewhere = await call(`${auth.app.rest}/pets`, withAuth('elsewhere'));
  assert.equal(elsewhere.status, 403);
  assert.equal(elsewhere.text, '{"Message":"User is not authorized to access this resource"}');
});

test('policy evaluation: wildcards * and ?, and Deny wins over Allow', async () => {
  // allow-wildcard allows .../*/GET/pets* : both /pets and /pets/5.
  assert.equal((await call(`${auth.app.rest}/pets`, withAuth('allow-wildcard'))).status, 200);
  assert.equal((await call(`${auth.app.rest}/pets/5`, withAuth('allow-wildcard'))).status, 200);
  assert.equal((await call(`${auth.app.rest}/pets/5`, { method: 'POST', ...withAuth('allow-wildcard') })).status, 403);
  // allow-and-deny: Allow * and Deny .../GET/pets/? (one character).
  assert.equal((await call(`${auth.app.rest}/pets/7`, withAuth('allow-and-deny'))).status, 403);
  assert.equal((await call(`${auth.app.rest}/pets/77`, withAuth('allow-and-deny'))).status, 200);
  assert.equal((await call(`${auth.app.rest}/pets`, withAuth('allow-and-deny'))).status, 200);
});

test('caching: the answer is cached per token for 300 s on the clock, and the cached policy is evaluated for each method ARN', async () => {
  const first = (await call(`${auth.app.rest}/pets`, withAuth('allow-pets-only'))).json().requestContext.authorizer.calls;
  const second = (await call(`${auth.app.rest}/pets`, withAuth('allow-pets-only'))).json().requestContext.authorizer.calls;
  assert.equal(second, first, 'the second request was answered from the cache');
  // The cached policy allows only GET /pets: GET /pets/3 is denied without a new call.
  const other = await call(`${auth.app.rest}/pets/3`, withAuth('allow-pets-only'));
  assert.equal(other.status, 403);
  await auth.app.advance(301_000);
  const third = (await call(`${auth.app.rest}/pets`, withAuth('allow-pets-only'))).json().requestContext.authorizer.calls;
  assert.ok(Number(third) > Number(first), `authorizer called again after the TTL (${first} → ${third})`);
});

test('REQUEST: identity sources are required, the event carries the request, and ReauthorizeEvery 0 calls every time', async () => {
  assert.equal((await call(`${auth.app.rest}/req/7?tenant=t1`)).status, 401);
  assert.equal((await call(`${auth.app.rest}/req/7`, { headers: { 'x-user': 'bob' } })).status, 401);
  const res = await call(`${auth.app.rest}/req/7?tenant=t1`, { headers: { 'X-User': 'bob' } });
  assert.equal(res.status, 200);
  const authorizer = res.json().requestContext.authorizer;
  assert.equal(authorizer.principalId, 'bob');
  assert.deepEqual(
    { eventType: authorizer.eventType, resource: authorizer.resource, path: authorizer.path, httpMethod: authorizer.httpMethod, tenant: authorizer.tenant, petId: authorizer.petId, hasBody: authorizer.hasBody, stage: authorizer.stage },
    { eventType: 'REQUEST', resource: '/req/{id}', path: '/req/7', httpMethod: 'GET', tenant: 't1', petId: '7', hasBody: 'false', stage: 'Prod' },
  );
  assert.match(authorizer.methodArn, /^arn:aws:execute-api:us-east-1:000000000000:\w{10}\/Prod\/GET\/req\/7$/);
  // Not cached: another user with the same route is judged on its own.
  const eve = await call(`${auth.app.rest}/req/7?tenant=t1`, { headers: { 'X-User': 'eve' } });
  assert.equal(eve.status, 403);
});

test('Authorizer: NONE opens a route of an API with a DefaultAuthorizer', async () => {
  const res = await call(`${auth.app.rest}/open`);
  assert.equal(res.status, 200);
  assert.equal(res.json().requestContext.authorizer, undefined);
});

test('bad Authorization headers and huge tokens never crash the gateway', async () => {
  const huge = 'a'.repeat(8000);
  for (const token of [huge, '-', 'a'.repeat(3), 'bearer', '\u00e9t\u00e9']) {
    const res = await call(`${auth.app.rest}/pets`, { headers: { authorization: encodeURIComponent(token) } });
    assert.ok([401, 403, 500].includes(res.status), `${token.slice(0, 10)} → ${res.status}`);
  }
  assert.equal((await call(`${auth.app.rest}/pets`, withAuth('allow'))).status, 200);
});
