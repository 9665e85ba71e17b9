/**
 * Two Stratus nodes on one PostgreSQL run the WebSocket fixture. A client holds a socket on node
 * A; PostToConnection, GetConnection and DeleteConnection sent to node B reach it (B forwards
 * through A's engine queue), and the long job — whose function may run on either node — reports
 * to the client wherever its socket is. A node that stops takes its connections with it: B then
 * answers GoneException.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { DeleteConnectionCommand, GetConnectionCommand, GoneException, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { removeDir, startStratus, type StratusProcess } from '../support/stratus-process';
import { startTestDatabase } from '../engine/fixtures/pg-cluster';
import { FIXTURE, closed, inbox, managementClient, open, wsAppOf } from './helpers';

const database = await startTestDatabase('websocket');
const nodes: StratusProcess[] = [];
after(async () => {
  for (const node of nodes) {
    await node.stop().catch(() => {});
    removeDir(node.stateDir);
  }
  await database.stop();
});
nodes.push(...(await Promise.all([0, 1].map(() => startStratus([FIXTURE, '--engine', database.url])))));
const [a, b] = nodes.map(wsAppOf) as [ReturnType<typeof wsAppOf>, ReturnType<typeof wsAppOf>];

async function taggedOnA() {
  const tag = randomUUID();
  const ws = await open(`${a.apis.WsApi}/prod?tag=${tag}`);
  const { event } = await a.events.of('connect', undefined, (e) => e.queryStringParameters?.tag === tag);
  return { ws, connectionId: event.requestContext.connectionId as string };
}

test('management requests on node B reach a socket held by node A', { timeout: 60_000 }, async () => {
  const { ws, connectionId } = await taggedOnA();
  const box = inbox(ws);
  for (const endpoint of [b.managementUrl(), b.edgeUrl]) {
    const client = managementClient(endpoint);
    await client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: `via ${endpoint}` }));
    assert.equal(await box.next(), `via ${endpoint}`);
    const info = await client.send(new GetConnectionCommand({ ConnectionId: connectionId }));
    assert.equal(info.Identity?.SourceIp, '127.0.0.1');
    client.destroy();
  }
  const closing = closed(ws);
  const client = managementClient(b.managementUrl());
  await client.send(new DeleteConnectionCommand({ ConnectionId: connectionId }));
  assert.equal((await closing).code, 1000);
  await a.events.of('$disconnect', connectionId);
  await assert.rejects(client.send(new GetConnectionCommand({ ConnectionId: connectionId })), GoneException);
  client.destroy();
});

test('the long job reports to the client whichever node runs it', { timeout: 60_000 }, async () => {
  const { ws } = await taggedOnA();
  const box = inbox(ws);
  for (let i = 0; i < 4; i++) ws.send(JSON.stringify({ action: 'startJob', jobId: `job-${i}`, workMs: 50 }));
  const done = [];
  for (let i = 0; i < 4; i++) done.push(JSON.parse(await box.next((m) => m.includes('jobDone'), 30_000)).jobId);
  assert.deepEqual(done.sort(), ['job-0', 'job-1', 'job-2', 'job-3']);
  ws.close();
});

test('a node that stops takes its connections with it: the other node answers GoneException', { timeout: 60_000 }, async () => {
  const { ws, connectionId } = await taggedOnA();
  ws.on('error', () => {});
  await nodes[0]!.stop();
  const client = managementClient(b.managementUrl());
  await assert.rejects(client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: 'too late' })), GoneException);
  client.destroy();
});
