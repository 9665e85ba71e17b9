/**
 * Malformed requests to every protocol: random bytes, truncated JSON, wrong content types, large
 * headers, bad percent-encoding, missing Action/Target, hostile member names. Every answer must
 * be a well-formed AWS error in the protocol the request spoke, the process must stay up, and
 * what was stored before must be intact. Inputs come from a seeded generator (reproducible).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { LambdaClient, InvokeCommand } from '@aws-sdk/client-lambda';
import { startEdgeApp, type EdgeApp } from './helpers';

let edge: EdgeApp;
let logs: CloudWatchLogsClient;
const stored = Array.from({ length: 5 }, (_, i) => ({ timestamp: Date.now() - 10_000 + i, message: `kept ${i}` }));

before(async () => {
  edge = await startEdgeApp();
  logs = new CloudWatchLogsClient({ ...edge.client, maxAttempts: 1 });
  await logs.send(new CreateLogGroupCommand({ logGroupName: '/fuzz/kept' }));
  await logs.send(new CreateLogStreamCommand({ logGroupName: '/fuzz/kept', logStreamName: 's' }));
  await logs.send(new PutLogEventsCommand({ logGroupName: '/fuzz/kept', logStreamName: 's', logEvents: stored }));
});
after(async () => {
  logs?.destroy();
  await edge?.close();
});

/** mulberry32: small, seeded, good enough to vary inputs reproducibly. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(20240101);
const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(random() * 256)));
const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];

interface Probe {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

async function send(p: Probe) {
  const res = await fetch(edge.endpoint + (p.path ?? '/'), { method: p.method ?? 'POST', headers: p.headers, body: p.body });
  return { res, body: Buffer.from(await res.arrayBuffer()).toString('utf8') };
}

const QUERY_ERROR =
  /^<\?xml version="1\.0"\?>\n<ErrorResponse( xmlns="[^"]+")?><Error><Type>(Sender|Receiver)<\/Type><Code>[A-Za-z.]+<\/Code><Message>[^<]*<\/Message><\/Error><RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>\n$/;

function assertJsonError(r: { res: Response; body: string }, what: string) {
  assert.ok(r.res.status >= 400 && r.res.status < 600, `${what}: status ${r.res.status}`);
  assert.match(r.res.headers.get('content-type') ?? '', /^application\/x-amz-json-1\.[01]$/, what);
  assert.ok(r.res.headers.get('x-amzn-requestid'), what);
  const parsed = JSON.parse(r.body);
  assert.equal(typeof parsed.__type, 'string', what);
  assert.equal(typeof parsed.message, 'string', what);
}

function assertQueryError(r: { res: Response; body: string }, what: string) {
  assert.ok(r.res.status >= 400 && r.res.status < 600, `${what}: status ${r.res.status}`);
  assert.match(r.res.headers.get('content-type') ?? '', /text\/xml/, what);
  assert.match(r.body, QUERY_ERROR, `${what}: ${r.body}`);
}

function assertLambdaError(r: { res: Response; body: string }, what: string) {
  assert.ok(r.res.status >= 400 && r.res.status < 600, `${what}: status ${r.res.status} ${r.body.slice(0, 200)}`);
  assert.match(r.res.headers.get('x-amzn-errortype') ?? '', /^[A-Za-z]+$/, what);
  const parsed = JSON.parse(r.body);
  assert.ok(parsed.Type === 'User' || parsed.Type === 'Service', what);
  assert.equal(typeof parsed.Message, 'string', what);
}

const LOGS_OPS = ['GetLogEvents', 'FilterLogEvents', 'PutLogEvents', 'DescribeLogStreams', 'CreateLogStream', 'DescribeLogGroups'];

test('JSON protocol: random bytes, truncated JSON, wrong shapes and missing targets', async () => {
  const valid = JSON.stringify({ logGroupName: '/fuzz/kept', logStreamName: 's', logEvents: [{ timestamp: 1, message: 'x' }], limit: 5 });
  const bodies = [
    ...Array.from({ length: 15 }, () => bytes(1 + Math.floor(random() * 300))),
    ...Array.from({ length: 15 }, () => valid.slice(0, 1 + Math.floor(random() * (valid.length - 2)))),
    '[]', 'null', '"str"', '42', '{"logGroupName": 5}', '{"logGroupName": "/fuzz/kept", "limit": "many"}',
    '{"logGroupName": "/fuzz/kept", "logStreamName": "s", "logEvents": "x"}', '{"logGroupName": "/fuzz/kept", "logStreamName": "s", "logEvents": [null, 1]}',
    '{"logGroupName": "/fuzz/kept", "nextToken": "%%%"}', '{"__proto__": {"polluted": true}, "logGroupName": "/fuzz/kept"}',
    '{"logGroupIdentifier": "arn:aws:logs:us-east-1:000000000000:log-group:/fuzz/kept:*", "logStreamNames": [1,2]}',
  ];
  for (const body of bodies) {
    const op = pick(LOGS_OPS);
    const type = pick(['application/x-amz-json-1.1', 'application/json', 'text/plain', 'application/x-www-form-urlencoded']);
    const r = await send({ headers: { 'content-type': type, 'x-amz-target': `Logs_20140328.${op}` }, body });
    if (r.res.status === 200) continue; // a fragment can be a valid request (e.g. `{}` for DescribeLogGroups)
    assertJsonError(r, `${op} ${type} ${String(body).slice(0, 40)}`);
  }
  for (const target of ['', '.', 'Logs_20140328.', 'Logs_20140328', 'x'.repeat(8000), 'Logs_20140328.constructor', 'Logs_20140328.__proto__', 'Logs_20140328.toString']) {
    assertJsonError(await send({ headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target }, body: '{}' }), `target ${target.slice(0, 30)}`);
  }
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('query protocol: bad encodings, missing or unknown Action, hostile member names', async () => {
  const forms = [
    'Version=2011-06-15',
    'Action=',
    'Action=%ZZ&Version=2011-06-15',
    'Action=GetCallerIdentity%',
    'Action=NoSuchThing&Version=2011-06-15',
    'Action=GetCallerIdentity&A=1&A.1=2',
    'Action=GetCallerIdentity&__proto__.polluted=1',
    'Action=GetCallerIdentity&a..b=1',
    'Action=GetCallerIdentity&Attr.99999999999.Name=x',
    ...Array.from({ length: 15 }, () => `Action=${encodeURIComponent(bytes(8).toString('latin1'))}`),
  ];
  for (const form of forms) {
    const r = await send({ headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=00' }, body: form });
    if (r.res.status === 200) {
      assert.match(r.body, /<GetCallerIdentityResponse/, form);
      continue;
    }
    assertQueryError(r, form);
  }
  for (let i = 0; i < 15; i++) {
    const r = await send({ headers: { 'content-type': 'application/x-www-form-urlencoded', host: 'sts.amazonaws.com' }, body: bytes(1 + Math.floor(random() * 200)) });
    assertQueryError(r, 'random form bytes');
  }
  assertQueryError(await send({ method: 'GET', path: '/?Action=Nope&Version=1', headers: { authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=00' } }), 'GET unknown');
  assertQueryError(await send({ headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=SendMessage&QueueUrl=x' }), 'unknown service');
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('REST-JSON (Lambda): bad names, encodings, headers and payloads', async () => {
  const probes: Probe[] = [
    { path: '/2015-03-31/functions/%E0%A4%A/invocations', body: '{}' },
    { path: '/2015-03-31/functions/%ZZ/invocations', body: '{}' },
    { path: `/2015-03-31/functions/${'a'.repeat(300)}/invocations`, body: '{}' },
    { path: '/2015-03-31/functions/edge-echo:1:2:3/invocations', body: '{}' },
    { path: '/2015-03-31/functions/edge-echo/invocations?Qualifier=other', body: '{}' },
    { path: '/2015-03-31/functions/edge-echo/invocations', headers: { 'x-amz-invocation-type': 'Sometimes' }, body: '{}' },
    { path: '/2015-03-31/functions/edge-echo/invocations', headers: { 'x-amz-client-context': '!!!not base64' }, body: '{}' },
    { path: '/2015-03-31/functions/edge-echo/invocations', headers: { 'x-amz-client-context': Buffer.from('[1]').toString('base64') }, body: '{}' },
    { path: '/2015-03-31/functions/edge-echo/invocations', headers: { 'x-amz-log-type': 'x'.repeat(8000) }, body: '{"a":' },
    { method: 'GET', path: '/2015-03-31/functions/?MaxItems=0' },
    { method: 'GET', path: '/2015-03-31/functions/?MaxItems=abc' },
    { method: 'GET', path: '/2015-03-31/functions/?Marker=%FF%FE' },
    { method: 'DELETE', path: '/2015-03-31/functions/edge-echo' },
    { method: 'PUT', path: '/2015-03-31/functions/edge-echo/invocations', body: '{}' },
    ...Array.from({ length: 20 }, () => ({ path: '/2015-03-31/functions/edge-echo/invocations', headers: { 'content-type': pick(['application/json', 'application/octet-stream', 'text/plain']) }, body: bytes(1 + Math.floor(random() * 300)) })),
  ];
  for (const p of probes) assertLambdaError(await send(p), `${p.method ?? 'POST'} ${p.path?.slice(0, 60)}`);
});

test('unknown paths and methods are AWS errors; oversized headers and broken HTTP leave the process up', async () => {
  // Unsigned requests no other service claims are S3's, path-style (as on LocalStack): GET / is
  // ListBuckets, the rest S3 <Error> documents. Signed for a service Stratus lacks: JSON errors.
  const list = await send({ method: 'GET', path: '/' });
  assert.equal(list.res.status, 200);
  assert.match(list.body, /<ListAllMyBucketsResult/);
  for (const [method, path] of [['PATCH', '/whatever'], ['POST', '/a/b/c?x=%'], ['GET', '/%%%']]) {
    const r = await send({ method, path });
    assert.ok(r.res.status >= 400 && r.res.status < 600, `${method} ${path}: ${r.res.status}`);
    assert.match(r.body, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<Error><Code>[A-Za-z]+<\/Code><Message>/, `${method} ${path}`);
  }
  const nosuch = 'AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1/nosuch/aws4_request, SignedHeaders=host, Signature=00';
  for (const [method, path] of [['GET', '/'], ['PATCH', '/whatever']]) {
    assertJsonError(await send({ method, path, headers: { authorization: nosuch } }), `${method} ${path} signed for nosuch`);
  }
  // Node refuses headers over its 16 KB limit itself (431) before any handler runs.
  const huge = await fetch(edge.endpoint, { method: 'POST', headers: { 'x-huge': 'h'.repeat(64 * 1024) }, body: '{}' }).catch(() => undefined);
  if (huge) assert.equal(huge.status, 431);
  await new Promise<void>((resolve) => {
    const socket = connect(Number(new URL(edge.endpoint).port), '127.0.0.1', () => socket.end('GARBAGE \u0000\u0001 HTTP/9\r\n\r\n'));
    socket.on('data', () => {});
    socket.on('close', () => resolve());
    socket.on('error', () => resolve());
  });
  // Body bigger than the edge reads: answered, not buffered.
  const big = await send({ path: '/2015-03-31/functions/edge-echo/invocations', body: Buffer.alloc(9 * 1024 * 1024, 0x20) });
  assertLambdaError(big, 'body over the read limit');
  assert.equal(big.res.headers.get('x-amzn-errortype'), 'RequestTooLargeException');
});

test('after the fuzzing the process answers and stored data is intact', async () => {
  const health = await fetch(`${edge.endpoint}/_stratus/health`);
  assert.equal(health.status, 200);
  const lambda = new LambdaClient(edge.client);
  const out = await lambda.send(new InvokeCommand({ FunctionName: 'edge-echo', Payload: '{"still":"alive"}' }));
  lambda.destroy();
  assert.deepEqual(JSON.parse(Buffer.from(out.Payload!).toString()).event, { still: 'alive' });
  const events = await logs.send(new GetLogEventsCommand({ logGroupName: '/fuzz/kept', logStreamName: 's', startFromHead: true }));
  assert.deepEqual(events.events!.map((e) => ({ timestamp: e.timestamp, message: e.message })), stored);
});
