/** The log service's batching, flushing and live subscription, on a real SQLite engine. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEngine } from '../../src/engine/index';
import type { Engine, LogEventInput, LogStore } from '../../src/engine/types';
import { createLogService, MAX_PENDING_EVENTS } from '../../src/services/logs/index';
import type { Clock } from '../../src/shared/clock';
import { systemClock } from '../../src/shared/clock';

const dir = mkdtempSync(join(tmpdir(), 'stratus-logs-'));
const engines: Engine[] = [];
after(async () => {
  for (const e of engines) await e.close();
  rmSync(dir, { recursive: true, force: true });
});

async function freshEngine(name: string): Promise<Engine> {
  const engine = await openEngine(`sqlite:${join(dir, `${name}.db`)}`);
  engines.push(engine);
  return engine;
}

/** The real store, with its append calls (= transactions) counted. */
function counting(store: LogStore) {
  const batches: number[] = [];
  const wrapped: LogStore = {
    ...store,
    append: (events: LogEventInput[]) => {
      batches.push(events.length);
      return store.append(events);
    },
  };
  return { store: wrapped, batches };
}

const fixedClock = (now: number): Clock => ({ now: () => now, sleepUntil: systemClock.sleepUntil });

test('many writes become few transactions, and are visible after flush', async () => {
  const engine = await freshEngine('batching');
  const { store, batches } = counting(engine.logs);
  const logs = createLogService({ store, clock: systemClock, flushIntervalMs: 1_000 });
  for (let i = 0; i < 500; i++) logs.write('/aws/lambda/f', 's', `line ${i}`);
  assert.deepEqual(batches, [], 'nothing is written synchronously on the hot path');
  assert.equal((await engine.logs.query({ group: '/aws/lambda/f' })).length, 0);
  await logs.flush();
  assert.deepEqual(batches, [500]);
  const stored = await engine.logs.query({ group: '/aws/lambda/f' });
  assert.deepEqual(stored.map((e) => e.message), Array.from({ length: 500 }, (_, i) => `line ${i}`));
  await logs.flush(); // nothing pending: no empty transaction
  assert.deepEqual(batches, [500]);
  await logs.close();
});

test('the flush window writes pending lines on its own', async () => {
  const engine = await freshEngine('window');
  const { store, batches } = counting(engine.logs);
  const logs = createLogService({ store, clock: systemClock, flushIntervalMs: 20 });
  for (let i = 0; i < 100; i++) logs.write('/g', 's', `x${i}`);
  await new Promise((r) => setTimeout(r, 150));
  assert.deepEqual(batches, [100]);
  assert.equal((await engine.logs.query({ group: '/g' })).length, 100);
  await logs.close();
});

test('close flushes what is pending', async () => {
  const engine = await freshEngine('close');
  const logs = createLogService({ store: engine.logs, clock: systemClock, flushIntervalMs: 60_000 });
  logs.write('/g', 's', 'last words');
  await logs.close();
  assert.deepEqual((await engine.logs.query({ group: '/g' })).map((e) => e.message), ['last words']);
});

test('timestamps come from the clock unless given', async () => {
  const engine = await freshEngine('clock');
  const logs = createLogService({ store: engine.logs, clock: fixedClock(1_000_000), flushIntervalMs: 5 });
  logs.write('/g', 's', 'from clock');
  logs.write('/g', 's', 'explicit', 2_000_000);
  await logs.flush();
  const got = await engine.logs.query({ group: '/g' });
  assert.deepEqual(got.map((e) => [e.message, e.timestamp]), [['from clock', 1_000_000], ['explicit', 2_000_000]]);
  await logs.close();
});

test('a log storm past the pending limit flushes early', async () => {
  const engine = await freshEngine('storm');
  const { store, batches } = counting(engine.logs);
  const logs = createLogService({ store, clock: systemClock, flushIntervalMs: 60_000 });
  for (let i = 0; i < MAX_PENDING_EVENTS + 10; i++) logs.write('/g', 's', 'x');
  await new Promise((r) => setImmediate(r));
  assert.equal(batches[0], MAX_PENDING_EVENTS);
  await logs.close();
  assert.equal(batches.reduce((a, b) => a + b, 0), MAX_PENDING_EVENTS + 10);
});

test('subscribers see lines live, before they are stored; unsubscribe stops them', async () => {
  const engine = await freshEngine('subscribe');
  const errors: unknown[] = [];
  const logs = createLogService({ store: engine.logs, clock: systemClock, flushIntervalMs: 60_000, onError: (e) => errors.push(e) });
  const seen: string[] = [];
  const unsubscribe = logs.subscribe((e) => seen.push(`${e.group} ${e.message}`));
  logs.subscribe(() => {
    throw new Error('a broken listener must not break logging');
  });
  logs.write('/aws/lambda/a', 's', 'one');
  assert.deepEqual(seen, ['/aws/lambda/a one']);
  assert.equal(errors.length, 1, 'the broken listener is reported');
  unsubscribe();
  logs.write('/aws/lambda/a', 's', 'two');
  assert.deepEqual(seen, ['/aws/lambda/a one']);
  await logs.close();
  assert.equal((await engine.logs.query({ group: '/aws/lambda/a' })).length, 2);
});

test('a failed write keeps the lines and a later flush stores them in order', async () => {
  const engine = await freshEngine('retry');
  let failNext = true;
  const store: LogStore = {
    ...engine.logs,
    append: async (events) => {
      if (failNext) {
        failNext = false;
        throw new Error('database is locked');
      }
      return engine.logs.append(events);
    },
  };
  const errors: unknown[] = [];
  const logs = createLogService({ store, clock: systemClock, flushIntervalMs: 60_000, onError: (e) => errors.push(e) });
  logs.write('/g', 's', 'a');
  await assert.rejects(logs.flush(), /locked/);
  logs.write('/g', 's', 'b');
  await logs.flush();
  assert.deepEqual((await engine.logs.query({ group: '/g' })).map((e) => e.message), ['a', 'b']);
  await logs.close();
});
