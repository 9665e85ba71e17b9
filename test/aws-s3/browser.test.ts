/**
 * A real browser (headless Chromium through playwright-core) on a page of another origin uploads
 * with a pre-signed POST form, PUTs through a pre-signed URL with a header that needs a CORS
 * preflight, and reads the object back — each cross-origin request allowed by the bucket's CORS
 * rules, as S3 answers them. A page of a refused origin is blocked by the browser itself.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { CreateBucketCommand, GetObjectCommand, PutBucketCorsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { bodyText, startS3App, type S3App } from './helpers';

const CHROMIUM = '/usr/bin/chromium';
let s: S3App;
let browser: Browser;
let page: Server;
let pageOrigin = '';

before(async () => {
  s = await startS3App();
  page = createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>uploader</title>'));
  await new Promise<void>((r) => page.listen(0, '127.0.0.1', () => r()));
  pageOrigin = `http://127.0.0.1:${(page.address() as { port: number }).port}`;
  await s.s3.send(new CreateBucketCommand({ Bucket: 'browser-uploads' }));
  await s.s3.send(
    new PutBucketCorsCommand({
      Bucket: 'browser-uploads',
      CORSConfiguration: { CORSRules: [{ AllowedOrigins: [pageOrigin], AllowedMethods: ['GET', 'PUT', 'POST'], AllowedHeaders: ['*'], ExposeHeaders: ['ETag'], MaxAgeSeconds: 60 }] },
    }),
  );
  if (existsSync(CHROMIUM)) browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
});
after(async () => {
  await browser?.close();
  await new Promise((r) => page?.close(r));
  await s?.close();
});

test('a page uploads by pre-signed POST and pre-signed PUT, and reads back, cross-origin', { skip: !existsSync(CHROMIUM) && 'chromium is not installed (apt-get install -y chromium)' }, async () => {
  const post = await createPresignedPost(s.s3, { Bucket: 'browser-uploads', Key: 'from-page/${filename}', Conditions: [['content-length-range', 1, 1 << 20]], Expires: 300 });
  const putUrl = await getSignedUrl(s.s3, new PutObjectCommand({ Bucket: 'browser-uploads', Key: 'from-page/put.txt' }), { expiresIn: 300 });
  await s.s3.send(new PutObjectCommand({ Bucket: 'browser-uploads', Key: 'from-page/read.txt', Body: 'readable cross-origin' }));
  const getUrl = await getSignedUrl(s.s3, new GetObjectCommand({ Bucket: 'browser-uploads', Key: 'from-page/read.txt' }), { expiresIn: 300 });
  const tab = await browser.newPage();
  try {
    await tab.goto(pageOrigin);
    const result = await tab.evaluate(
      async ({ post, putUrl, getUrl }) => {
        const form = new FormData();
        for (const [k, v] of Object.entries(post.fields)) form.append(k, v);
        form.append('file', new File(['chosen by the user'], 'picked.txt', { type: 'text/plain' }));
        const posted = await fetch(post.url, { method: 'POST', body: form });
        // A custom x-amz-meta header makes this PUT non-simple: the browser sends a preflight first.
        const put = await fetch(putUrl, { method: 'PUT', body: 'put from the page', headers: { 'x-amz-meta-origin': 'page' } });
        const got = await fetch(getUrl);
        return { post: posted.status, postEtag: posted.headers.get('etag'), put: put.status, get: await got.text() };
      },
      { post, putUrl, getUrl },
    );
    assert.equal(result.post, 204);
    assert.match(result.postEtag ?? '', /^"[0-9a-f]{32}"$/, 'ETag is exposed to the page');
    assert.equal(result.put, 200);
    assert.equal(result.get, 'readable cross-origin');
  } finally {
    await tab.close();
  }
  assert.equal(await bodyText((await s.s3.send(new GetObjectCommand({ Bucket: 'browser-uploads', Key: 'from-page/picked.txt' }))).Body), 'chosen by the user');
  const put = await s.s3.send(new GetObjectCommand({ Bucket: 'browser-uploads', Key: 'from-page/put.txt' }));
  assert.deepEqual([await bodyText(put.Body), put.Metadata], ['put from the page', { origin: 'page' }]);
});

test('a page of an origin the rules do not name is blocked by the browser', { skip: !existsSync(CHROMIUM) && 'chromium is not installed' }, async () => {
  const other = createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html>'));
  await new Promise<void>((r) => other.listen(0, '127.0.0.1', () => r()));
  const tab = await browser.newPage();
  try {
    await tab.goto(`http://127.0.0.1:${(other.address() as { port: number }).port}`);
    const putUrl = await getSignedUrl(s.s3, new PutObjectCommand({ Bucket: 'browser-uploads', Key: 'from-page/blocked.txt' }), { expiresIn: 300 });
    const outcome = await tab.evaluate(async (url) => fetch(url, { method: 'PUT', body: 'x', headers: { 'x-amz-meta-origin': 'evil' } }).then(() => 'sent', (e: Error) => `blocked: ${e.name}`), putUrl);
    assert.match(outcome, /^blocked/);
  } finally {
    await tab.close();
    await new Promise((r) => other.close(r));
  }
  await assert.rejects(s.s3.send(new GetObjectCommand({ Bucket: 'browser-uploads', Key: 'from-page/blocked.txt' })), { name: 'NoSuchKey' });
});
