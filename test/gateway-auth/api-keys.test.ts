/**
 * API keys and usage plans on a REST API. Sources pinned: "Gateway response types"
 * (INVALID_API_KEY 403 `{"message":"Forbidden"}`, THROTTLED 429 "Too Many Requests",
 * QUOTA_EXCEEDED 429 "Limit Exceeded"; the same shapes faiscadev/fakecloud#1117 matches),
 * SAM's "ApiUsagePlan" (CreateUsagePlan PER_API makes <Api>ApiKey), CloudFormation
 * AWS::ApiGateway::ApiKey (`Enabled` defaults to false), and the proxy event's
 * requestContext.identity.apiKey / apiKeyId ("Input format of a Lambda function for proxy integration").
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, useAuthApp } from './helpers';
import { runStratus } from '../support/stratus-process';

const auth = useAuthApp();

const key = (value: string) => ({ headers: { 'x-api-key': value } });

test('a missing, unknown or disabled key is 403 {"message":"Forbidden"}', async () => {
  for (const init of [{}, key('nope'), key('disabled-key-value-0123456789'), key('')]) {
    const res = await call(`${auth.app.keyed}/items`, init);
    assert.equal(res.status, 403);
    assert.equal(res.text, '{"message":"Forbidden"}');
    assert.equal(res.headers.get('x-amzn-errortype'), 'ForbiddenException');
  }
});

test('a route with ApiKeyRequired: false needs no key', async () => {
  assert.equal((await call(`${auth.app.keyed}/free`)).status, 200);
});

test('the generated PER_API key is printed at start and passes; the event names it', async () => {
  assert.match(auth.app.generatedKey, /^[A-Za-z0-9]{40}$/);
  const res = await call(`${auth.app.keyed}/items`, key(auth.app.generatedKey));
  assert.equal(res.status, 200);
  const identity = res.json().requestContext.identity;
  assert.equal(identity.apiKey, auth.app.generatedKey);
  assert.equal(identity.apiKeyId, 'KeyedApiApiKey');
});

test('the usage plan throttle (burst 2) answers 429 Too Many Requests, and refills with time', async () => {
  // One token was spent by the previous test; the burst holds two.
  assert.equal((await call(`${auth.app.keyed}/items`, key(auth.app.generatedKey))).status, 200);
  const throttled = await call(`${auth.app.keyed}/items`, key(auth.app.generatedKey));
  assert.equal(throttled.status, 429);
  assert.equal(throttled.text, '{"message":"Too Many Requests"}');
  assert.equal(throttled.headers.get('x-amzn-errortype'), 'TooManyRequestsException');
  // RateLimit 0.001/s: one token back after 1000 s.
  await auth.app.advance(1_000_000);
  assert.equal((await call(`${auth.app.keyed}/items`, key(auth.app.generatedKey))).status, 200);
});

test('the quota (2 a day) answers 429 Limit Exceeded until the next day', async () => {
  const quotaKey = key('quota-key-value-0123456789');
  assert.equal((await call(`${auth.app.keyed}/items`, quotaKey)).status, 200);
  assert.equal((await call(`${auth.app.keyed}/items`, quotaKey)).status, 200);
  const over = await call(`${auth.app.keyed}/items`, quotaKey);
  assert.equal(over.status, 429);
  assert.equal(over.text, '{"message":"Limit Exceeded"}');
  assert.equal(over.headers.get('x-amzn-errortype'), 'LimitExceededException');
  await auth.app.advance(86_400_000);
  assert.equal((await call(`${auth.app.keyed}/items`, quotaKey)).status, 200);
});

test('`stratus apis` and the control API show the keys with their values', async () => {
  const overview = (await call(`${auth.app.app.edgeUrl}/_stratus/api/apis`)).json();
  assert.deepEqual(
    overview.apiKeys.find((k: { id: string }) => k.id === 'KeyedApiApiKey'),
    { id: 'KeyedApiApiKey', name: 'KeyedApiApiKey', value: auth.app.generatedKey, enabled: true },
  );
  assert.ok(overview.apis.some((a: { logicalId: string; url: string }) => a.logicalId === 'KeyedApi' && a.url === auth.app.keyed));
  const cli = await runStratus(['apis', '--edge-url', auth.app.app.edgeUrl]);
  assert.equal(cli.code, 0, cli.stderr);
  assert.match(cli.stdout, new RegExp(`API key KeyedApiApiKey\t${auth.app.generatedKey}`));
  assert.match(cli.stdout, /API key DisabledKey\t\S+\t\(disabled\)/);
});

test('SHARED: SAM\'s ServerlessApiKey opens the API; a key of another API\'s plan does not', async () => {
  const shared = auth.app.app.apis.SharedApi;
  const value = auth.app.app.stdout().match(/API key ServerlessApiKey: (\S+)/)?.[1];
  assert.ok(value);
  assert.equal((await call(`${shared}/shared`, key(value))).status, 200);
  const foreign = await call(`${shared}/shared`, key('quota-key-value-0123456789'));
  assert.equal(foreign.status, 403);
  assert.equal(foreign.text, '{"message":"Forbidden"}');
});

test('ApiKeySourceType AUTHORIZER: the usageIdentifierKey of the authorizer is the key; x-api-key is not read', async () => {
  const api = auth.app.app.apis.AuthorizerKeyApi;
  const res = await call(`${api}/metered`, { headers: { authorization: 'with-key' } });
  assert.equal(res.status, 200);
  assert.equal(res.json().requestContext.identity.apiKeyId, 'AuthorizerKey');
  const noKey = await call(`${api}/metered`, { headers: { authorization: 'allow', 'x-api-key': 'authorizer-key-value-0123456789' } });
  assert.equal(noKey.status, 403);
  assert.equal(noKey.text, '{"message":"Forbidden"}');
});
