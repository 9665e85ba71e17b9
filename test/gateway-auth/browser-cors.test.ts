/**
 * CORS as headless Chromium enforces it: a page on its own origin PUTs JSON with an Authorization
 * header (a preflighted request) to a REST API (SAM's OPTIONS mock) and to an HTTP API (API
 * Gateway's own preflight answer, then its Lambda authorizer); the HTTP API's ExposeHeaders make
 * `x-custom` readable. A page on an origin the APIs do not allow is refused by the browser.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { REPO, startStratus, removeDir, type StratusProcess } from '../support/stratus-process';

let page: Server;
let other: Server;
let pageOrigin: string;
let otherOrigin: string;
let app: StratusProcess;
let browser: Browser;

const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};
const html = (_req: unknown, res: import('node:http').ServerResponse) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>page</title>');

before(async () => {
  page = createServer(html);
  other = createServer(html);
  pageOrigin = await listen(page);
  otherOrigin = await listen(other);
  app = await startStratus([join(REPO, 'test/gateway-auth/fixtures/browser-app'), '--parameter-overrides', `PageOrigin=${pageOrigin}`]);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await app?.stop();
  if (app) removeDir(app.stateDir);
  page?.close();
  other?.close();
});

async function putFrom(origin: string, url: string) {
  const tab = await browser.newPage();
  try {
    await tab.goto(origin);
    return await tab.evaluate(async (target) => {
      try {
        const res = await fetch(target, { method: 'PUT', headers: { authorization: 'Bearer letmein', 'content-type': 'application/json' }, body: '{"a":1}' });
        return { ok: true, status: res.status, body: (await res.json()) as { method?: string; user?: string }, custom: res.headers.get('x-custom') };
      } catch (err) {
        return { ok: false, error: String(err) };
      }
    }, url);
  } finally {
    await tab.close();
  }
}

test('the browser lets the page call the REST API after SAM\'s OPTIONS mock', async () => {
  const result = await putFrom(pageOrigin, `${app.apis.RestApi}/things`);
  assert.equal(result.ok, true, JSON.stringify(result));
  assert.equal(result.status, 200);
  assert.equal(result.body.method, 'PUT');
  // REST adds no Access-Control-Expose-Headers: the page cannot read x-custom.
  assert.equal(result.custom, null);
});

test('the browser lets the page call the HTTP API: preflight by API Gateway, then the authorizer; exposed headers readable', async () => {
  const result = await putFrom(pageOrigin, `${app.apis.HttpApi}/things`);
  assert.equal(result.ok, true, JSON.stringify(result));
  assert.equal(result.status, 200);
  assert.deepEqual(result.body, { method: 'PUT', user: 'browser-user' });
  assert.equal(result.custom, 'visible');
});

test('a page on another origin is refused by the browser for both APIs', async () => {
  for (const url of [`${app.apis.RestApi}/things`, `${app.apis.HttpApi}/things`]) {
    const result = await putFrom(otherOrigin, url);
    assert.equal(result.ok, false, `${url}: ${JSON.stringify(result)}`);
    assert.match(result.error!, /Failed to fetch/);
  }
});
