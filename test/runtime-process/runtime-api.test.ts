/** The Runtime API spoken directly over HTTP, as a custom runtime would (status codes per the OpenAPI document and the RIE). */
import { after, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RuntimeApiServer, MAX_RESPONSE_PAYLOAD_BYTES, type RuntimeApiListener } from '../../src/runtime/runtime-api';

const servers: RuntimeApiServer[] = [];
after(() => Promise.all(servers.map((s) => s.close())));

interface Recorded {
  calls: Array<[string, ...unknown[]]>;
  listener: RuntimeApiListener;
}

function recorder(): Recorded {
  const calls: Recorded['calls'] = [];
  return {
    calls,
    listener: {
      nextRequested: () => calls.push(['next']),
      response: (id, body) => calls.push(['response', id, body.toString()]),
      responseTooLarge: (id, size) => calls.push(['tooLarge', id, size]),
      invocationError: (id, error) => calls.push(['error', id, error]),
      initError: (error) => calls.push(['initError', error]),
    },
  };
}

let api: RuntimeApiServer;
let rec: Recorded;
const url = (path: string) => `http://${api.address}/2018-06-01/runtime${path}`;
const post = (path: string, body: string, headers: Record<string, string> = {}) => fetch(url(path), { method: 'POST', body, headers });

beforeEach(async () => {
  rec = recorder();
  api = await RuntimeApiServer.start(rec.listener);
  servers.push(api);
});

const invocation = (requestId: string) => ({
  requestId,
  payload: '{"a":1}',
  deadline: 1_900_000_000_123,
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:Fn',
  traceId: 'Root=1-00000000-000000000000000000000000;Parent=0000000000000000;Sampled=0',
  clientContext: '{\n "custom": {"k": "v"}\n}',
});

describe('Lambda Runtime API', () => {
  it('holds GET /next until an invocation is dispatched, then answers with its headers', async () => {
    const pending = fetch(url('/invocation/next'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(rec.calls, [['next']]);
    api.dispatch(invocation('id-1'));
    const res = await pending;
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('lambda-runtime-aws-request-id'), 'id-1');
    assert.equal(res.headers.get('lambda-runtime-deadline-ms'), '1900000000123');
    assert.equal(res.headers.get('lambda-runtime-invoked-function-arn'), 'arn:aws:lambda:us-east-1:000000000000:function:Fn');
    assert.match(res.headers.get('lambda-runtime-trace-id') ?? '', /^Root=1-/);
    assert.equal(res.headers.get('lambda-runtime-client-context'), '{"custom":{"k":"v"}}');
    assert.equal(await res.text(), '{"a":1}');

    const accepted = await post('/invocation/id-1/response', '"done"');
    assert.equal(accepted.status, 202);
    assert.deepEqual(await accepted.json(), { status: 'OK' });
    assert.deepEqual(rec.calls.at(-1), ['response', 'id-1', '"done"']);
  });

  it('answers an unknown or already finished request id with 400 InvalidRequestID', async () => {
    const unknown = await post('/invocation/not-a-request/response', '{}');
    assert.equal(unknown.status, 400);
    assert.deepEqual(await unknown.json(), { errorMessage: 'Invalid request ID', errorType: 'InvalidRequestID' });

    api.dispatch(invocation('id-2'));
    await (await fetch(url('/invocation/next'))).text();
    assert.equal((await post('/invocation/id-2/response', '1')).status, 202);
    const again = await post('/invocation/id-2/response', '2');
    assert.equal(again.status, 400);
    assert.equal(((await again.json()) as { errorType: string }).errorType, 'InvalidRequestID');
    const errorAfter = await post('/invocation/id-2/error', '{}');
    assert.equal(errorAfter.status, 400);
    assert.equal(rec.calls.filter((c) => c[0] === 'response').length, 1);
  });

  it('accepts an invocation error, using the error-type header when the body is not JSON', async () => {
    api.dispatch(invocation('id-3'));
    await (await fetch(url('/invocation/next'))).text();
    const res = await post('/invocation/id-3/error', 'plain text', { 'Lambda-Runtime-Function-Error-Type': 'Runtime.Custom' });
    assert.equal(res.status, 202);
    assert.deepEqual(rec.calls.at(-1), ['error', 'id-3', { errorType: 'Runtime.Custom', errorMessage: 'plain text' }]);
  });

  it('answers a response over 6 MB with 413 RequestEntityTooLarge', async () => {
    api.dispatch(invocation('id-4'));
    await (await fetch(url('/invocation/next'))).text();
    const res = await post('/invocation/id-4/response', 'x'.repeat(MAX_RESPONSE_PAYLOAD_BYTES + 1));
    assert.equal(res.status, 413);
    assert.deepEqual(await res.json(), { errorMessage: 'Exceeded maximum allowed payload size (6291556 bytes).', errorType: 'RequestEntityTooLarge' });
    assert.deepEqual(rec.calls.at(-1), ['tooLarge', 'id-4', MAX_RESPONSE_PAYLOAD_BYTES + 1]);
  });

  it('refuses /init/error once the runtime has asked for work (403), and /next twice at once', async () => {
    const first = fetch(url('/invocation/next'));
    await new Promise((resolve) => setTimeout(resolve, 30));
    const second = await fetch(url('/invocation/next'));
    assert.equal(second.status, 403);
    assert.equal(((await second.json()) as { errorType: string }).errorType, 'InvalidStateTransition');
    const initError = await post('/init/error', '{"errorType":"X","errorMessage":"late"}');
    assert.equal(initError.status, 403);
    api.dispatch(invocation('id-5'));
    await (await first).text();
  });

  it('accepts /init/error during init', async () => {
    const res = await post('/init/error', '{"errorMessage":"bad","errorType":"Runtime.Bad"}');
    assert.equal(res.status, 202);
    assert.deepEqual(rec.calls, [['initError', { errorMessage: 'bad', errorType: 'Runtime.Bad' }]]);
  });

  it('answers unknown paths with 404 and wrong methods with 405', async () => {
    assert.equal((await fetch(`http://${api.address}/2018-06-01/runtime/nope`)).status, 404);
    assert.equal((await post('/invocation/next', '')).status, 405);
  });
});
