/**
 * Seed 004's acceptance test: the platform page, served from the site bucket through the custom
 * domain's root mapping (/static/{proxy+} → S3), opens the WebSocket API and learns its
 * connection id, gets a pre-signed POST from POST /uploads (behind the Lambda authorizer, with
 * the token typed into the page), sends the file straight to the upload bucket (cross-origin,
 * allowed by the bucket's CORS rules), and shows the job's result when the job — started by the
 * bucket's ObjectCreated event — pushes {"type":"jobDone"} through @connections. Then the
 * DynamoDB row and the page's pre-signed download link are checked through the SDK and HTTP.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { startDevPlatform, PLATFORM_TOKEN, UPLOAD_BUCKET, type DevPlatform } from './support/harness';
import { chromiumMissing, launchChromium } from '../support/browser';

let platform: DevPlatform;
let browser: Browser;

before(async () => {
  if (chromiumMissing) return;
  platform = await startDevPlatform();
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await platform?.close();
});

const FILE = 'first line of the report\nsecond line, a bit longer\nthird — ünïcode\n';

test('the page uploads a file through a pre-signed POST and shows the job result pushed over the WebSocket', { skip: chromiumMissing, timeout: 90_000 }, async () => {
  const page = await browser.newPage();
  const failures: string[] = [];
  page.on('pageerror', (error) => failures.push(String(error)));
  await page.goto(`${platform.domainUrl}/static/index.html`);
  assert.equal(await page.title(), 'dev platform');

  // The connection id comes back on the two-way `whoami` route; then the button is enabled.
  await page.waitForFunction('!document.getElementById("upload").disabled', undefined, { timeout: 30_000 });
  const connectionId = await page.textContent('#connection');
  assert.match(connectionId ?? '', /^[A-Za-z0-9_=+/-]{8,}$/);

  await page.fill('#token', PLATFORM_TOKEN);
  await page.setInputFiles('#file', { name: 'report.txt', mimeType: 'text/plain', buffer: Buffer.from(FILE) });
  await page.click('#upload');
  await page.waitForFunction('/^(done|failed)/.test(document.getElementById("status").textContent)', undefined, { timeout: 45_000 });

  const status = (await page.textContent('#status')) ?? '';
  assert.match(status, /^done \(job [0-9a-f-]{36}\)$/, `${status}\n${failures.join('\n')}`);
  const jobId = (await page.textContent('#job-id'))!;
  assert.equal(await page.textContent('#file-name'), 'report.txt');
  assert.equal(await page.textContent('#lines'), '3');
  assert.equal(await page.textContent('#words'), String(FILE.split(/\s+/).filter(Boolean).length));
  assert.equal(await page.textContent('#bytes'), String(Buffer.byteLength(FILE)));
  assert.deepEqual(failures, []);

  // The row the job wrote, read with the DocumentClient.
  const { Item } = await platform.tables.send(new GetCommand({ TableName: await platform.jobsTable(), Key: { jobId } }));
  assert.ok(Item);
  assert.equal(Item.status, 'done');
  assert.equal(Item.connectionId, connectionId);
  assert.equal(Item.key, `uploads/${jobId}/report.txt`);
  assert.equal(Item.requestedBy, 'developer');
  assert.deepEqual(Item.result, { lines: 3, words: FILE.split(/\s+/).filter(Boolean).length, bytes: Buffer.byteLength(FILE) });

  // The download link is a pre-signed GET of the uploaded object, straight from the bucket.
  const href = (await page.getAttribute('#download', 'href'))!;
  assert.match(href, new RegExp(`/${UPLOAD_BUCKET}/uploads/${jobId}/report\\.txt\\?.*X-Amz-Signature=`));
  const download = await fetch(href);
  assert.equal(download.status, 200);
  assert.equal(download.headers.get('content-type'), 'text/plain');
  assert.equal(await download.text(), FILE);
  // The same link from the page (cross-origin GET, allowed by the bucket's CORS rule).
  const fromPage = await page.evaluate(async (url) => (await fetch(url)).text(), href);
  assert.equal(fromPage, FILE);
  await page.close();
});
