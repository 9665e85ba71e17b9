/** readLogs: history with --since/--filter, and --follow in-process and across processes. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openEngine } from '../../src/engine/index';
import type { Engine, StoredLogEvent } from '../../src/engine/types';
import { createLogService, readLogs } from '../../src/services/logs/index';
import { systemClock } from '../../src/shared/clock';
import { UserError } from '../../src/shared/errors';
import { spawnTs, type Child } from '../engine/fixtures/child';

const WRITER = fileURLToPath(new URL('./fixtures/writer-child.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'stratus-read-'));
const engines: Engine[] = [];
const children: Child[] = [];
after(async () => {
  children.forEach((c) => c.kill());
  for (const e of engines) await e.close();
  rmSync(dir, { recursive: true, force: true });
});

async function engineAt(name: string): Promise<{ engine: Engine; url: string }> {
  const url = `sqlite:${join(dir, `${name}.db`)}`;
  const engine = await openEngine(url);
  engines.push(engine);
  return { engine, url };
}

test('history: since bounds the start, filter keeps lines holding every term', async () => {
  const { engine } = await engineAt('history');
  const now = Date.now();
  await engine.logs.append([
    { group: '/g', stream: 's', timestamp: now - 3_600_000, message: 'ERROR old' },
    { group: '/g', stream: 's', timestamp: now - 60_000, message: 'ERROR recent timeout' },
    { group: '/g', stream: 's', timestamp: now - 30_000, message: 'INFO recent timeout' },
    { group: '/g', stream: 's', timestamp: now - 10_000, message: 'ERROR recent disk' },
    { group: '/other', stream: 's', timestamp: now, message: 'ERROR elsewhere' },
  ]);
  const read = async (opts: { since?: string; filter?: string }) => {
    const got: string[] = [];
    await readLogs(engine.logs, { group: '/g', ...opts, onEvent: (e) => got.push(e.message) });
    return got;
  };
  assert.deepEqual(await read({}), ['ERROR recent timeout', 'INFO recent timeout', 'ERROR recent disk']);
  assert.deepEqual(await read({ since: '2h' }), ['ERROR old', 'ERROR recent timeout', 'INFO recent timeout', 'ERROR recent disk']);
  assert.deepEqual(await read({ since: '2h', filter: 'ERROR recent' }), ['ERROR recent timeout', 'ERROR recent disk']);
  assert.deepEqual(await read({ filter: 'timeout ERROR' }), ['ERROR recent timeout']);
  assert.deepEqual(await read({ filter: 'error' }), []);
  await assert.rejects(read({ since: 'soon' }), UserError);
});

test('history pages through more lines than one query returns', async () => {
  const { engine } = await engineAt('pages');
  const now = Date.now();
  const events = Array.from({ length: 2_500 }, (_, i) => ({ group: '/g', stream: 's', timestamp: now, message: `m${i}` }));
  await engine.logs.append(events);
  let count = 0;
  let last = '';
  await readLogs(engine.logs, { group: '/g', onEvent: (e) => ((count += 1), (last = e.message)) });
  assert.equal(count, 2_500);
  assert.equal(last, 'm2499');
});

test('follow in the same process wakes on the service and stops on abort', async () => {
  const { engine } = await engineAt('follow-local');
  // A long flush window: the follower must not depend on it, it flushes when woken.
  const logs = createLogService({ store: engine.logs, clock: systemClock, flushIntervalMs: 10_000 });
  const abort = new AbortController();
  const got: { message: string; at: number }[] = [];
  const done = readLogs(engine.logs, {
    group: '/aws/lambda/f',
    follow: true,
    signal: abort.signal,
    service: logs,
    pollIntervalMs: 10_000,
    onEvent: (e) => got.push({ message: e.message, at: Date.now() }),
  });
  await new Promise((r) => setTimeout(r, 20));
  const sentAt = Date.now();
  logs.write('/aws/lambda/f', 's', 'hello');
  logs.write('/aws/lambda/other', 's', 'not mine');
  await waitFor(() => got.length === 1, 2_000);
  assert.equal(got[0].message, 'hello');
  assert.ok(got[0].at - sentAt < 200, `woken in ${got[0].at - sentAt} ms`);
  logs.write('/aws/lambda/f', 's', 'again');
  await waitFor(() => got.length === 2, 2_000);
  abort.abort();
  await done;
  assert.deepEqual(got.map((g) => g.message), ['hello', 'again']);
  await logs.close();
});

test('follow across processes: lines written by another process arrive within a second', { timeout: 20_000 }, async () => {
  const { engine, url } = await engineAt('follow-xproc');
  const group = '/aws/lambda/remote';
  const abort = new AbortController();
  const received: StoredLogEvent[] = [];
  const latencies: number[] = [];
  const following = readLogs(engine.logs, {
    group,
    follow: true,
    signal: abort.signal,
    onEvent: (e) => {
      received.push(e);
      latencies.push(Date.now() - Number(/ at (\d+)$/.exec(e.message)![1]));
    },
  });
  const writer = spawnTs(WRITER, [url, group, '20', '25']);
  children.push(writer);
  await writer.exited();
  await waitFor(() => received.length === 20, 2_000);
  abort.abort();
  await following;
  assert.deepEqual(received.map((e) => e.message.split(' at ')[0]), Array.from({ length: 20 }, (_, i) => `line ${i}`));
  assert.ok(Math.max(...latencies) < 1_000, `max latency ${Math.max(...latencies)} ms`);
});

test('an already-aborted follow returns after the history', async () => {
  const { engine } = await engineAt('aborted');
  await engine.logs.append([{ group: '/g', stream: 's', timestamp: Date.now(), message: 'x' }]);
  const abort = new AbortController();
  abort.abort();
  const got: string[] = [];
  await readLogs(engine.logs, { group: '/g', follow: true, signal: abort.signal, onEvent: (e) => got.push(e.message) });
  assert.deepEqual(got, ['x']);
});

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
