/**
 * Mapping function results (and failures) to HTTP answers, as API Gateway does.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { api, route, send, start, THROTTLE, type Started } from './helpers';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('REST responses (payload 1.0)', () => {
  let s: Started;
  let slowFinished = false;
  before(async () => {
    s = await start(
      [
        api(
          'rest',
          [
            route('GET', '/multi', 'Multi'),
            route('GET', '/image', 'Image'),
            route('GET', '/bad/{kind}', 'Bad'),
            route('GET', '/throws', 'Throws'),
            route('GET', '/slow', 'Slow', { timeoutMs: 200 }),
            route('GET', '/throttled', 'Throttled'),
            route('POST', '/upload', 'Multi'),
            route('GET', '/notype', 'NoType'),
          ],
          { binaryMediaTypes: ['image/png'] },
        ),
      ],
      {
        Multi: () => ({
          statusCode: 201,
          headers: { 'X-One': 'a', 'X-Both': 'same', 'Content-Type': 'text/plain' },
          multiValueHeaders: { 'X-Both': ['same', 'other'], 'Set-Cookie': ['c1=1', 'c2=2'] },
          body: 'created',
        }),
        Image: () => ({ statusCode: 200, headers: { 'Content-Type': 'image/png' }, body: Buffer.from([1, 2, 255]).toString('base64'), isBase64Encoded: true }),
        Bad: (e: any) => {
          const kind = e.pathParameters.kind;
          if (kind === 'string') return 'just a string';
          if (kind === 'nostatus') return { body: 'x' };
          if (kind === 'objbody') return { statusCode: 200, body: { not: 'a string' } };
          if (kind === 'extrakey') return { statusCode: 200, body: 'x', cookies: ['a=1'] };
          if (kind === 'badstatus') return { statusCode: 'abc', body: 'x' };
          if (kind === 'badheader') return { statusCode: 200, headers: { 'X-Bad': 'line\nbreak' }, body: 'x' };
          return null;
        },
        Throws: () => {
          throw new Error('boom');
        },
        Slow: async () => {
          await sleep(500);
          slowFinished = true;
          return { statusCode: 200, body: 'late' };
        },
        Throttled: THROTTLE,
        NoType: () => ({ statusCode: 200, body: '{"a":1}' }),
      },
    );
  });
  after(() => s.servers.close());

  it('merges headers and multiValueHeaders, one copy of a pair present in both', async () => {
    const res = await send(s.url, '/multi');
    assert.equal(res.status, 201);
    assert.equal(res.body.toString(), 'created');
    const both = res.rawHeaders.flatMap((v, i) => (i % 2 === 0 && v === 'X-Both' ? [res.rawHeaders[i + 1]] : []));
    assert.deepEqual(both, ['same', 'other']);
    assert.equal(res.headers['x-one'], 'a');
    assert.deepEqual(res.headers['set-cookie'], ['c1=1', 'c2=2']);
    assert.equal(res.headers['content-length'], '7');
  });

  it('defaults Content-Type to application/json', async () => {
    assert.equal((await send(s.url, '/notype')).headers['content-type'], 'application/json');
  });

  it('decodes a base64 body only when the first Accept type is a binary media type', async () => {
    const binary = await send(s.url, '/image', { headers: { Accept: 'image/png' } });
    assert.deepEqual(binary.body, Buffer.from([1, 2, 255]));
    const text = await send(s.url, '/image', { headers: { Accept: '*/*' } });
    assert.equal(text.body.toString(), Buffer.from([1, 2, 255]).toString('base64'));
  });

  it('answers 502 {"message": "Internal server error"} to malformed results and handler errors', async () => {
    for (const path of ['/bad/string', '/bad/nostatus', '/bad/objbody', '/bad/extrakey', '/bad/badstatus', '/bad/badheader', '/bad/null', '/throws']) {
      const res = await send(s.url, path);
      assert.equal(res.status, 502, path);
      assert.equal(res.body.toString(), '{"message": "Internal server error"}');
      assert.equal(res.headers['content-type'], 'application/json');
      assert.ok(res.headers['x-amzn-requestid']);
    }
  });

  it('answers 504 at the integration timeout and lets the invocation run on', async () => {
    slowFinished = false;
    const started = Date.now();
    const res = await send(s.url, '/slow');
    assert.equal(res.status, 504);
    assert.equal(res.body.toString(), '{"message": "Endpoint request timed out"}');
    assert.ok(Date.now() - started < 450);
    assert.equal(slowFinished, false);
    await sleep(400);
    assert.equal(slowFinished, true);
  });

  it('answers 500 when Lambda throttles the invocation', async () => {
    const res = await send(s.url, '/throttled');
    assert.equal(res.status, 500);
    assert.equal(res.body.toString(), '{"message": "Internal server error"}');
  });

  it('answers 413 to a payload over 10 MB, declared or streamed, and keeps serving', async () => {
    const declared = await new Promise<number>((resolve, reject) => {
      const url = new URL(s.url);
      const req = request({ host: url.hostname, port: url.port, path: '/upload', method: 'POST', headers: { 'Content-Length': String(11 * 1024 * 1024) } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write('x');
    });
    assert.equal(declared, 413);
    const streamed = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const url = new URL(s.url);
      const req = request({ host: url.hostname, port: url.port, path: '/upload', method: 'POST', headers: { 'Transfer-Encoding': 'chunked' } }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', () => undefined);
      const chunk = Buffer.alloc(1024 * 1024, 97);
      let sent = 0;
      const pump = () => {
        while (sent < 12) {
          sent++;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
      setTimeout(() => reject(new Error('no answer')), 5000).unref();
    });
    assert.equal(streamed.status, 413);
    assert.equal(streamed.body, '{"message":"Request Too Long"}');
    assert.equal((await send(s.url, '/notype')).status, 200);
  });
});

describe('HTTP API responses (payload 2.0)', () => {
  let s: Started;
  before(async () => {
    s = await start(
      [
        api('http', [
          route('GET', '/infer/{kind}', 'Infer'),
          route('GET', '/structured', 'Structured'),
          route('GET', '/binary', 'Binary'),
          route('GET', '/throws', 'Throws'),
          route('GET', '/bad', 'Bad'),
          route('GET', '/slow', 'Slow', { timeoutMs: 200 }),
          route('GET', '/throttled', 'Throttled'),
          route('GET', '/v1', 'V1', { payloadFormatVersion: '1.0' }),
        ]),
      ],
      {
        Infer: (e: any) => {
          const kind = e.pathParameters.kind;
          if (kind === 'string') return 'Hello from Lambda!';
          if (kind === 'object') return { message: 'Hello from Lambda!' };
          if (kind === 'bodyonly') return { body: 'x', headers: { a: 'b' } };
          if (kind === 'number') return 42;
          return null;
        },
        Structured: () => ({
          statusCode: 418,
          headers: { 'x-multi': 'a,b', 'content-type': 'text/html' },
          cookies: ['s=1; HttpOnly', 't=2'],
          body: '<p>teapot</p>',
        }),
        Binary: () => ({ statusCode: 200, headers: { 'content-type': 'application/octet-stream' }, body: Buffer.from([0, 1, 254]).toString('base64'), isBase64Encoded: true }),
        Throws: () => {
          throw new Error('boom');
        },
        Bad: () => ({ statusCode: 'teapot' }),
        Slow: () => sleep(400).then(() => 'late'),
        Throttled: THROTTLE,
        V1: () => ({ statusCode: 200, multiValueHeaders: { 'X-M': ['1', '2'] }, body: 'v1' }),
      },
    );
  });
  after(() => s.servers.close());

  it('infers 200 application/json with the function output as body when there is no statusCode', async () => {
    const cases: [string, string][] = [
      ['string', 'Hello from Lambda!'],
      ['object', '{"message":"Hello from Lambda!"}'],
      ['bodyonly', '{"body":"x","headers":{"a":"b"}}'],
      ['number', '42'],
      ['null', 'null'],
    ];
    for (const [kind, body] of cases) {
      const res = await send(s.url, `/infer/${kind}`);
      assert.equal(res.status, 200, kind);
      assert.equal(res.headers['content-type'], 'application/json');
      assert.equal(res.body.toString(), body, kind);
    }
  });

  it('turns cookies into Set-Cookie headers and keeps the given status and headers', async () => {
    const res = await send(s.url, '/structured');
    assert.equal(res.status, 418);
    assert.deepEqual(res.headers['set-cookie'], ['s=1; HttpOnly', 't=2']);
    assert.equal(res.headers['x-multi'], 'a,b');
    assert.equal(res.headers['content-type'], 'text/html');
    assert.equal(res.body.toString(), '<p>teapot</p>');
    assert.ok(res.headers['apigw-requestid']);
  });

  it('always decodes a base64 body', async () => {
    assert.deepEqual((await send(s.url, '/binary')).body, Buffer.from([0, 1, 254]));
  });

  it('answers 500 {"message":"Internal Server Error"} to errors, bad results and throttles', async () => {
    for (const path of ['/throws', '/bad', '/throttled']) {
      const res = await send(s.url, path);
      assert.equal(res.status, 500, path);
      assert.equal(res.body.toString(), '{"message":"Internal Server Error"}');
    }
  });

  it('answers 503 {"message":"Service Unavailable"} at the integration timeout', async () => {
    const res = await send(s.url, '/slow');
    assert.equal(res.status, 503);
    assert.equal(res.body.toString(), '{"message":"Service Unavailable"}');
  });

  it('maps 1.0 results on an HTTP API, multiValueHeaders included', async () => {
    const res = await send(s.url, '/v1');
    assert.equal(res.body.toString(), 'v1');
    assert.equal(res.headers['x-m'], '1, 2');
  });
});

describe('closing', () => {
  it('lets in-flight requests finish within the grace period, then stops', async () => {
    const s = await start([api('http', [route('GET', '/wait', 'Wait')])], { Wait: () => sleep(150).then(() => 'done') });
    const pending = send(s.url, '/wait');
    await sleep(30);
    await s.servers.close(2000);
    const res = await pending;
    assert.equal(res.body.toString(), 'done');
    await assert.rejects(fetch(s.url + '/wait'));
  });

  it('cuts requests still running after the grace period', async () => {
    const s = await start([api('http', [route('GET', '/wait', 'Wait')])], { Wait: () => sleep(1000).then(() => 'done') });
    const pending = send(s.url, '/wait');
    await sleep(30);
    const started = Date.now();
    await s.servers.close(50);
    assert.ok(Date.now() - started < 500);
    await assert.rejects(pending);
  });
});
