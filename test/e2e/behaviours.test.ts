/**
 * Runtime and gateway behaviours through `stratus start` as a process: the events handlers receive,
 * the context and environment, and every error answer API Gateway gives.
 * Shapes: AWS docs "Set up Lambda proxy integrations in API Gateway" (REST, payload 1.0) and
 * "Create AWS Lambda proxy integrations for HTTP APIs" (payload 2.0); @types/aws-lambda.
 */
import { test, before, after } from 'node:test';
import { json } from '../support/json';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startStratus, removeDir, tempDir, type StratusProcess } from '../support/stratus-process';

let stratus: StratusProcess;
let rest: string;
let http: string;
let envDir: string;

before(async () => {
  envDir = tempDir();
  const envFile = join(envDir, 'env.json');
  writeFileSync(envFile, JSON.stringify({ EchoV2Function: { OVERRIDE_ME: 'from-env-vars', NOT_DECLARED: 'x' } }));
  stratus = await startStratus(['test/fixtures/apps/behaviours', '--env-vars', envFile, '--parameter-overrides', 'Stage=qa']);
  rest = stratus.apis.RestApi;
  http = stratus.apis.ServerlessHttpApi;
  assert.ok(rest && http, stratus.stdout());
});

after(async () => {
  await stratus?.stop();
  removeDir(stratus.stateDir);
  removeDir(envDir);
});

test('each API has its own port, explicit APIs first', () => {
  assert.notEqual(new URL(rest).port, new URL(http).port);
  assert.ok(stratus.stdout().indexOf('RestApi') < stratus.stdout().indexOf('ServerlessHttpApi'));
  assert.match(stratus.stdout(), /AWS::CloudFormation::WaitConditionHandle: not run by Stratus yet/);
  assert.match(stratus.stdout(), /RestUrl = https:\/\/\w+\.execute-api\.us-east-1\.amazonaws\.com\/qa/);
});

