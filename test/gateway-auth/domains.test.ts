/**
 * Custom domains and API mappings through `stratus start`: each domain on its own port after the
 * APIs'. Sources pinned: "Working with API mappings for REST APIs" / "… for HTTP APIs" (longest
 * base path wins, the root `(none)` takes the rest, multi-level keys like `v1/orders` for HTTP
 * APIs); the event shows the path as received — REST `path` and `requestContext.path` include the
 * base path and no stage (CodeGenieApp/serverless-express#216, aws/serverless-java-container#34),
 * HTTP API `rawPath` includes the mapping key; a custom domain path without a mapping is 403
 * {"message":"Forbidden"}.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { REPO, startStratus, removeDir, type StratusProcess } from '../support/stratus-process';
import { call } from './helpers';

let app: StratusProcess;
const domains: Record<string, string> = {};

before(async () => {
  app = await startStratus([join(REPO, 'test/gateway-auth/fixtures/domains-app')]);
  for (const m of app.stdout().matchAll(/Custom domain (\S+): (http:\/\/\S+)/g)) domains[m[1]] = m[2];
});
after(async () => {
  await app?.stop();
  if (app) removeDir(app.stateDir);
});

test('start prints one URL per custom domain with its mappings', () => {
  assert.deepEqual(Object.keys(domains).sort(), ['api.example.com', 'internal.example.com', 'www.example.com']);
  assert.match(app.stdout(), /\/admin → AdminApi/);
  assert.match(app.stdout(), /\/v1\/orders → OrdersApi/);
  assert.match(app.stdout(), /\/ → SiteApi \(root\)/);
  // The APIs keep their own ports.
  assert.ok(app.apis.AdminApi && app.apis.SiteApi);
});

test('a REST API under a base path: the base path is removed for routing and kept in path', async () => {
  const res = await call(`${domains['api.example.com']}/admin/users/42?x=1`);
  assert.equal(res.status, 200);
  const event = res.json();
  assert.equal(event.resource, '/users/{id}');
  assert.equal(event.path, '/admin/users/42');
  assert.equal(event.requestContext.path, '/admin/users/42');
  assert.equal(event.requestContext.stage, 'v1');
  assert.deepEqual(event.pathParameters, { id: '42' });
  const missing = await call(`${domains['api.example.com']}/admin/nothing`);
  assert.equal(missing.status, 403);
  assert.equal(missing.text, '{"message":"Missing Authentication Token"}');
});

test('the root mapping takes every other path, and a longer multi-level key wins', async () => {
  const hello = (await call(`${domains['api.example.com']}/hello`)).json();
  assert.equal(hello.routeKey, 'GET /hello');
  assert.equal(hello.rawPath, '/hello');
  const items = (await call(`${domains['api.example.com']}/v1/orders/items`)).json();
  assert.equal(items.routeKey, 'GET /items');
  assert.equal(items.rawPath, '/v1/orders/items');
  // "administrator" is not under "admin": the root API answers, and has no such route.
  const near = await call(`${domains['api.example.com']}/administrator/users`);
  assert.equal(near.status, 404);
  assert.equal(near.text, '{"message":"Not Found"}');
});

test('SAM Domain with several BasePath entries serves the API under each', async () => {
  const www = domains['www.example.com'];
  assert.equal((await call(`${www}/home`)).json().path, '/home');
  assert.equal((await call(`${www}/shop/home`)).json().path, '/shop/home');
});

test('a path no mapping takes is 403 Forbidden on a REST domain', async () => {
  const res = await call(`${domains['internal.example.com']}/elsewhere`);
  assert.equal(res.status, 403);
  assert.equal(res.text, '{"message":"Forbidden"}');
  assert.equal(res.headers.get('x-amzn-errortype'), 'ForbiddenException');
  assert.equal((await call(`${domains['internal.example.com']}/ops/users`)).status, 200);
});
