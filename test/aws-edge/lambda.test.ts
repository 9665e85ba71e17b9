/**
 * Lambda over the edge port with the real SDK v3 client (Lambda API Reference: Invoke,
 * ListFunctions, GetFunction, GetFunctionConfiguration; error codes and statuses per operation).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  LambdaClient,
  InvokeCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  ListFunctionsCommand,
  ResourceNotFoundException,
  InvalidRequestContentException,
  RequestTooLargeException,
  TooManyRequestsException,
} from '@aws-sdk/client-lambda';
import { startEdgeApp, type EdgeApp } from './helpers';

let edge: EdgeApp;
let lambda: LambdaClient;
const text = (bytes?: Uint8Array) => Buffer.from(bytes ?? []).toString('utf8');

before(async () => {
  edge = await startEdgeApp();
  lambda = new LambdaClient({ ...edge.client, maxAttempts: 1 });
});
after(async () => {
  lambda?.destroy();
  await edge?.close();
});

test('Invoke RequestResponse answers the handler result with the executed version', async () => {
  const out = await lambda.send(new InvokeCommand({ FunctionName: 'edge-echo', Payload: JSON.stringify({ n: 1 }) }));
  assert.equal(out.StatusCode, 200);
  assert.equal(out.ExecutedVersion, '$LATEST');
  assert.equal(out.FunctionError, undefined);
  assert.deepEqual(JSON.parse(text(out.Payload)), { event: { n: 1 }, greeting: 'hello', clientContext: null });
});

test('Invoke with no payload gives the handler an empty object', async () => {
  const out = await lambda.send(new InvokeCommand({ FunctionName: 'edge-echo' }));
  assert.deepEqual(JSON.parse(text(out.Payload)).event, {});
});

test('the function may be named by ARN, partial ARN, with $LATEST, or by Qualifier', async () => {
  for (const FunctionName of [
    'arn:aws:lambda:us-east-1:000000000000:function:edge-echo',
    '000000000000:function:edge-echo',
    'edge-echo:$LATEST',
    'arn:aws:lambda:us-east-1:000000000000:function:edge-echo:$LATEST',
  ]) {
    const out = await lambda.send(new InvokeCommand({ FunctionName, Payload: '{}' }));
    assert.equal(out.StatusCode, 200, FunctionName);
  }
  const qualified = await lambda.send(new InvokeCommand({ FunctionName: 'edge-echo', Qualifier: '$LATEST' }));
  assert.equal(qualified.StatusCode, 200);
});

test('LogType Tail returns the last 4 KB of START … REPORT in base64', async () => {
  const out = await lambda.send(new InvokeCommand({ FunctionName: 'edge-echo', Payload: '{"tail":true}', LogType: 'Tail' }));
  const log = Buffer.from(out.LogResult!, 'base64').toString('utf8');
  assert.match(log, /^START RequestId: [0-9a-f-]{36} Version: \$LATEST\n/);
  assert.match(log, /\tINFO\techo got {"tail":true}\n/);
  assert.match(log, /\nEND RequestId: [0-9a-f-]{36}\n/);
  assert.match(log, /\nREPORT RequestId: [0-9a-f-]{36}\tDuration: [\d.]+ ms\t/);

  const long = await lambda.send(new InvokeCommand({ FunctionName: 'ChattyFunction', Payload: '{"lines":100,"width":100}', LogType: 'Tail' }));
  const tail = Buffer.from(long.LogResult!, 'base64');
  assert.equal(tail.length, 4096);
  assert.match(tail.toString('utf8'), /REPORT RequestId: .*\n$/);
  assert.doesNotMatch(tail.toString('utf8'), /^START/);
});

test('a handler error is a 200 with X-Amz-Function-Error: Unhandled and the error payload', async () => {
  const out = await lambda.send(new InvokeCommand({ FunctionName: 'FailFunction', Payload: '{}' }));
  assert.equal(out.StatusCode, 200);
  assert.equal(out.FunctionError, 'Unhandled');
  const error = JSON.parse(text(out.Payload));
  assert.equal(error.errorType, 'TypeError');
  assert.equal(error.errorMessage, 'deliberate failure');
  assert.ok(Array.isArray(error.trace));
});

test('DryRun checks the request and answers 204 without running the function', async () => {
  const out = await lambda.send(new InvokeCommand({ FunctionName: 'edge-echo', InvocationType: 'DryRun', Payload: '{}' }));
  assert.equal(out.StatusCode, 204);
  await assert.rejects(lambda.send(new InvokeCommand({ FunctionName: 'missing', InvocationType: 'DryRun' })), ResourceNotFoundException);
});

// Lambda API reference, Invoke: "Event – Invoke the function asynchronously … The API response
// only includes a status code" (202). The event runs from the function's durable async queue.
test('InvocationType Event answers 202 at once and the function runs from its async queue', async () => {
  const marker = `async-${Date.now()}`;
  const out = await lambda.send(new InvokeCommand({ FunctionName: 'edge-echo', InvocationType: 'Event', Payload: JSON.stringify({ marker }) }));
  assert.equal(out.StatusCode, 202);
  assert.equal(out.Payload?.length ?? 0, 0);
  const deadline = Date.now() + 10_000;
  const seen = () => edge.app.engine.logs.query({ group: '/aws/lambda/edge-echo', contains: marker });
  await edge.app.logs.flush();
  while ((await seen()).length === 0) {
    assert.ok(Date.now() < deadline, 'the async invocation ran');
    await new Promise((r) => setTimeout(r, 50));
    await edge.app.logs.flush();
  }
});

test('unknown functions and qualifiers are 404 ResourceNotFoundException naming the ARN', async () => {
  await assert.rejects(lambda.send(new InvokeCommand({ FunctionName: 'nope' })), (err: ResourceNotFoundException) => {
    assert.ok(err instanceof ResourceNotFoundException);
    assert.equal(err.$metadata.httpStatusCode, 404);
    assert.equal(err.message, 'Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope');
    assert.equal(err.Type, 'User');
    return true;
  });
  await assert.rejects(lambda.send(new InvokeCommand({ FunctionName: 'edge-echo:v1' })), /Function not found: .*:function:edge-echo:v1/);
  await assert.rejects(lambda.send(new InvokeCommand({ FunctionName: 'arn:aws:lambda:us-east-1:111111111111:function:edge-echo' })), ResourceNotFoundException);
  // The logical id is the template's name for it, not Lambda's.
  await assert.rejects(lambda.send(new InvokeCommand({ FunctionName: 'EchoFunction' })), ResourceNotFoundException);
});

test('an invalid JSON payload is 400 InvalidRequestContentException', async () => {
  await assert.rejects(lambda.send(new InvokeCommand({ FunctionName: 'edge-echo', Payload: '{"broken":' })), (err: InvalidRequestContentException) => {
    assert.ok(err instanceof InvalidRequestContentException);
    assert.equal(err.$metadata.httpStatusCode, 400);
    assert.match(err.message, /Could not parse request body into json/);
    return true;
  });
});

test('a payload over 6 MB is 413 RequestTooLargeException', async () => {
  const payload = JSON.stringify({ big: 'x'.repeat(6_291_456) });
  await assert.rejects(lambda.send(new InvokeCommand({ FunctionName: 'edge-echo', Payload: payload })), (err: RequestTooLargeException) => {
    assert.ok(err instanceof RequestTooLargeException);
    assert.equal(err.$metadata.httpStatusCode, 413);
    return true;
  });
});

test('a function at its reserved concurrency is throttled: 429 TooManyRequestsException', async () => {
  const slow = lambda.send(new InvokeCommand({ FunctionName: 'SlowFunction', Payload: '{"ms":600}' }));
  await new Promise((r) => setTimeout(r, 150));
  await assert.rejects(lambda.send(new InvokeCommand({ FunctionName: 'SlowFunction', Payload: '{"ms":1}' })), (err: TooManyRequestsException) => {
    assert.ok(err instanceof TooManyRequestsException);
    assert.equal(err.$metadata.httpStatusCode, 429);
    return true;
  });
  assert.equal((await slow).StatusCode, 200);
});

test('ClientContext reaches the handler', async () => {
  const clientContext = { custom: { app: 'edge-test' }, env: {}, client: {} };
  const out = await lambda.send(
    new InvokeCommand({ FunctionName: 'edge-echo', Payload: '{}', ClientContext: Buffer.from(JSON.stringify(clientContext)).toString('base64') }),
  );
  assert.deepEqual(JSON.parse(text(out.Payload)).clientContext.custom, { app: 'edge-test' });
});

test('GetFunctionConfiguration describes the template function', async () => {
  const c = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'edge-echo' }));
  assert.equal(c.FunctionName, 'edge-echo');
  assert.equal(c.FunctionArn, 'arn:aws:lambda:us-east-1:000000000000:function:edge-echo');
  assert.equal(c.Runtime, 'nodejs20.x');
  assert.equal(c.Handler, 'echo.handler');
  assert.equal(c.Timeout, 5);
  assert.equal(c.MemorySize, 256);
  assert.deepEqual(c.Environment?.Variables, { GREETING: 'hello' });
  assert.equal(c.State, 'Active');
  assert.equal(c.LastUpdateStatus, 'Successful');
  assert.equal(c.PackageType, 'Zip');
  assert.deepEqual(c.Architectures, ['x86_64']);
  assert.equal(c.Version, '$LATEST');
  assert.match(c.LastModified!, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);
  assert.equal(c.LoggingConfig?.LogGroup, '/aws/lambda/edge-echo');
});

test('GetFunction answers Configuration and Code; unknown is 404', async () => {
  const f = await lambda.send(new GetFunctionCommand({ FunctionName: 'arn:aws:lambda:us-east-1:000000000000:function:FailFunction' }));
  assert.equal(f.Configuration?.FunctionName, 'FailFunction');
  assert.equal(f.Code?.RepositoryType, 'S3');
  await assert.rejects(lambda.send(new GetFunctionCommand({ FunctionName: 'ghost' })), ResourceNotFoundException);
});

test('ListFunctions pages with MaxItems and NextMarker', async () => {
  const names: string[] = [];
  let Marker: string | undefined;
  let pages = 0;
  do {
    const page = await lambda.send(new ListFunctionsCommand({ MaxItems: 2, Marker }));
    assert.ok(page.Functions!.length <= 2);
    names.push(...page.Functions!.map((f) => f.FunctionName!));
    Marker = page.NextMarker;
    pages++;
  } while (Marker);
  assert.deepEqual(names, ['ChattyFunction', 'FailFunction', 'SdkFunction', 'SlowFunction', 'edge-echo']);
  assert.equal(pages, 3);
  await assert.rejects(lambda.send(new ListFunctionsCommand({ Marker: 'not-a-marker' })), /Invalid Marker/);
});

test('a handler reaches Stratus through AWS_ENDPOINT_URL with an unconfigured SDK client', async () => {
  const out = await lambda.send(new InvokeCommand({ FunctionName: 'SdkFunction', Payload: '{}' }));
  assert.equal(out.FunctionError, undefined, text(out.Payload));
  assert.deepEqual(JSON.parse(text(out.Payload)), {
    functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:edge-echo',
    runtime: 'nodejs20.x',
    account: '000000000000',
    arn: 'arn:aws:iam::000000000000:root',
  });
});
