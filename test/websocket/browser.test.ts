/**
 * A headless Chromium page (served from another origin) connects to the WebSocket API, starts the
 * long job and receives its completion — the seed 004 front end's path, with the browser's own
 * WebSocket (Origin header, no auth).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromiumMissing, launchChromium } from '../support/browser';
import { startWsApp } from './helpers';


test('a browser page connects, sends startJob and gets the job result pushed', { skip: chromiumMissing, timeout: 60_000 }, async () => {
  const app = await startWsApp();
  const page = `<!doctype html><title>waiting</title><script>
    const ws = new WebSocket(${JSON.stringify(`${app.apis.WsApi}/prod`)});
    ws.onopen = () => ws.send(JSON.stringify({ action: 'startJob', jobId: 'from-browser', workMs: 100 }));
    ws.onmessage = (e) => { const m = JSON.parse(e.data); if (m.type === 'jobDone') document.title = 'done:' + m.jobId; };
    ws.onerror = () => (document.title = 'error');
  </script>`;
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(page));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  after(() => server.close());
  const browser = await launchChromium();
  try {
    const tab = await browser.newPage();
    await tab.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await tab.waitForFunction('document.title !== "waiting"', undefined, { timeout: 30_000 });
    assert.equal(await tab.title(), 'done:from-browser');
  } finally {
    await browser.close();
  }
});