test('REST API sends payload 1.0 with multi-value headers and query strings', async () => {
  const res = await fetch(`${rest}/echo/42?a=1&a=2&b=x`, { headers: { 'X-Custom': 'one', 'User-Agent': 'stratus-test' } });
  assert.equal(res.status, 200);
  const { event, context } = await json(res);
  assert.equal(event.resource, '/echo/{id}');
  assert.equal(event.path, '/echo/42');
  assert.equal(event.httpMethod, 'GET');
  assert.deepEqual(event.pathParameters, { id: '42' });
  assert.deepEqual(event.queryStringParameters, { a: '2', b: 'x' });
  assert.deepEqual(event.multiValueQueryStringParameters, { a: ['1', '2'], b: ['x'] });
  assert.equal(event.headers['X-Custom'] ?? event.headers['x-custom'], 'one');
  assert.deepEqual(event.multiValueHeaders['X-Custom'] ?? event.multiValueHeaders['x-custom'], ['one']);
  assert.equal(event.body, null);
  assert.equal(event.isBase64Encoded, false);
  assert.equal(event.stageVariables, null);
  const rc = event.requestContext;
  assert.equal(rc.stage, 'qa');
  assert.equal(rc.resourcePath, '/echo/{id}');
  assert.equal(rc.httpMethod, 'GET');
  assert.equal(rc.accountId, '000000000000');
  assert.equal(rc.identity.sourceIp, '127.0.0.1');
  assert.equal(rc.identity.userAgent, 'stratus-test');
  assert.match(rc.requestId, /^[0-9a-f-]{36}$/);
  assert.match(rc.requestTime, /^\d{2}\/\w{3}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
  assert.equal(typeof rc.requestTimeEpoch, 'number');
  assert.equal(context.functionName, 'EchoV1Function');
  assert.equal(context.invokedFunctionArn, 'arn:aws:lambda:us-east-1:000000000000:function:EchoV1Function');
});

test('HTTP API sends payload 2.0 with cookies and joined values', async () => {
  const res = await fetch(`${http}/echo/7?a=1&a=2`, { method: 'POST', body: '{"x":1}', headers: { cookie: 'c1=v1; c2=v2', 'content-type': 'application/json' } });
  const { event } = await json(res);
  assert.equal(event.version, '2.0');
  assert.equal(event.routeKey, 'ANY /echo/{id}');
  assert.equal(event.rawPath, '/echo/7');
  assert.equal(event.rawQueryString, 'a=1&a=2');
  assert.deepEqual(event.queryStringParameters, { a: '1,2' });
  assert.deepEqual(event.cookies, ['c1=v1', 'c2=v2']);
  assert.deepEqual(event.pathParameters, { id: '7' });
  assert.equal(event.body, '{"x":1}');
  assert.equal(event.isBase64Encoded, false);
  assert.equal(event.headers['content-type'], 'application/json');
  const rc = event.requestContext;
  assert.equal(rc.http.method, 'POST');
  assert.equal(rc.http.path, '/echo/7');
  assert.equal(rc.http.sourceIp, '127.0.0.1');
  assert.equal(rc.routeKey, 'ANY /echo/{id}');
  assert.equal(rc.stage, '$default');
  assert.equal(typeof rc.timeEpoch, 'number');
});

test('handlers see the Lambda environment, Globals, their own variables and --env-vars overrides', async () => {
  const { env, context } = await json(await fetch(`${http}/echo/1`));
  assert.equal(env.AWS_REGION, 'us-east-1');
  assert.equal(env.AWS_LAMBDA_FUNCTION_NAME, 'EchoV2Function');
  assert.equal(env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE, '128');
  assert.equal(env.AWS_LAMBDA_FUNCTION_VERSION, '$LATEST');
  assert.equal(env.AWS_LAMBDA_LOG_GROUP_NAME, '/aws/lambda/EchoV2Function');
  assert.match(env.AWS_LAMBDA_LOG_STREAM_NAME, /^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
  assert.equal(env._HANDLER, 'echo.handler');
  assert.equal(env.AWS_EXECUTION_ENV, 'AWS_Lambda_nodejs20.x');
  assert.equal(env.TZ, ':UTC');
  assert.equal(env.FROM_GLOBALS, 'global');
  assert.equal(env.OWN, 'own');
  assert.equal(env.OVERRIDE_ME, 'from-env-vars');
  assert.equal(env.AWS_ENDPOINT_URL, stratus.edgeUrl);
  assert.ok(env.LAMBDA_TASK_ROOT.endsWith('behaviours/src'));
  assert.equal(context.memoryLimitInMB, '128');
  assert.equal(context.logGroupName, '/aws/lambda/EchoV2Function');
  assert.equal(context.logStreamName, env.AWS_LAMBDA_LOG_STREAM_NAME);
  assert.ok(context.remaining > 2000 && context.remaining <= 3000);
});

test('missing routes: REST answers 403 Missing Authentication Token, HTTP API 404 Not Found', async () => {
  const r = await fetch(`${rest}/nowhere`);
  assert.equal(r.status, 403);
  assert.deepEqual(await json(r), { message: 'Missing Authentication Token' });
  const h = await fetch(`${http}/nowhere`);
  assert.equal(h.status, 404);
  assert.deepEqual(await json(h), { message: 'Not Found' });
});

test('a handler error is a 502 Internal server error on both kinds of API', async () => {
  const h = await fetch(`${http}/fail`);
  assert.equal(h.status, 500, 'HTTP APIs answer a Lambda error with 500');
  assert.deepEqual(await json(h), { message: 'Internal Server Error' });
  const r = await fetch(`${rest}/fail`);
  assert.equal(r.status, 502);
  assert.deepEqual(await json(r), { message: 'Internal server error' });
  await stratus.waitFor(/\[FailFunction\] .*\tERROR\tInvoke Error \t.*deliberate failure/);
});

test('function timeout: Lambda kills the run after Timeout and the API answers an error', async () => {
  const res = await fetch(`${http}/slow?ms=5000`);
  assert.ok(res.status >= 500, `status ${res.status}`);
  await stratus.waitFor(/\[SlowFunction\] .*Task timed out after 1\.00 seconds/);
  const ok = await fetch(`${http}/slow?ms=10`);
  assert.equal(ok.status, 200, 'a fresh instance serves the next request');
  assert.equal(await ok.text(), 'slept 10');
});

test('integration timeout shorter than the function answers 503/504 at the gateway', async () => {
  const t0 = Date.now();
  const res = await fetch(`${http}/slow-gateway?ms=900`);
  assert.ok(Date.now() - t0 < 850, 'answered at the integration timeout, not at the function end');
  assert.equal(res.status, 503);
});

test('a process.exit in one instance does not affect others, and the next request gets a new instance', async () => {
  const crash = await fetch(`${http}/exit?exit=1`);
  assert.ok(crash.status >= 500);
  await stratus.waitFor(/\[ExitFunction\] .*Runtime\.ExitError|\[ExitFunction\] .*exit status 3/);
  const after = await fetch(`${http}/exit`);
  assert.equal(after.status, 200);
  assert.deepEqual(await json(after), { calls: 1 });
  assert.equal((await fetch(`${http}/echo/1`)).status, 200);
});

test('MemorySize is enforced: a handler that hoards memory dies alone', async () => {
  const res = await fetch(`${http}/hog`);
  assert.ok(res.status >= 500, `status ${res.status}`);
  await stratus.waitFor(/\[HogFunction\] .*(Runtime\.OutOfMemory|out of memory|Memory Size: 128 MB)/i, 20_000);
  assert.equal((await fetch(`${http}/echo/1`)).status, 200);
});

// Lambda throttles (TooManyRequestsException) beyond reserved concurrency; API Gateway turns a
// rejected invocation into a 500 (Lambda docs: "Handling Lambda errors with an API Gateway API").
test('ReservedConcurrentExecutions throttles beyond the limit', async () => {
  const [a, b] = await Promise.all([fetch(`${http}/serial?ms=600`), fetch(`${http}/serial?ms=600`)]);
  const statuses = [a.status, b.status].sort();
  assert.deepEqual(statuses, [200, 500]);
});

test('a layer\'s nodejs/node_modules is on the module path', async () => {
  const res = await fetch(`${http}/layered`);
  assert.equal(await res.text(), 'greetings from the layer');
});

test('provided.al2023 bootstrap speaks the Runtime API', async () => {
  const res = await fetch(`${http}/custom`, { method: 'POST', body: 'hi' });
  assert.equal(res.status, 200);
  assert.equal(await res.text(), 'custom runtime got hi');
});
