/**
 * WebSocket APIs end to end: a real `ws` client against `stratus start` (the real binary) on the
 * fixture app. $connect accepted and refused, route selection ($default, custom, no route), the
 * CONNECT / MESSAGE / DISCONNECT events field by field, and $disconnect from both sides.
 * Event shapes: "Setting up WebSocket API integration requests" and the $connect/$disconnect page
 * of the API Gateway developer guide; @types/aws-lambda APIGatewayProxyWebsocketEventV2.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { DeleteConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { closed, connect, inbox, managementClient, open, startWsApp } from './helpers';

const app = await startWsApp();
const url = (query = '', api = 'WsApi', stage = 'prod') => `${app.apis[api]}/${stage}${query}`;
const port = () => new URL(app.apis.WsApi!.replace(/^ws/, 'http')).port;

/** Connects with a unique tag and returns the socket and the connect event its handler recorded. */
async function tagged(options: WebSocket.ClientOptions = {}) {
  const tag = randomUUID();
  const ws = await open(url(`?tag=${tag}&multi=a&multi=b`), options);
  const { event } = await app.events.of('connect', undefined, (e) => e.queryStringParameters?.tag === tag);
  return { ws, event, connectionId: event.requestContext.connectionId as string };
}

test('the banner lists each WebSocket API with its ws:// URL and routes, on ports of their own', () => {
  assert.match(app.proc.stdout(), /WebSocket API WsApi: ws:\/\/127\.0\.0\.1:\d+\/prod/);
  assert.match(app.proc.stdout(), /WebSocket API BareApi: ws:\/\/127\.0\.0\.1:\d+\/dev/);
  assert.match(app.proc.stdout(), /startJob\s+→ StartJobFunction/);
  assert.notEqual(app.apis.WsApi, app.apis.BareApi);
  assert.match(app.proc.stdout(), new RegExp(`WebSocketUrl = ${app.apis.WsApi}/prod`), 'GetAtt ApiEndpoint is the local URL');
});

