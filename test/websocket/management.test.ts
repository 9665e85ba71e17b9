/**
 * The @connections management API end to end: the unmodified @aws-sdk/client-apigatewaymanagementapi
 * from the test (against the WebSocket API's own port and against the edge port) and from inside
 * a handler (the long-job fixture, seed 004), and the installed `aws` CLIs (v1 and v2).
 * Errors as the SDK's REST-JSON parser reads them: `x-amzn-ErrorType` + JSON body; GoneException
 * 410, PayloadTooLargeException 413, ForbiddenException 403 (API Gateway Management API reference).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  DeleteConnectionCommand,
  GetConnectionCommand,
  GoneException,
  PayloadTooLargeException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { closed, inbox, managementClient, open, startWsApp } from './helpers';

const run = promisify(execFile);
const app = await startWsApp();

async function tagged(api = 'WsApi', stage = 'prod') {
  const tag = randomUUID();
  const ws = await open(`${app.apis[api]}/${stage}?tag=${tag}`, { headers: { 'User-Agent': 'mgmt-test/2.0' } });
  if (api !== 'WsApi') return { ws, connectionId: '' };
  const { event } = await app.events.of('connect', undefined, (e) => e.queryStringParameters?.tag === tag);
  return { ws, connectionId: event.requestContext.connectionId as string };
}

for (const [where, endpoint] of [
  ['the API port', () => app.managementUrl()],
  ['the edge port', () => app.edgeUrl],
  ['the edge port with a stage', () => `${app.edgeUrl}/prod`],
] as const) {
  test(`PostToConnection, GetConnection and DeleteConnection through the SDK on ${where}`, async () => {
    const { ws, connectionId } = await tagged();
    const box = inbox(ws);
    const client = managementClient(endpoint());
    try {
      await client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: JSON.stringify({ hello: where }) }));
      assert.deepEqual(JSON.parse(await box.next()), { hello: where });
      await client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: new TextEncoder().encode('bytes too') }));
      assert.equal(await box.next(), 'bytes too');

      const info = await client.send(new GetConnectionCommand({ ConnectionId: connectionId }));
      assert.ok(info.ConnectedAt instanceof Date && !Number.isNaN(info.ConnectedAt.getTime()));
      assert.ok(info.LastActiveAt instanceof Date && info.LastActiveAt.getTime() >= info.ConnectedAt.getTime());
      assert.deepEqual(info.Identity, { SourceIp: '127.0.0.1', UserAgent: 'mgmt-test/2.0' });
      assert.equal(info.$metadata.httpStatusCode, 200);

      const closing = closed(ws);
      const deleted = await client.send(new DeleteConnectionCommand({ ConnectionId: connectionId }));
      assert.equal(deleted.$metadata.httpStatusCode, 204);
      await closing;
      await assert.rejects(client.send(new GetConnectionCommand({ ConnectionId: connectionId })), (err: any) => err instanceof GoneException && err.$metadata.httpStatusCode === 410);
    } finally {
      ws.terminate();
      client.destroy();
    }
  });
}

test('GoneException after the client closed, for unknown ids, and for a connection of another API on an API port', async () => {
  const client = managementClient(app.managementUrl());
  try {
    const { ws, connectionId } = await tagged();
    ws.close();
    await app.events.of('$disconnect', connectionId);
    for (const command of [
      new PostToConnectionCommand({ ConnectionId: connectionId, Data: 'late' }),
      new GetConnectionCommand({ ConnectionId: connectionId }),
      new DeleteConnectionCommand({ ConnectionId: connectionId }),
      new PostToConnectionCommand({ ConnectionId: 'NoSuchConnId0=', Data: 'x' }),
    ]) {
      await assert.rejects(client.send(command as any), (err: any) => err.name === 'GoneException' && err.$metadata.httpStatusCode === 410 && err.$fault === 'client');
    }
    // A live connection of WsApi does not exist for BareApi's endpoint.
    const live = await tagged();
    const bare = managementClient(app.managementUrl('BareApi', 'dev'));
    await assert.rejects(bare.send(new GetConnectionCommand({ ConnectionId: live.connectionId })), GoneException);
    bare.destroy();
    live.ws.close();
  } finally {
    client.destroy();
  }
});

test('PostToConnection over 128 KB is PayloadTooLargeException; exactly 128 KB is delivered', async () => {
  const { ws, connectionId } = await tagged();
  const box = inbox(ws);
  const client = managementClient(app.managementUrl());
  const edge = managementClient(app.edgeUrl);
  try {
    const exact = 'x'.repeat(128 * 1024);
    await client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: exact }));
    assert.equal((await box.next()).length, exact.length);
    for (const c of [client, edge]) {
      await assert.rejects(c.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: exact + 'y' })), (err: any) => err instanceof PayloadTooLargeException && err.$metadata.httpStatusCode === 413);
    }
    assert.equal(ws.readyState, ws.OPEN, 'the connection stays open');
  } finally {
    ws.close();
    client.destroy();
    edge.destroy();
  }
});

test('bad management requests on the API port get ForbiddenException and never break the port', async () => {
  const base = app.managementUrl().replace(/\/prod$/, '');
  for (const [method, path] of [
    ['GET', '/'],
    ['GET', '/prod'],
    ['GET', '/otherstage/@connections/abc='],
    ['PUT', '/prod/@connections/abc='],
    ['PATCH', '/@connections/abc='],
    ['GET', '/prod/@connections/%E0%A4%A'],
    ['GET', '/prod/@connections/'],
    ['GET', '/prod/@connections/a/b'],
  ]) {
    const res = await fetch(`${base}${path}`, { method });
    assert.equal(res.status, 403, `${method} ${path}`);
    assert.equal(res.headers.get('x-amzn-errortype'), 'ForbiddenException');
    assert.deepEqual(await res.json(), { message: 'Forbidden' });
  }
  const big = await fetch(`${app.managementUrl()}/@connections/abc=`, { method: 'POST', body: Buffer.alloc(300 * 1024) });
  assert.equal(big.status, 413);
  assert.equal(big.headers.get('x-amzn-errortype'), 'PayloadTooLargeException');
  // Still serving.
  const { ws } = await tagged();
  ws.close();
});

test('the installed aws CLIs post to a connection and read it (v2 and v1)', async () => {
  const { ws, connectionId } = await tagged();
  const box = inbox(ws);
  const env = { ...process.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '' };
  try {
    const endpoint = app.managementUrl();
    await run('/usr/bin/aws', ['apigatewaymanagementapi', 'post-to-connection', '--endpoint-url', endpoint, '--connection-id', connectionId, '--data', 'from cli v2', '--cli-binary-format', 'raw-in-base64-out'], { env });
    assert.equal(await box.next(), 'from cli v2');
    await run('aws', ['apigatewaymanagementapi', 'post-to-connection', '--endpoint-url', app.edgeUrl, '--connection-id', connectionId, '--data', 'from cli v1'], { env });
    assert.equal(await box.next(), 'from cli v1');
    const { stdout } = await run('/usr/bin/aws', ['apigatewaymanagementapi', 'get-connection', '--endpoint-url', endpoint, '--connection-id', connectionId, '--output', 'json'], { env });
    const info = JSON.parse(stdout);
    assert.equal(info.Identity.SourceIp, '127.0.0.1');
    assert.ok(info.ConnectedAt && info.LastActiveAt);
    ws.close();
    await app.events.of('$disconnect', connectionId);
    const gone = await run('/usr/bin/aws', ['apigatewaymanagementapi', 'post-to-connection', '--endpoint-url', endpoint, '--connection-id', connectionId, '--data', 'x', '--cli-binary-format', 'raw-in-base64-out'], { env }).catch((err) => err);
    assert.match(String(gone.stderr), /GoneException/);
  } finally {
    ws.terminate();
  }
});

test('boto3 posts to, reads and deletes a connection', async () => {
  const { ws, connectionId } = await tagged();
  const box = inbox(ws);
  const closing = closed(ws);
  const script = `
import boto3, json, sys
client = boto3.client('apigatewaymanagementapi', endpoint_url=sys.argv[1], region_name='us-east-1', aws_access_key_id='test', aws_secret_access_key='test')
client.post_to_connection(ConnectionId=sys.argv[2], Data=b'from boto3')
info = client.get_connection(ConnectionId=sys.argv[2])
client.delete_connection(ConnectionId=sys.argv[2])
try:
    client.post_to_connection(ConnectionId=sys.argv[2], Data=b'late')
    gone = None
except client.exceptions.GoneException as err:
    gone = err.response['ResponseMetadata']['HTTPStatusCode']
print(json.dumps({'sourceIp': info['Identity']['SourceIp'], 'connectedAt': info['ConnectedAt'].isoformat(), 'gone': gone}))
`;
  const { stdout } = await run('python3', ['-c', script, app.managementUrl(), connectionId]);
  assert.equal(await box.next(), 'from boto3');
  const result = JSON.parse(stdout);
  assert.equal(result.sourceIp, '127.0.0.1');
  assert.ok(result.connectedAt);
  assert.equal(result.gone, 410);
  assert.equal((await closing).code, 1000);
});

test('the long job (seed 004): startJob returns at once, the job pushes its result through @connections from a handler', async () => {
  const { ws, connectionId } = await tagged();
  const box = inbox(ws);
  try {
    ws.send(JSON.stringify({ action: 'startJob', jobId: 'report-42', workMs: 300 }));
    const done = JSON.parse(await box.next((m) => m.includes('jobDone'), 20_000));
    assert.equal(done.type, 'jobDone');
    assert.equal(done.jobId, 'report-42');
    assert.equal(done.sourceIp, '127.0.0.1', 'GetConnection inside the handler');
    assert.ok(!Number.isNaN(Date.parse(done.connectedAt)));
    // Two jobs at once on one connection both report.
    ws.send(JSON.stringify({ action: 'startJob', jobId: 'a', workMs: 100 }));
    ws.send(JSON.stringify({ action: 'startJob', jobId: 'b', workMs: 100 }));
    const results = [JSON.parse(await box.next((m) => m.includes('jobDone'), 20_000)).jobId, JSON.parse(await box.next((m) => m.includes('jobDone'), 20_000)).jobId];
    assert.deepEqual(results.sort(), ['a', 'b']);
    assert.ok(connectionId);
  } finally {
    ws.close();
  }
});
