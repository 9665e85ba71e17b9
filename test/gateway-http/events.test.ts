/**
 * Event shapes, field by field, against the documented payloads ("Input format of a Lambda
 * function for proxy integration" for REST; "Working with AWS Lambda proxy integrations for
 * HTTP APIs" for 1.0 and 2.0) and captured HTTP API events.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { api, echoV1, echoV2, route, send, start, type Started } from './helpers';

const REQUEST_TIME = /^\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d \+0000$/;
const SHORT_ID = /^[A-Za-z0-9_-]{15}=$/;
const IDENTITY_KEYS = [
  'accessKey', 'accountId', 'caller', 'cognitoAuthenticationProvider', 'cognitoAuthenticationType', 'cognitoIdentityId',
  'cognitoIdentityPoolId', 'principalOrgId', 'sourceIp', 'user', 'userAgent', 'userArn',
];

describe('REST API event (payload 1.0)', () => {
  let s: Started;
  before(async () => {
    s = await start(
      [api('rest', [route('POST', '/items/{id}', 'Echo'), route('GET', '/plain', 'Echo')], { binaryMediaTypes: ['image~1png'] })],
      { Echo: echoV1 },
    );
  });
  after(() => s.servers.close());

  it('has every documented field with AWS values', async () => {
    const res = await send(s.url, '/Prod/items/42?a=1&b=2&a=3&flag', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Multi': ['one', 'two'], 'User-Agent': 'test-agent' },
      body: '{"hello":"world"}',
    });
    assert.equal(res.status, 200);
    const e = JSON.parse(res.body.toString());
    assert.deepEqual(Object.keys(e), [
      'resource', 'path', 'httpMethod', 'headers', 'multiValueHeaders', 'queryStringParameters',
      'multiValueQueryStringParameters', 'requestContext', 'pathParameters', 'stageVariables', 'body', 'isBase64Encoded',
    ]);
    assert.equal(e.resource, '/items/{id}');
    assert.equal(e.path, '/items/42');
    assert.equal(e.httpMethod, 'POST');
    assert.equal(e.headers['Content-Type'], 'application/json');
    assert.equal(e.headers['X-Multi'], 'two');
    assert.deepEqual(e.multiValueHeaders['X-Multi'], ['one', 'two']);
    assert.equal(e.headers['X-Forwarded-Proto'], 'http');
    assert.equal(e.headers['X-Forwarded-For'], '127.0.0.1');
    assert.match(e.headers['X-Amzn-Trace-Id'], /^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    assert.deepEqual(e.queryStringParameters, { a: '3', b: '2', flag: '' });
    assert.deepEqual(e.multiValueQueryStringParameters, { a: ['1', '3'], b: ['2'], flag: [''] });
    assert.deepEqual(e.pathParameters, { id: '42' });
    assert.equal(e.stageVariables, null);
    assert.equal(e.body, '{"hello":"world"}');
    assert.equal(e.isBase64Encoded, false);
    const c = e.requestContext;
    assert.deepEqual(Object.keys(c).sort(), [
      'accountId', 'apiId', 'domainName', 'domainPrefix', 'extendedRequestId', 'httpMethod', 'identity', 'path', 'protocol',
      'requestId', 'requestTime', 'requestTimeEpoch', 'resourceId', 'resourcePath', 'stage',
    ]);
    assert.equal(c.accountId, '000000000000');
    assert.match(c.apiId, /^[a-z0-9]{10}$/);
    assert.equal(c.domainName, new URL(s.url).host);
    assert.equal(c.domainPrefix, '127');
    assert.match(c.extendedRequestId, SHORT_ID);
    assert.equal(c.httpMethod, 'POST');
    assert.deepEqual(Object.keys(c.identity).sort(), IDENTITY_KEYS);
    assert.equal(c.identity.sourceIp, '127.0.0.1');
    assert.equal(c.identity.userAgent, 'test-agent');
    assert.equal(c.identity.accessKey, null);
    assert.equal(c.path, '/Prod/items/42');
    assert.equal(c.protocol, 'HTTP/1.1');
    assert.match(c.requestId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.match(c.requestTime, REQUEST_TIME);
    assert.ok(Math.abs(c.requestTimeEpoch - Date.now()) < 5000);
    assert.match(c.resourceId, /^[a-z0-9]{6}$/);
    assert.equal(c.resourcePath, '/items/{id}');
    assert.equal(c.stage, 'Prod');
    assert.equal(res.headers['x-amzn-requestid'], c.requestId);
    assert.equal(res.headers['x-amz-apigw-id'], c.extendedRequestId);
  });

  it('sends null for absent query, path parameters and body; adds the stage to requestContext.path', async () => {
    const e = JSON.parse((await send(s.url, '/plain')).body.toString());
    assert.equal(e.queryStringParameters, null);
    assert.equal(e.multiValueQueryStringParameters, null);
    assert.equal(e.pathParameters, null);
    assert.equal(e.body, null);
    assert.equal(e.path, '/plain');
    assert.equal(e.requestContext.path, '/Prod/plain');
  });

  it('base64-encodes a body whose Content-Type is in binaryMediaTypes, passes other types as text', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);
    const binary = JSON.parse((await send(s.url, '/items/1', { method: 'POST', headers: { 'Content-Type': 'image/png' }, body: png })).body.toString());
    assert.equal(binary.isBase64Encoded, true);
    assert.deepEqual(Buffer.from(binary.body, 'base64'), png);
    const text = JSON.parse((await send(s.url, '/items/1', { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: 'abc' })).body.toString());
    assert.equal(text.isBase64Encoded, false);
    assert.equal(text.body, 'abc');
  });
});

describe('HTTP API events', () => {
  let s: Started;
  before(async () => {
    s = await start(
      [
        api('http', [
          route('POST', '/v2/{id}', 'Echo'),
          route('GET', '/v2', 'Echo'),
          route('POST', '/v1/{proxy+}', 'EchoV1', { payloadFormatVersion: '1.0' }),
        ]),
      ],
      { Echo: echoV2, EchoV1: echoV1 },
    );
  });
  after(() => s.servers.close());

  it('2.0: documented fields, lower-cased headers joined by commas, cookies apart', async () => {
    const res = await send(s.url, '/v2/abc?x=1&x=2&y=%20z', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Multi': ['one', 'two'], Cookie: 'a=1; b=2', 'User-Agent': 'ua' },
      body: '{"k":1}',
    });
    assert.equal(res.status, 200);
    const e = JSON.parse(res.body.toString());
    assert.deepEqual(Object.keys(e), [
      'version', 'routeKey', 'rawPath', 'rawQueryString', 'cookies', 'headers', 'queryStringParameters', 'requestContext',
      'body', 'pathParameters', 'isBase64Encoded',
    ]);
    assert.equal(e.version, '2.0');
    assert.equal(e.routeKey, 'POST /v2/{id}');
    assert.equal(e.rawPath, '/v2/abc');
    assert.equal(e.rawQueryString, 'x=1&x=2&y=%20z');
    assert.deepEqual(e.cookies, ['a=1', 'b=2']);
    assert.equal(e.headers['x-multi'], 'one,two');
    assert.equal(e.headers['content-type'], 'application/json');
    assert.equal(e.headers.cookie, undefined);
    assert.deepEqual(e.queryStringParameters, { x: '1,2', y: ' z' });
    assert.equal(e.body, '{"k":1}');
    assert.deepEqual(e.pathParameters, { id: 'abc' });
    assert.equal(e.isBase64Encoded, false);
    const c = e.requestContext;
    assert.deepEqual(Object.keys(c), ['accountId', 'apiId', 'domainName', 'domainPrefix', 'http', 'requestId', 'routeKey', 'stage', 'time', 'timeEpoch']);
    assert.deepEqual(c.http, { method: 'POST', path: '/v2/abc', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'ua' });
    assert.match(c.requestId, SHORT_ID);
    assert.equal(res.headers['apigw-requestid'], c.requestId);
    assert.equal(c.routeKey, 'POST /v2/{id}');
    assert.equal(c.stage, '$default');
    assert.match(c.time, REQUEST_TIME);
    assert.equal(typeof c.timeEpoch, 'number');
  });

  it('2.0: leaves out cookies, query, path parameters and body when there are none', async () => {
    const e = JSON.parse((await send(s.url, '/v2')).body.toString());
    for (const absent of ['cookies', 'queryStringParameters', 'pathParameters', 'body']) assert.equal(absent in e, false, absent);
    assert.equal(e.rawQueryString, '');
    assert.equal(e.isBase64Encoded, false);
  });

  it('2.0: base64-encodes all but text types (form posts and missing Content-Type included)', async () => {
    const cases: [string | undefined, boolean][] = [
      ['text/plain; charset=utf-8', false],
      ['application/json', false],
      ['application/xml', false],
      ['application/javascript', false],
      ['application/x-www-form-urlencoded', true],
      ['application/octet-stream', true],
      [undefined, true],
    ];
    for (const [type, encoded] of cases) {
      const headers: Record<string, string> = type ? { 'Content-Type': type } : {};
      const e = JSON.parse((await send(s.url, '/v2/b', { method: 'POST', headers, body: 'a=b c' })).body.toString());
      assert.equal(e.isBase64Encoded, encoded, String(type));
      assert.equal(encoded ? Buffer.from(e.body, 'base64').toString() : e.body, 'a=b c');
    }
  });

  it('1.0 on an HTTP API: version "1.0", route key as resourceId, stage $default', async () => {
    const res = await send(s.url, '/v1/deep/path?q=1', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'hi' });
    const e = JSON.parse(res.body.toString());
    assert.equal(e.version, '1.0');
    assert.equal(e.resource, '/v1/{proxy+}');
    assert.equal(e.path, '/v1/deep/path');
    assert.deepEqual(e.pathParameters, { proxy: 'deep/path' });
    assert.deepEqual(e.multiValueQueryStringParameters, { q: ['1'] });
    assert.equal(e.requestContext.resourceId, 'POST /v1/{proxy+}');
    assert.equal(e.requestContext.resourcePath, '/v1/{proxy+}');
    assert.equal(e.requestContext.stage, '$default');
    assert.equal(e.requestContext.requestId, e.requestContext.extendedRequestId);
    assert.equal(e.requestContext.identity.cognitoAmr, null);
    assert.equal(e.body, 'hi');
    assert.equal(e.isBase64Encoded, false);
  });
});
