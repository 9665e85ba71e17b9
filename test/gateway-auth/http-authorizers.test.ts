/**
 * HTTP API Lambda authorizers through `stratus start`. Sources pinned: "Working with AWS Lambda
 * authorizers for HTTP APIs" — the 2.0 event (version, type REQUEST, routeArn, identitySource
 * list, routeKey, rawPath…), the 1.0 event (methodArn, identitySource and authorizationToken as
 * strings), simple responses {isAuthorized, context}, `requestContext.authorizer.lambda` in the
 * integration event, and the answers 401 {"message":"Unauthorized"}, 403 {"message":"Forbidden"},
 * 500 {"message":"Internal Server Error"}.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, useAuthApp, withAuth } from './helpers';

const auth = useAuthApp();

test('simple responses: isAuthorized true passes with the context under authorizer.lambda; the 2.0 authorizer event', async () => {
  const res = await call(`${auth.app.http}/simple?q=1`, withAuth('yes'));
  assert.equal(res.status, 200);
  const event = res.json();
  const lambda = event.requestContext.authorizer.lambda;
  assert.equal(lambda.version, '2.0');
  assert.equal(lambda.type, 'REQUEST');
  assert.equal(lambda.routeKey, 'GET /simple');
  assert.equal(lambda.rawPath, '/simple');
  assert.deepEqual(lambda.identitySource, ['yes']);
  assert.deepEqual(lambda.nested, { ok: true });
  assert.equal(lambda.routeArn, `arn:aws:execute-api:us-east-1:000000000000:${event.requestContext.apiId}/$default/GET/simple`);
});

test('simple responses: missing identity 401, isAuthorized false 403, "Unauthorized" 401, errors and garbage 500', async () => {
  const cases: [RequestInit, number, string][] = [
    [{}, 401, '{"message":"Unauthorized"}'],
    [withAuth('no'), 403, '{"message":"Forbidden"}'],
    [withAuth('unauthorized'), 401, '{"message":"Unauthorized"}'],
    [withAuth('boom'), 500, '{"message":"Internal Server Error"}'],
    [withAuth('garbage'), 500, '{"message":"Internal Server Error"}'],
  ];
  for (const [init, status, body] of cases) {
    const res = await call(`${auth.app.http}/simple`, init);
    assert.equal(res.status, status, JSON.stringify(init));
    assert.equal(res.text, body);
    assert.ok(res.headers.get('apigw-requestid'));
  }
});

test('simple responses are cached for ReauthorizeEvery seconds of the clock', async () => {
  const calls = async () => (await call(`${auth.app.http}/simple`, withAuth('yes'))).json().requestContext.authorizer.lambda.calls;
  const first = await calls();
  assert.equal(await calls(), first);
  await auth.app.advance(301_000);
  assert.ok((await calls()) > first);
});

test('IAM policy answers with payload 1.0: Allow passes (context under lambda), Deny is 403 Forbidden', async () => {
  const res = await call(`${auth.app.http}/iam/9`, withAuth('allow'));
  assert.equal(res.status, 200);
  const event = res.json();
  const lambda = event.requestContext.authorizer.lambda;
  assert.equal(lambda.version, '1.0');
  assert.equal(lambda.type, 'REQUEST');
  assert.equal(lambda.identitySource, 'allow');
  assert.equal(lambda.methodArn, `arn:aws:execute-api:us-east-1:000000000000:${event.requestContext.apiId}/$default/GET/iam/9`);
  const denied = await call(`${auth.app.http}/iam/9`, withAuth('nope'));
  assert.equal(denied.status, 403);
  assert.equal(denied.text, '{"message":"Forbidden"}');
});

test('Authorizer: NONE opens a route of an HTTP API with a DefaultAuthorizer', async () => {
  const res = await call(`${auth.app.http}/public`);
  assert.equal(res.status, 200);
  assert.equal(res.json().requestContext.authorizer, undefined);
});