test('$connect receives the CONNECT event, field by field', async () => {
  const { ws, event, connectionId } = await tagged({ headers: { 'User-Agent': 'stratus-test/1.0', 'X-Custom': 'yes' } });
  try {
    assert.deepEqual(Object.keys(event), ['headers', 'multiValueHeaders', 'queryStringParameters', 'multiValueQueryStringParameters', 'requestContext', 'isBase64Encoded']);
    assert.equal(event.isBase64Encoded, false);
    assert.equal(event.headers['User-Agent'], 'stratus-test/1.0');
    assert.equal(event.headers['X-Custom'], 'yes');
    assert.equal(event.headers.Host, `127.0.0.1:${port()}`);
    assert.equal(event.headers['Sec-WebSocket-Version'], '13');
    assert.ok(event.headers['Sec-WebSocket-Key']);
    assert.equal(event.headers['X-Forwarded-For'], '127.0.0.1');
    assert.equal(event.headers['X-Forwarded-Proto'], 'http');
    assert.match(event.headers['X-Amzn-Trace-Id'], /^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    assert.deepEqual(event.multiValueHeaders['X-Custom'], ['yes']);
    assert.equal(event.queryStringParameters.multi, 'b', 'the last value wins');
    assert.deepEqual(event.multiValueQueryStringParameters.multi, ['a', 'b']);
    const rc = event.requestContext;
    assert.deepEqual(Object.keys(rc), [
      'routeKey', 'eventType', 'extendedRequestId', 'requestTime', 'messageDirection', 'stage', 'connectedAt',
      'requestTimeEpoch', 'identity', 'requestId', 'domainName', 'connectionId', 'apiId',
    ]);
    assert.equal(rc.routeKey, '$connect');
    assert.equal(rc.eventType, 'CONNECT');
    assert.equal(rc.messageDirection, 'IN');
    assert.equal(rc.stage, 'prod');
    assert.equal(rc.domainName, `127.0.0.1:${port()}`);
    assert.match(rc.apiId, /^[a-z0-9]{10}$/);
    assert.match(connectionId, /^[A-Za-z0-9+/]{15}=$/);
    assert.match(rc.requestId, /^[A-Za-z0-9+/]{15}=$/);
    assert.match(rc.extendedRequestId, /^[A-Za-z0-9+/]{15}=$/);
    assert.match(rc.requestTime, /^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    assert.equal(typeof rc.connectedAt, 'number');
    assert.equal(rc.requestTimeEpoch, rc.connectedAt);
    assert.deepEqual(rc.identity, { userAgent: 'stratus-test/1.0', sourceIp: '127.0.0.1' });
  } finally {
    ws.close();
  }
});

test('a $connect that answers a non-2xx statusCode or throws refuses the connection; nothing else is served', async () => {
  assert.deepEqual(await connect(url('?refuse=401')), { refused: 401, body: 'refused' });
  assert.deepEqual(await connect(url('?refuse=403')), { refused: 403, body: 'refused' });
  assert.deepEqual(await connect(url('?throw=1')), { refused: 500, body: '{"message":"Internal server error"}' });
  assert.deepEqual(await connect(url('', 'WsApi', 'nostage')), { refused: 403, body: '{"message":"Forbidden"}' });
  // The root is the first stage, as a convenience.
  const ws = await open(`${app.apis.WsApi}/`);
  ws.close();
});

test('a subprotocol is agreed only when the $connect answer names it', async () => {
  const ws = new WebSocket(url('?protocol=chat.v2'), ['chat.v1', 'chat.v2']);
  await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
  assert.equal(ws.protocol, 'chat.v2');
  ws.close();
  // Offered, but $connect names none: the client refuses a handshake without one (RFC 6455).
  const refused = new WebSocket(url(), ['chat.v1']);
  await assert.rejects(new Promise((resolve, reject) => (refused.once('open', resolve), refused.once('error', reject))), /subprotocol/i);
});

test('a browser-like client with an Origin header connects; no auth is needed', async () => {
  const ws = await open(url(), { headers: { Origin: 'http://localhost:5173' } });
  ws.close();
});

test('messages go to the route the selection expression picks, else $default; MESSAGE event field by field', async () => {
  const { ws, connectionId } = await tagged();
  const box = inbox(ws);
  try {
    ws.send(JSON.stringify({ action: 'echo', n: 1 }));
    assert.deepEqual(JSON.parse(await box.next()), { routeKey: 'echo', received: '{"action":"echo","n":1}', isBase64Encoded: false });
    const { event } = await app.events.of('echo', connectionId);
    assert.deepEqual(Object.keys(event), ['requestContext', 'body', 'isBase64Encoded']);
    const rc = event.requestContext;
    assert.equal(rc.routeKey, 'echo');
    assert.equal(rc.eventType, 'MESSAGE');
    assert.equal(rc.messageDirection, 'IN');
    assert.match(rc.messageId, /^[A-Za-z0-9+/]{15}=$/);
    assert.equal(rc.connectionId, connectionId);
    assert.deepEqual(rc.identity, { sourceIp: '127.0.0.1' });
    assert.ok(rc.requestTimeEpoch >= rc.connectedAt);

    for (const [sent, why] of [
      ['not json at all', 'not JSON'],
      ['{"action": "nosuchroute"}', 'no such route'],
      ['{"other": 1}', 'no action field'],
      ['{"action": {"nested": true}}', 'action is not a scalar'],
      ['{"action": "$connect"}', 'a connection route key'],
      ['{"action": "echo"', 'malformed JSON'],
    ]) {
      ws.send(sent!);
      assert.deepEqual(JSON.parse(await box.next()), { routeKey: '$default', received: sent, isBase64Encoded: false }, why);
    }
  } finally {
    ws.close();
  }
});

test('a binary frame reaches $default base64-encoded', async () => {
  const { ws, connectionId } = await tagged();
  const box = inbox(ws);
  try {
    ws.send(Buffer.from([0, 1, 2, 255]), { binary: true });
    assert.deepEqual(JSON.parse(await box.next()), { routeKey: '$default', received: 'AAEC/w==', isBase64Encoded: true });
    const { event } = await app.events.of('$default', connectionId);
    assert.equal(event.body, 'AAEC/w==');
    assert.equal(event.isBase64Encoded, true);
  } finally {
    ws.close();
  }
});

test('a failing integration gets the Internal server error frame; no route and no $default gets Forbidden', async () => {
  const { ws, connectionId } = await tagged();
  const box = inbox(ws);
  ws.send(JSON.stringify({ action: 'boom' }));
  const error = JSON.parse(await box.next());
  assert.deepEqual(Object.keys(error), ['message', 'connectionId', 'requestId']);
  assert.equal(error.message, 'Internal server error');
  assert.equal(error.connectionId, connectionId);
  ws.close();

  const bare = await open(url('', 'BareApi', 'dev'));
  const bareBox = inbox(bare);
  bare.send(JSON.stringify({ kind: 'ping' }));
  assert.equal(JSON.parse(await bareBox.next()).routeKey, 'ping', '${request.body.kind} form');
  bare.send(JSON.stringify({ kind: 'unknown' }));
  const forbidden = JSON.parse(await bareBox.next());
  assert.equal(forbidden.message, 'Forbidden');
  assert.match(forbidden.connectionId, /=$/);
  assert.match(forbidden.requestId, /=$/);
  bare.close();
});

test('a one-way route answers nothing; the client hears only what the function pushes', async () => {
  const { ws, connectionId } = await tagged();
  const box = inbox(ws);
  ws.send(JSON.stringify({ action: 'record' }));
  await app.events.of('record', connectionId);
  ws.send(JSON.stringify({ action: 'echo' }));
  assert.equal(JSON.parse(await box.next()).routeKey, 'echo');
  assert.deepEqual(box.messages, [], 'the record route sent nothing back');
  ws.close();
});

test('$disconnect runs when the client closes: with a status and reason, and without one', async () => {
  const first = await tagged();
  first.ws.close(4001, 'bye now');
  const withStatus = (await app.events.of('$disconnect', first.connectionId)).event;
  assert.deepEqual(Object.keys(withStatus), ['headers', 'multiValueHeaders', 'requestContext', 'isBase64Encoded']);
  assert.equal(withStatus.requestContext.eventType, 'DISCONNECT');
  assert.equal(withStatus.requestContext.routeKey, '$disconnect');
  assert.equal(withStatus.requestContext.disconnectStatusCode, 4001);
  assert.equal(withStatus.requestContext.disconnectReason, 'bye now');
  assert.equal(withStatus.headers.Host, `127.0.0.1:${port()}`);

  const second = await tagged();
  second.ws.close();
  const noStatus = (await app.events.of('$disconnect', second.connectionId)).event;
  assert.equal(noStatus.requestContext.disconnectStatusCode, 1005);
  assert.equal(noStatus.requestContext.disconnectReason, 'Client-side close frame status not set');

  const third = await tagged();
  third.ws.terminate();
  const abrupt = (await app.events.of('$disconnect', third.connectionId)).event;
  assert.equal(abrupt.requestContext.disconnectStatusCode, 1006);
});

test('$disconnect runs when the server closes the connection (DeleteConnection)', async () => {
  const { ws, connectionId } = await tagged();
  const closing = closed(ws);
  await managementClient(app.managementUrl()).send(new DeleteConnectionCommand({ ConnectionId: connectionId }));
  assert.equal((await closing).code, 1000);
  const { event } = await app.events.of('$disconnect', connectionId);
  assert.equal(event.requestContext.disconnectStatusCode, 1000);
  assert.match(event.requestContext.disconnectReason, /DeleteConnection/);
});
