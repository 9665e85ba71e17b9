/**
 * Seed 004's front end end to end: files uploaded through the S3 API (SDK v3 and the aws CLI)
 * are served by a REST API `{proxy+}` S3 integration of `stratus start`; a missing object is S3's
 * NoSuchKey through the definition's `4\d{2}` integration response ("Tutorial: Create a REST API
 * as an Amazon S3 proxy"), and a definition without one passes S3's error body with the default
 * response's status, as API Gateway does.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { REPO, startStratus, removeDir, type StratusProcess } from '../support/stratus-process';
import { call } from './helpers';

let app: StratusProcess;
let s3: S3Client;
let front: string;

before(async () => {
  app = await startStratus([join(REPO, 'test/gateway-auth/fixtures/front-app')]);
  front = app.apis.FrontApi;
  s3 = new S3Client({ endpoint: app.edgeUrl, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
});
after(async () => {
  s3?.destroy();
  await app?.stop();
  if (app) removeDir(app.stateDir);
});

test('an object put through the S3 API is served by the {proxy+} route with its Content-Type and ETag', async () => {
  const put = await s3.send(new PutObjectCommand({ Bucket: 'front-site', Key: 'js/app.js', Body: 'console.log(1)', ContentType: 'application/javascript' }));
  const res = await call(`${front}/js/app.js`);
  assert.equal(res.status, 200);
  assert.equal(res.text, 'console.log(1)');
  assert.equal(res.headers.get('content-type'), 'application/javascript');
  assert.equal(res.headers.get('etag'), put.ETag);
  assert.equal(res.headers.get('cache-control'), 'max-age=60');
});

test('GET / serves index.html; binary bytes arrive unchanged', async () => {
  // Before the upload: `/` has only a default integration response, so S3's 404 comes back as
  // 200 with the NoSuchKey XML — what API Gateway does with such a definition.
  const before = await call(`${front}/`);
  assert.equal(before.status, 200);
  assert.match(before.text, /<Code>NoSuchKey<\/Code>/);
  await s3.send(new PutObjectCommand({ Bucket: 'front-site', Key: 'index.html', Body: '<h1>Stratus</h1>', ContentType: 'text/html' }));
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 255, 128]);
  await s3.send(new PutObjectCommand({ Bucket: 'front-site', Key: 'img/logo.png', Body: png, ContentType: 'image/png' }));
  const home = await call(`${front}/`);
  assert.equal(home.text, '<h1>Stratus</h1>');
  assert.equal(home.headers.get('content-type'), 'text/html');
  assert.deepEqual(Buffer.from(await (await fetch(`${front}/img/logo.png`)).arrayBuffer()), png);
});

test('files synced with `aws s3 sync` (CLI v2 2.9 predates AWS_ENDPOINT_URL: --endpoint-url) are served', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'front-sync-'));
  try {
    mkdirSync(join(dir, 'css'));
    writeFileSync(join(dir, 'css', 'site.css'), 'h1{color:red}');
    const env = { ...process.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_DEFAULT_REGION: 'us-east-1', AWS_ENDPOINT_URL: app.edgeUrl, AWS_PAGER: '', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' };
    await promisify(execFile)('/usr/bin/aws', ['s3', 'sync', dir, 's3://front-site/', '--endpoint-url', app.edgeUrl], { env });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const res = await call(`${front}/css/site.css`);
  assert.equal(res.status, 200);
  assert.equal(res.text, 'h1{color:red}');
  assert.equal(res.headers.get('content-type'), 'text/css');
});

test('a missing object is 404 with S3\'s NoSuchKey body (the definition maps 4\\d{2} to 404)', async () => {
  const res = await call(`${front}/nope/missing.html`);
  assert.equal(res.status, 404);
  assert.match(res.text, /<Code>NoSuchKey<\/Code>/);
  assert.match(res.text, /<Key>nope\/missing.html<\/Key>/);
});

test('traversal-looking keys are only keys: nothing outside the bucket is served', async () => {
  for (const path of ['/..%2F..%2F..%2Fetc%2Fpasswd', '/%2e%2e/%2e%2e/etc/passwd', '/..%5c..%5cwindows']) {
    const res = await call(`${front}${path}`);
    assert.ok(res.status === 404 || res.status === 400, `${path} → ${res.status}`);
    assert.doesNotMatch(res.text, /root:/);
  }
});
