/**
 * Bad input never crashes Stratus: oversized messages (AWS closes with 1009 "Message too big"
 * over the 128 KB message quota), invalid frames and invalid UTF-8, broken upgrade requests,
 * clients that vanish during $connect, and a small seeded fuzz of frames and management requests.
 * The idle timeout (10 minutes) and the maximum duration (2 hours) close with 1001 "Going away",
 * measured on the adjustable clock (no sleeping).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect as netConnect } from 'node:net';
import { randomBytes, randomUUID } from 'node:crypto';
import { closed, inbox, open, startWsApp } from './helpers';

const app = await startWsApp(['--clock', 'adjustable']);
const wsUrl = `${app.apis.WsApi}/prod`;
const { hostname, port } = new URL(app.apis.WsApi!.replace(/^ws/, 'http'));

async function stillServing(): Promise<void> {
  const ws = await open(wsUrl);
  const box = inbox(ws);
  ws.send(JSON.stringify({ action: 'echo' }));
  assert.equal(JSON.parse(await box.next()).routeKey, 'echo');
  ws.close();
  assert.equal(app.proc.child.exitCode, null, 'stratus is still running');
}

/** A raw upgrade on a TCP socket; resolves with the socket after the 101 (or the refusal text). */
function rawUpgrade(path = '/prod', extraHeaders = ''): Promise<{ socket: import('node:net').Socket; head: string }> {
  return new Promise((resolve, reject) => {
    const socket = netConnect(Number(port), hostname);
    let text = '';
    socket.on('error', reject);
    socket.on('data', function onData(chunk) {
      text += chunk.toString('latin1');
      if (text.includes('\r\n\r\n')) {
        socket.off('data', onData);
        resolve({ socket, head: text });
      }
    });
    socket.write(
      `GET ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n${extraHeaders}\r\n`,
    );
  });
}

/** One masked client frame. */
function frame(opcode: number, payload: Buffer, fin = true): Buffer {
  const mask = randomBytes(4);
  const length = payload.length;
  const header = length < 126 ? Buffer.from([(fin ? 0x80 : 0) | opcode, 0x80 | length]) : Buffer.from([(fin ? 0x80 : 0) | opcode, 0x80 | 126, length >> 8, length & 0xff]);
  const masked = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
  return Buffer.concat([header, mask, masked]);
}

/** Sends `text` as frames of at most `frameBytes` (a fragmented message). */
function sendInFrames(ws: import('ws').WebSocket, text: string, frameBytes = 32 * 1024): void {
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length; at += frameBytes) {
    ws.send(bytes.subarray(at, at + frameBytes), { fin: at + frameBytes >= bytes.length, binary: false });
  }
}

test('a 128 KB message in 32 KB frames is accepted; a message over 128 KB closes the connection with 1009', async () => {
  const ws = await open(wsUrl);
  const box = inbox(ws);
  const exact = JSON.stringify({ action: 'echo', pad: '' });
  const padded = exact.replace('""', `"${'x'.repeat(128 * 1024 - exact.length)}"`);
  assert.equal(Buffer.byteLength(padded), 128 * 1024);
  sendInFrames(ws, padded);
  assert.equal(JSON.parse(await box.next()).routeKey, 'echo');
  const closing = closed(ws);
  sendInFrames(ws, 'y'.repeat(128 * 1024 + 1));
  assert.equal((await closing).code, 1009);
  await stillServing();
});

test('a single frame over 32 KB closes the connection with 1009 (API Gateway\'s frame quota); 32 KB exactly is accepted', async () => {
  const tag = randomUUID();
  const ws = await open(`${wsUrl}?tag=${tag}`);
  const { event } = await app.events.of('connect', undefined, (e) => e.queryStringParameters?.tag === tag);
  const box = inbox(ws);
  const exact = JSON.stringify({ action: 'echo', pad: '' });
  ws.send(exact.replace('""', `"${'x'.repeat(32 * 1024 - exact.length)}"`));
  assert.equal(JSON.parse(await box.next()).routeKey, 'echo');
  const closing = closed(ws);
  ws.send(JSON.stringify({ action: 'echo', pad: 'x'.repeat(32 * 1024) }));
  assert.equal((await closing).code, 1009);
  const disconnect = await app.events.of('$disconnect', event.requestContext.connectionId);
  assert.equal(disconnect.event.requestContext.disconnectStatusCode, 1009);
  assert.equal(disconnect.event.requestContext.disconnectReason, 'Message too big');
  assert.deepEqual(box.messages, [], 'the oversized frame reached no route');
  await stillServing();
});

test('invalid frames, invalid UTF-8 and garbage after the upgrade close that socket only', async () => {
  const garbage = await rawUpgrade();
  assert.match(garbage.head, /^HTTP\/1\.1 101/);
  garbage.socket.write(randomBytes(64));
  await new Promise((resolve) => garbage.socket.once('close', resolve));

  const utf8 = await rawUpgrade();
  utf8.socket.write(frame(0x1, Buffer.from([0xc3, 0x28])));
  await new Promise((resolve) => utf8.socket.once('close', resolve));

  const unmasked = await rawUpgrade();
  unmasked.socket.write(Buffer.from([0x81, 0x02, 0x68, 0x69]));
  await new Promise((resolve) => unmasked.socket.once('close', resolve));

  const reserved = await rawUpgrade();
  reserved.socket.write(frame(0x3, Buffer.from('x')));
  await new Promise((resolve) => reserved.socket.once('close', resolve));

  const fragments = await rawUpgrade();
  fragments.socket.write(frame(0x1, Buffer.from('{"action":'), false));
  fragments.socket.write(frame(0x0, Buffer.from('"echo"}')));
  const reply = await new Promise<string>((resolve) => fragments.socket.once('data', (d) => resolve(d.toString('latin1'))));
  assert.match(reply, /"routeKey":"echo"/, 'a fragmented message is one message');
  fragments.socket.destroy();
  await stillServing();
});

