/**
 * The S3-proxy routes of an OpenAPI DefinitionBody (seed 004's front end), read from the template
 * by the real loader and served over real HTTP, with objects from an in-memory ObjectSource (the
 * gateway's own port; the end-to-end test with the bucket service is s3-proxy-e2e.test.ts).
 * Sources pinned: "Tutorial: Create a REST API as an Amazon S3 proxy" (`type: aws`, uri
 * `arn:aws:apigateway:<region>:s3:path/{bucket}/{object}`, requestParameters mapping
 * `integration.request.path.proxy` from `method.request.path.proxy`, integration responses
 * selected by the S3 status, `responseParameters` mapping Content-Type), S3's NoSuchKey error body.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { loadTemplate } from '../../src/template';
import { startHttpApis, type HttpApiServers, type ObjectSource } from '../../src/gateways/http-api';
import { inlineInvoker } from '../gateway-http/helpers';
import { REPO } from '../support/stratus-process';
import { call } from './helpers';

const objects = new Map<string, { body: Buffer; type?: string }>([
  ['front-site/index.html', { body: Buffer.from('<h1>home</h1>'), type: 'text/html' }],
  ['front-site/css/app.css', { body: Buffer.from('body{}'), type: 'text/css' }],
  ['front-site/img/logo.png', { body: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]), type: 'image/png' }],
  ['front-site/dir with space/ü.txt', { body: Buffer.from('unicode') }],
]);
const requested: string[] = [];
const source: ObjectSource = {
  async getObject(bucket, key) {
    requested.push(`${bucket}/${key}`);
    if (bucket !== 'front-site') return { missing: 'NoSuchBucket' };
    const found = objects.get(`${bucket}/${key}`);
    if (!found) return { missing: 'NoSuchKey' };
    return { body: Readable.from([found.body]), contentType: found.type, contentLength: found.body.length, etag: '"abc"', lastModified: new Date(0) };
  },
};

let servers: HttpApiServers;
let url: string;
let warnings: string[];

before(async () => {
  const model = await loadTemplate(join(REPO, 'test/gateway-auth/fixtures/front-app/template.yaml'));
  warnings = model.warnings;
  const { invoker } = inlineInvoker({ ApiFunction: (event) => ({ statusCode: 200, body: `hello ${event.path}` }) });
  servers = await startHttpApis({ apis: model.apis, invoker, host: '127.0.0.1', port: 0, region: 'us-east-1', accountId: '000000000000', resources: model.resources, objects: source });
  url = servers.endpoints[0].url;
});
after(async () => {
  await servers?.close();
});

test('the definition body gives S3 routes next to the function routes; other integrations are named in a warning', () => {
  const routes = servers.endpoints[0].api.routes.map((r) => `${r.method} ${r.path} ${r.s3 ? 's3:' + r.s3.objectPath : r.functionLogicalId}`);
  assert.deepEqual(routes.sort(), ['GET / s3:front-site/index.html', 'GET /api/hello ApiFunction', 'GET /{proxy+} s3:front-site/{proxy}']);
  assert.ok(warnings.some((w) => w.includes('POST /hooks')), warnings.join('\n'));
});

test('GET / serves index.html with the object\'s Content-Type', async () => {
  const res = await call(`${url}/`);
  assert.equal(res.status, 200);
  assert.equal(res.text, '<h1>home</h1>');
  assert.equal(res.headers.get('content-type'), 'text/html');
});

test('{proxy+} maps the rest of the path to the key; mapped headers and literals are set', async () => {
  const css = await call(`${url}/css/app.css`);
  assert.equal(css.status, 200);
  assert.equal(css.text, 'body{}');
  assert.equal(css.headers.get('content-type'), 'text/css');
  assert.equal(css.headers.get('etag'), '"abc"');
  assert.equal(css.headers.get('cache-control'), 'max-age=60');
  const png = Buffer.from(await (await fetch(`${url}/img/logo.png`)).arrayBuffer());
  assert.deepEqual(png, objects.get('front-site/img/logo.png')!.body);
  // Percent-encoded segments are decoded into the key; an object without a type is binary/octet-stream.
  const spaced = await call(`${url}/dir%20with%20space/%C3%BC.txt`);
  assert.equal(spaced.text, 'unicode');
  assert.equal(spaced.headers.get('content-type'), 'binary/octet-stream');
  // The stage prefix works as for every REST route.
  assert.equal((await call(`${url}/Prod/css/app.css`)).text, 'body{}');
});

test('a missing object: S3\'s 404 NoSuchKey goes through the 4\\d{2} integration response', async () => {
  const res = await call(`${url}/missing.js`);
  assert.equal(res.status, 404);
  assert.match(res.text, /<Code>NoSuchKey<\/Code><Message>The specified key does not exist.<\/Message><Key>missing.js<\/Key>/);
  assert.ok(res.headers.get('x-amzn-requestid'));
});

test('the function route on the same API still runs its function', async () => {
  assert.equal((await call(`${url}/api/hello`)).text, 'hello /api/hello');
});

test('traversal-looking paths are handed to the source as keys, never resolved as paths', async () => {
  requested.length = 0;
  await call(`${url}/..%2F..%2Fetc%2Fpasswd`);
  await call(`${url}/a/../../b`);
  assert.ok(requested.includes('front-site/../../etc/passwd'), requested.join(','));
});
