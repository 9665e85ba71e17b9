/**
 * examples/hello through the real binary: each function behind its HTTP API route, as a user
 * would curl it. Event shapes are the HTTP API payload 2.0 documented by AWS
 * (docs: "Working with AWS Lambda proxy integrations for HTTP APIs").
 */
import { test, before, after } from 'node:test';
import { json } from '../support/json';
import assert from 'node:assert/strict';
import { startStratus, removeDir, type StratusProcess } from '../support/stratus-process';

let stratus: StratusProcess;
let api: string;

before(async () => {
  stratus = await startStratus(['examples/hello']);
  api = stratus.apis.ServerlessHttpApi;
  assert.ok(api, `no API URL in banner:\n${stratus.stdout()}`);
});

after(async () => {
  await stratus?.stop();
  removeDir(stratus.stateDir);
});

test('banner lists the routes and the resolved outputs', () => {
  const out = stratus.stdout();
  assert.match(out, /GET\s+\/hello → HelloFunction/);
  assert.match(out, /ANY\s+\/files\/\{proxy\+\} → FilesFunction/);
  assert.match(out, /HelloUrl = https:\/\/\w+\.execute-api\.us-east-1\.amazonaws\.com\/hello/);
});

test('JavaScript handler answers GET /hello and stays warm between requests', async () => {
  const first = await json(await fetch(`${api}/hello?name=Ada`));
  const second = await json(await fetch(`${api}/hello?name=Ada`));
  assert.equal(first.message, 'Hello, Ada!');
  assert.match(first.requestId, /^[0-9a-f-]{36}$/);
  assert.notEqual(first.requestId, second.requestId);
  assert.equal(second.invocations, first.invocations + 1, 'module state survives on a warm instance');
});

test('TypeScript handler gets its path parameter and a live context', async () => {
  const res = await fetch(`${api}/typed/grace`);
  assert.equal(res.status, 200);
  const body = await json(res);
  assert.equal(body.shouted, 'GRACE!');
  assert.equal(body.function, 'TypedFunction');
  assert.ok(body.remainingMs > 0 && body.remainingMs <= 5000);
});

test('Python handler runs through the Runtime API', async () => {
  const res = await fetch(`${api}/py`, { method: 'POST', body: 'ping' });
  assert.equal(res.status, 200);
  const body = await json(res);
  assert.deepEqual(body, { message: 'Hello from Python', method: 'POST', body: 'ping', function: 'PythonFunction' });
});

test('{proxy+} route catches the rest of the path', async () => {
  const body = await json(await fetch(`${api}/files/a/b/c.txt`, { method: 'DELETE' }));
  assert.deepEqual(body, { method: 'DELETE', path: 'a/b/c.txt' });
});

test('an unknown route is HTTP API\'s 404', async () => {
  const res = await fetch(`${api}/nope`);
  assert.equal(res.status, 404);
  assert.deepEqual(await json(res), { message: 'Not Found' });
});

test('handler logs appear live with the function name and Lambda platform lines', async () => {
  await fetch(`${api}/hello?name=Logs`);
  // Earlier requests printed REPORT lines too: wait for this request's own line first.
  await stratus.waitFor(/\[HelloFunction\] \S+Z\t[0-9a-f-]{36}\tINFO\tgreeting Logs/);
  await stratus.waitFor(/greeting Logs[\s\S]*\[HelloFunction\] REPORT RequestId: [0-9a-f-]{36}\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB/);
  assert.match(stratus.stdout(), /\[HelloFunction\] START RequestId: [0-9a-f-]{36} Version: \$LATEST/);
  await stratus.waitFor(/\[PythonFunction\] \[INFO\]\t\S+Z\t[0-9a-f-]{36}\tpython got POST/);
});