test('broken upgrade requests are refused; a client that leaves during $connect is forgotten', async () => {
  const noKey = await new Promise<string>((resolve) => {
    const socket = netConnect(Number(port), hostname);
    let text = '';
    socket.on('data', (c) => (text += c));
    socket.on('close', () => resolve(text));
    socket.write(`GET /prod HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n`);
  });
  assert.match(noKey, /^HTTP\/1\.1 400/);
  const badVersion = await rawUpgrade('/prod', 'Sec-WebSocket-Version: 99\r\n').catch(() => undefined);
  if (badVersion) assert.doesNotMatch(badVersion.head, /^HTTP\/1\.1 101/);
  const badPath = await rawUpgrade('/%E0%A4%A');
  assert.match(badPath.head, /^HTTP\/1\.1 403/);
  const leaving = netConnect(Number(port), hostname);
  leaving.write(`GET /prod?tag=${randomUUID()} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n\r\n`);
  leaving.destroy();
  await stillServing();
});

test('the idle timeout (10 minutes) closes with 1001 and runs $disconnect', async () => {
  const tag = randomUUID();
  const ws = await open(`${wsUrl}?tag=${tag}`);
  const { event } = await app.events.of('connect', undefined, (e) => e.queryStringParameters?.tag === tag);
  const closing = closed(ws);
  await fetch(`${app.edgeUrl}/_stratus/clock`, { method: 'POST', body: JSON.stringify({ advanceMs: 10 * 60_000 + 1_000 }) });
  const { code, reason } = await closing;
  assert.equal(code, 1001);
  assert.match(reason, /idle/);
  const disconnect = await app.events.of('$disconnect', event.requestContext.connectionId);
  assert.equal(disconnect.event.requestContext.disconnectStatusCode, 1001);
});

test('an active connection is closed with 1001 at its maximum duration (2 hours)', { timeout: 60_000 }, async () => {
  const ws = await open(wsUrl);
  const box = inbox(ws);
  const closing = closed(ws);
  for (let minutes = 0; minutes < 130; minutes += 9) {
    if (ws.readyState !== ws.OPEN) break;
    ws.send(JSON.stringify({ action: 'echo' }));
    if ((await Promise.race([box.next().then(() => 'message'), closing.then(() => 'closed')])) === 'closed') break;
    await fetch(`${app.edgeUrl}/_stratus/clock`, { method: 'POST', body: JSON.stringify({ advanceMs: 9 * 60_000 }) });
  }
  const { code, reason } = await closing;
  assert.equal(code, 1001);
  assert.match(reason, /maximum duration/);
});

test('seeded fuzz: random frames and random management requests never crash the process', { timeout: 60_000 }, async () => {
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
  const ws = await open(wsUrl);
  ws.on('error', () => {});
  const shapes = [
    () => JSON.stringify({ action: pick(['echo', 'record', 'nope', '', null, 1, true, ['x'], { a: 1 }]) }),
    () => '{"action":' + '['.repeat(Math.floor(random() * 50)),
    () => Buffer.from(Array.from({ length: Math.floor(random() * 300) }, () => Math.floor(random() * 256))),
    () => JSON.stringify({ action: 'echo', deep: JSON.parse('['.repeat(200) + ']'.repeat(200)) }),
    () => '\u0000\uffff' + 'é'.repeat(Math.floor(random() * 100)),
  ];
  for (let i = 0; i < 60; i++) {
    const message = pick(shapes)();
    if (ws.readyState === ws.OPEN) ws.send(message);
  }
  const base = app.managementUrl().replace(/\/prod$/, '');
  const statuses = new Set<number>();
  for (let i = 0; i < 60; i++) {
    const method = pick(['GET', 'POST', 'DELETE', 'PUT', 'HEAD', 'OPTIONS']);
    const path = pick(['/prod/@connections/', '/@connections/', '/dev/@connections/', '/prod/', '/']) + pick(['', 'abc=', '%ZZ', '..%2F..', 'a'.repeat(2000), randomBytes(6).toString('base64url')]);
    const body = method === 'POST' ? randomBytes(Math.floor(random() * 2000)) : undefined;
    const res = await fetch(`${base}${path}`, { method, body });
    statuses.add(res.status);
    await res.arrayBuffer();
    const edge = await fetch(`${app.edgeUrl}${path}`, { method, body, headers: { authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/execute-api/aws4_request, SignedHeaders=host, Signature=00' } });
    await edge.arrayBuffer();
    assert.ok(edge.status < 500 || edge.status === 501, `edge ${method} ${path} → ${edge.status}`);
  }
  for (const status of statuses) assert.ok([200, 204, 403, 410, 413].includes(status), `status ${status}`);
  ws.close();
  await stillServing();
});
