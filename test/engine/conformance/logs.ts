/**
 * The LogStore conformance suite: every engine backend runs it unchanged. `open()` must return a
 * new Engine on the SAME database each call (that is how durability and two-instance tests work);
 * tests isolate themselves with unique group names. `options.url` lets a child process open the
 * same database; without it the cross-process test is skipped (reason printed).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import type { Engine, LogEventInput } from '../../../src/engine/types';
import { spawnTs, type Child } from '../fixtures/child';
import { trackedEngines } from './tracked';

const APPEND_CHILD = fileURLToPath(new URL('../fixtures/append-child.ts', import.meta.url));
const T0 = Date.UTC(2024, 0, 31, 9, 0, 0);

export interface ConformanceOptions {
  /** Engine URL a child process can open to reach the same database. */
  url?: string;
}

export function runLogStoreConformance(name: string, open: () => Promise<Engine>, options: ConformanceOptions = {}): void {
  describe(`LogStore conformance: ${name}`, () => {
    const children: Child[] = [];
    const openTracked = trackedEngines(open, () => {
      for (const child of children) child.kill();
    });
    const uniqueGroup = (label = 'g') => `/aws/lambda/${label}_${randomUUID()}`;
    const ev = (group: string, stream: string, timestamp: number, message: string): LogEventInput => ({
      group,
      stream,
      timestamp,
      message,
    });

    test('append then query returns events in timestamp order, id breaking ties', async () => {
      const { logs } = await openTracked();
      const g = uniqueGroup();
      await logs.append([ev(g, 's', T0 + 20, 'c'), ev(g, 's', T0, 'a'), ev(g, 's', T0 + 10, 'b1')]);
      await logs.append([ev(g, 's', T0 + 10, 'b2')]);
      const got = await logs.query({ group: g });
      assert.deepEqual(got.map((e) => e.message), ['a', 'b1', 'b2', 'c']);
      const desc = await logs.query({ group: g, descending: true });
      assert.deepEqual(desc.map((e) => e.message), ['c', 'b2', 'b1', 'a']);
    });

    test('stored events carry group, stream, timestamp, ingestion time and increasing ids', async () => {
      const { logs } = await openTracked();
      const g = uniqueGroup();
      const before = Date.now();
      await logs.append([ev(g, 's1', T0, 'one'), ev(g, 's2', T0 + 1, 'two\nlines ✓ 한국어')]);
      const [a, b] = await logs.query({ group: g });
      assert.equal(a.group, g);
      assert.equal(a.stream, 's1');
      assert.equal(a.timestamp, T0);
      assert.equal(b.message, 'two\nlines ✓ 한국어');
      assert.ok(b.id > a.id);
      assert.ok(a.ingestionTime >= before - 1000 && a.ingestionTime <= Date.now() + 1000);
    });

    test('filters: stream, since/until inclusive, limit', async () => {
      const { logs } = await openTracked();
      const g = uniqueGroup();
      await logs.append([0, 1, 2, 3, 4].map((i) => ev(g, i % 2 ? 'odd' : 'even', T0 + i * 1000, `m${i}`)));
      const msgs = async (q: object) => (await logs.query({ group: g, ...q })).map((e) => e.message);
      assert.deepEqual(await msgs({ stream: 'odd' }), ['m1', 'm3']);
      assert.deepEqual(await msgs({ since: T0 + 1000, until: T0 + 3000 }), ['m1', 'm2', 'm3']);
      assert.deepEqual(await msgs({ limit: 2 }), ['m0', 'm1']);
      assert.deepEqual(await msgs({ limit: 2, descending: true }), ['m4', 'm3']);
      assert.deepEqual(await msgs({ stream: 'even', since: T0 + 1 }), ['m2', 'm4']);
    });

    test('contains is a literal, case-sensitive substring', async () => {
      const { logs } = await openTracked();
      const g = uniqueGroup();
      await logs.append([
        ev(g, 's', T0, 'ERROR disk full'),
        ev(g, 's', T0 + 1, 'error lower case'),
        ev(g, 's', T0 + 2, '100% done'),
        ev(g, 's', T0 + 3, '100 of them'),
        ev(g, 's', T0 + 4, 'a_b'),
        ev(g, 's', T0 + 5, 'axb'),
      ]);
      const msgs = async (contains: string) => (await logs.query({ group: g, contains })).map((e) => e.message);
      assert.deepEqual(await msgs('ERROR'), ['ERROR disk full']);
      assert.deepEqual(await msgs('0%'), ['100% done']);
      assert.deepEqual(await msgs('a_b'), ['a_b']);
      assert.equal((await msgs('')).length, 6);
    });

    test('afterId cursor returns only newer events, in id order, and pages without gaps', async () => {
      const { logs } = await openTracked();
      const g = uniqueGroup();
      // Later-written events with earlier timestamps: a cursor must still see them.
      await logs.append([ev(g, 's', T0 + 500, 'first')]);
      const [first] = await logs.query({ group: g });
      await logs.append([ev(g, 's', T0, 'late but older'), ev(g, 's', T0 + 900, 'newest')]);
      const next = await logs.query({ group: g, afterId: first.id });
      assert.deepEqual(next.map((e) => e.message), ['late but older', 'newest']);
      const seen: string[] = [];
      let cursor = 0;
      for (;;) {
        const page = await logs.query({ group: g, afterId: cursor, limit: 2 });
        if (page.length === 0) break;
        seen.push(...page.map((e) => e.message));
        cursor = page[page.length - 1].id;
      }
      assert.deepEqual(seen, ['first', 'late but older', 'newest']);
      assert.deepEqual(await logs.query({ group: g, afterId: cursor }), []);
    });


    test('a large batch (several hundred lines, two streams) is stored whole, ids in write order', async () => {
      const { logs } = await openTracked();
      const g = uniqueGroup();
      const batch = Array.from({ length: 333 }, (_, i) => ev(g, i % 2 ? 'odd' : 'even', T0 + (i % 7), `line ${i}`));
      await logs.append(batch);
      const byId = await logs.query({ group: g, afterId: 0, limit: 1000 });
      assert.deepEqual(byId.map((e) => e.message), batch.map((e) => e.message));
      assert.deepEqual(byId.map((e) => e.stream), batch.map((e) => e.stream));
      const streams = await logs.streams(g);
      assert.deepEqual(streams.map((s) => s.name).sort(), ['even', 'odd']);
    });
    test('groups: created by append and by createGroup, listed by prefix with counts', async () => {
      const { logs } = await openTracked();
      const base = `/conf/${randomUUID()}`;
      await logs.createGroup(`${base}/empty`);
      await logs.createGroup(`${base}/empty`); // idempotent
      await logs.append([ev(`${base}/a_x`, 's', T0, '1'), ev(`${base}/a_x`, 's', T0, '2')]);
      await logs.append([ev(`${base}/a_x`, 't', T0, '3'), ev(`${base}/abx`, 's', T0, '4')]);
      const all = await logs.groups(base);
      assert.deepEqual(all.map((g) => [g.name, g.storedEvents]), [
        [`${base}/a_x`, 3],
        [`${base}/abx`, 1],
        [`${base}/empty`, 0],
      ]);
      assert.ok(all.every((g) => typeof g.createdAt === 'number' && g.createdAt > 0));
      // `_` is literal in a prefix, not a wildcard.
      assert.deepEqual((await logs.groups(`${base}/a_`)).map((g) => g.name), [`${base}/a_x`]);
      assert.ok((await logs.groups()).some((g) => g.name === `${base}/abx`));
      assert.deepEqual(await logs.query({ group: `${base}/empty` }), []);
    });

    test('streams: one per name with first and last event times', async () => {
      const { logs } = await openTracked();
      const g = uniqueGroup();
      await logs.append([ev(g, 'b', T0 + 5, 'x'), ev(g, 'a', T0 + 1, 'y'), ev(g, 'b', T0 + 2, 'z')]);
      await logs.append([ev(g, 'b', T0 + 9, 'w')]);
      const streams = await logs.streams(g);
      assert.deepEqual(
        streams.map((s) => [s.group, s.name, s.firstEventAt, s.lastEventAt]),
        [
          [g, 'a', T0 + 1, T0 + 1],
          [g, 'b', T0 + 2, T0 + 9],
        ],
      );
      assert.deepEqual(await logs.streams(uniqueGroup('none')), []);
    });

    test('an empty append is a no-op and an unknown group reads as empty', async () => {
      const { logs } = await openTracked();
      await logs.append([]);
      assert.deepEqual(await logs.query({ group: uniqueGroup('unknown') }), []);
    });

    test('two engine instances on one database see each other at once', async () => {
      const writer = await openTracked();
      const reader = await openTracked();
      const g = uniqueGroup();
      await writer.logs.append([ev(g, 's', T0, 'hello')]);
      assert.deepEqual((await reader.logs.query({ group: g })).map((e) => e.message), ['hello']);
      await reader.logs.append([ev(g, 's', T0 + 1, 'back')]);
      assert.deepEqual((await writer.logs.query({ group: g })).map((e) => e.message), ['hello', 'back']);
    });

    test('durability: data survives close and reopen', async () => {
      const first = await open();
      const g = uniqueGroup();
      await first.logs.append([ev(g, 's', T0, 'kept')]);
      await first.close();
      await first.close(); // closing twice is harmless
      const second = await openTracked();
      assert.deepEqual((await second.logs.query({ group: g })).map((e) => e.message), ['kept']);
      assert.deepEqual((await second.logs.groups(g)).map((x) => x.storedEvents), [1]);
    });

    test('opening several instances at once (migrations run concurrently) is safe', async () => {
      const many = await Promise.all([openTracked(), openTracked(), openTracked()]);
      const g = uniqueGroup();
      await Promise.all(many.map((e, i) => e.logs.append([ev(g, 's', T0 + i, `from ${i}`)])));
      assert.equal((await many[0].logs.query({ group: g })).length, 3);
    });

    const crossProcessSkip = options.url ? false : 'no engine URL given for a child process';
    test('a child process appends while this one follows with a cursor', { skip: crossProcessSkip, timeout: 20_000 }, async () => {
      const { logs } = await openTracked();
      const g = uniqueGroup('xproc');
      const batches = 20;
      const perBatch = 25;
      const child = spawnTs(APPEND_CHILD, [options.url!, g, String(batches), String(perBatch), '5']);
      children.push(child);
      const seen: string[] = [];
      let cursor = 0;
      let childDone = false;
      void child.exited().then(() => (childDone = true), () => (childDone = true));
      // Read while the child writes; after it exits, one last read picks up the tail.
      for (let finalRead = false; !finalRead; ) {
        finalRead = childDone;
        const page = await logs.query({ group: g, afterId: cursor });
        for (const e of page) {
          seen.push(e.message);
          cursor = e.id;
        }
        if (!finalRead) await new Promise((r) => setTimeout(r, 10));
      }
      await child.exited();
      assert.equal(seen.length, batches * perBatch);
      assert.deepEqual(seen, Array.from({ length: batches * perBatch }, (_, i) => `child ${i}`));
    });
  });
}
