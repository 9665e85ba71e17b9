/**
 * The SQLite log store's writer thread (src/engine/sqlite/logs/writer-thread.ts): once appends are
 * sustained they run on their own connection in another thread. Each append must still resolve
 * only when committed (readable at once from the main connection), in write order, and close()
 * must not lose what was appended.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEngine } from '../../src/engine/index';
import { SUSTAINED_APPENDS } from '../../src/engine/sqlite/logs/writer-thread';
import type { LogEventInput } from '../../src/engine/types';
import { decodeBatch, encodeBatch } from '../../src/engine/sqlite/logs/batch-codec';

const dir = mkdtempSync(join(tmpdir(), 'stratus-log-writer-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const T0 = Date.UTC(2024, 0, 31, 9, 0, 0);
const GROUP = '/aws/lambda/Writer';

const batch = (n: number): LogEventInput[] =>
  Array.from({ length: 3 }, (_, i) => ({ group: GROUP, stream: 's', timestamp: T0 + n, message: `batch ${n} line ${i}` }));

test('sustained appends (inline first, then on the writer thread) are readable as each resolves, in order, and survive close', async () => {
  const url = `sqlite:${join(dir, 'sustained.db')}`;
  const engine = await openEngine(url);
  const expected: string[] = [];
  let lastId = 0;
  // Well past the switch, and with pauses so the thread has time to come up in between.
  for (let n = 0; n < SUSTAINED_APPENDS * 4; n++) {
    const events = batch(n);
    await engine.logs.append(events);
    expected.push(...events.map((e) => e.message));
    const fresh = await engine.logs.query({ group: GROUP, afterId: lastId });
    assert.deepEqual(fresh.map((e) => e.message), events.map((e) => e.message), `batch ${n} visible once append resolved`);
    lastId = fresh[fresh.length - 1].id;
    if (n % 8 === 0) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  // Appends racing close() are all committed before it returns.
  const racing = Array.from({ length: 5 }, (_, k) => batch(1000 + k));
  const appends = racing.map((events) => engine.logs.append(events));
  for (const events of racing) expected.push(...events.map((e) => e.message));
  await Promise.all(appends);
  await engine.close();

  const reopened = await openEngine(url);
  try {
    const all = await reopened.logs.query({ group: GROUP, afterId: 0, limit: 10_000 });
    assert.deepEqual(all.map((e) => e.message), expected);
    const [group] = await reopened.logs.groups(GROUP);
    assert.equal(group.storedEvents, expected.length);
  } finally {
    await reopened.close();
  }
});

test('an in-memory engine keeps appending inline (no thread can share its database)', async () => {
  const engine = await openEngine('sqlite::memory:');
  try {
    for (let n = 0; n < SUSTAINED_APPENDS + 4; n++) await engine.logs.append(batch(n));
    const all = await engine.logs.query({ group: GROUP, limit: 10_000 });
    assert.equal(all.length, (SUSTAINED_APPENDS + 4) * 3);
  } finally {
    await engine.close();
  }
});

test('the batch codec round-trips any message text and several groups and streams', () => {
  const events: LogEventInput[] = [
    { group: '/a', stream: 's1', timestamp: 1.5, message: '' },
    { group: '/b', stream: 's1', timestamp: 2, message: 'two\nlines ✓ 한국어 😀' },
    { group: '/a', stream: 's2', timestamp: 3, message: 'nul \u0000 inside' },
    { group: '/a', stream: 's1', timestamp: 4, message: 'x'.repeat(10_000) },
  ];
  assert.deepEqual(decodeBatch(encodeBatch(7, events, 99)), events);
  assert.equal(encodeBatch(7, events, 99).pairs.length, 6);
});
