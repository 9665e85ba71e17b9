/** Moving a running Stratus's clock from a test, and refusing to when it was not asked for. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { json } from '../support/json';
import { startStratus, removeDir } from '../support/stratus-process';

const post = (url: string, body: string) => fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json' } });

test('--clock adjustable serves /_stratus/clock and time only moves forward', async () => {
  const app = await startStratus(['examples/hello', '--clock', 'adjustable']);
  try {
    const url = `${app.edgeUrl}/_stratus/clock`;
    const before = await json(await fetch(url));
    assert.ok(Math.abs(before.epochMs - Date.now()) < 5_000);
    const moved = await json(await post(url, JSON.stringify({ advanceMs: 86_400_000 })));
    assert.ok(moved.epochMs - before.epochMs >= 86_400_000);
    const target = new Date(moved.epochMs + 3_600_000).toISOString();
    const jumped = await json(await post(url, JSON.stringify({ time: target })));
    assert.ok(Math.abs(jumped.epochMs - Date.parse(target)) < 1_000);
    for (const bad of ['not json', '[]', '{"advanceMs": -5}', '{"time": "yesterday-ish"}', JSON.stringify({ time: new Date(0).toISOString() })]) {
      const res = await post(url, bad);
      assert.equal(res.status, 400, bad);
    }
    assert.equal((await fetch(url, { method: 'DELETE' })).status, 405);
  } finally {
    await app.stop();
    removeDir(app.stateDir);
  }
});

test('without --clock adjustable the clock cannot be moved', async () => {
  const app = await startStratus(['examples/hello']);
  try {
    const res = await post(`${app.edgeUrl}/_stratus/clock`, '{"advanceMs": 1000}');
    assert.equal(res.status, 400);
    assert.equal((await json(res)).__type, 'UnknownOperationException');
  } finally {
    await app.stop();
    removeDir(app.stateDir);
  }
});
