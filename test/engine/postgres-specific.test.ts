/**
 * PostgreSQL-only checks, beyond the shared conformance suite: concurrent migration by several
 * processes, LISTEN/NOTIFY wake-ups across engines, SKIP LOCKED receives racing between engines,
 * and the log follow cursor under concurrent appends (ids are not commit-ordered by themselves).
 */
import { test, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openEngine } from '../../src/engine/index';
import type { Engine } from '../../src/engine/types';
import { UserError } from '../../src/shared/errors';
import { POSTGRES_MIGRATIONS } from '../../src/engine/postgres/migrations/index';
import { startTestDatabase } from './fixtures/pg-cluster';
import { spawnTs } from './fixtures/child';

const APPEND_CHILD = fileURLToPath(new URL('./fixtures/append-child.ts', import.meta.url));
const DAY = 86_400_000;

const database = await startTestDatabase('specific');
const engines: Engine[] = [];
after(async () => {
  for (const engine of engines) await engine.close();
  await database.stop();
});
const open = async (url = database.url) => {
  const engine = await openEngine(url);
  engines.push(engine);
  return engine;
};
const newQueue = async (engine: Engine, name: string) => {
  await engine.queues.createQueue({ name, settings: { fifo: false, retentionMs: 4 * DAY }, attributes: {} }, Date.now());
  return name;
};
const query = async <T extends pg.QueryResultRow>(url: string, sql: string) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
};

describe('postgres engine specifics', () => {
  test('three processes opening a fresh database at once migrate it once and all write', { timeout: 30_000 }, async () => {
    const url = await database.createDatabase('race');
    const children = [0, 1, 2].map(() => spawnTs(APPEND_CHILD, [url, '/race', '5', '10', '0']));
    try {
      await Promise.all(children.map((c) => c.exited()));
    } finally {
      children.forEach((c) => c.kill());
    }
    const rows = await query<{ version: number; name: string }>(url, 'SELECT version, name FROM schema_migrations ORDER BY version');
    assert.deepEqual(rows, POSTGRES_MIGRATIONS.map(({ version, name }) => ({ version, name })));
    const engine = await open(url);
    assert.equal(engine.backend, 'postgres');
    assert.equal((await engine.logs.query({ group: '/race' })).length, 150);
    assert.deepEqual((await engine.logs.groups('/race')).map((g) => g.storedEvents), [150]);
  });

  test('a database from a newer Stratus is refused with a user error', async () => {
    const url = await database.createDatabase('newer');
    await (await openEngine(url)).close();
    await query(url, "INSERT INTO schema_migrations VALUES (999, 'future', 0)");
    await assert.rejects(openEngine(url), (err) => err instanceof UserError && /newer/.test(err.message));
  });

  test('a send on one engine wakes a listener on another within milliseconds (LISTEN/NOTIFY)', async () => {
    const [listener, sender] = await Promise.all([open(), open()]);
    const queue = await newQueue(sender, `wake_${Date.now()}`);
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      const woken = new Promise<number>((resolve) => {
        const off = listener.queues.onAvailable(queue, () => {
          off();
          resolve(performance.now());
        });
      });
      const sentAt = performance.now();
      await sender.queues.send(queue, [{ body: `m${i}`, delayMs: 0 }], Date.now());
      delays.push((await woken) - sentAt);
    }
    // Generous bound for a loaded CI machine; typically well under 10 ms.
    assert.ok(Math.max(...delays) < 250, `wake-up delays ${delays.map((d) => d.toFixed(1)).join(', ')} ms`);
    // And the woken engine finds the messages at once.
    assert.equal((await listener.queues.receive(queue, { max: 10, visibilityTimeoutMs: 30_000, now: Date.now() })).messages.length, 5);
  });

  test("an engine's own commits fire its listeners once, not again on the NOTIFY echo", async () => {
    const engine = await open();
    const queue = await newQueue(engine, `echo_${Date.now()}`);
    let fired = 0;
    engine.queues.onAvailable(queue, () => fired++);
    await engine.queues.send(queue, [{ body: 'x', delayMs: 0 }], Date.now());
    await new Promise((r) => setTimeout(r, 150));
    assert.equal(fired, 1);
  });

  test('a dead-letter move on one engine wakes the DLQ listener on another', async () => {
    const [a, b] = await Promise.all([open(), open()]);
    const now = Date.now();
    const dlq = await newQueue(a, `dlq_${now}`);
    const source = `src_${now}`;
    await a.queues.createQueue({ name: source, settings: { fifo: false, retentionMs: DAY, redrive: { deadLetterQueue: dlq, maxReceiveCount: 1 } }, attributes: {} }, now);
    await a.queues.send(source, [{ body: 'poison', delayMs: 0 }], now);
    await a.queues.receive(source, { max: 1, visibilityTimeoutMs: 1, now });
    const woken = new Promise<void>((resolve) => b.queues.onAvailable(dlq, resolve));
    await a.queues.receive(source, { max: 1, visibilityTimeoutMs: 1, now: now + 10 });
    await woken;
    assert.equal((await b.queues.receive(dlq, { max: 1, visibilityTimeoutMs: 1, now: now + 10 })).messages[0].body, 'poison');
  });

  test('receives racing from two engines never lease the same message twice', { timeout: 30_000 }, async () => {
    const [a, b] = await Promise.all([open(), open()]);
    const queue = await newQueue(a, `race_${Date.now()}`);
    const total = 2_000;
    for (let i = 0; i < total; i += 10) {
      await a.queues.send(queue, Array.from({ length: 10 }, (_, j) => ({ body: `m${i + j}`, delayMs: 0 })), Date.now());
    }
    const consume = async (engine: Engine) => {
      const ids: string[] = [];
      for (;;) {
        const { messages } = await engine.queues.receive(queue, { max: 10, visibilityTimeoutMs: 600_000, now: Date.now() });
        if (messages.length === 0) return ids;
        ids.push(...messages.map((m) => m.messageId));
      }
    };
    // Four concurrent consumers per engine: the pools run their statements truly in parallel.
    const results = await Promise.all([a, a, a, a, b, b, b, b].map(consume));
    const ids = results.flat();
    assert.equal(new Set(ids).size, ids.length, 'no message leased twice');
    assert.equal(ids.length, total);
    assert.ok(results.slice(0, 4).flat().length > 0 && results.slice(4).flat().length > 0, 'both engines received');
  });

  test('the follow cursor never skips a row that commits late, under concurrent appends', { timeout: 30_000 }, async () => {
    const writers = await Promise.all([open(), open(), open()]);
    const reader = await open();
    const group = `/follow/${Date.now()}`;
    const perWriter = 60;
    let writing = true;
    const written = Promise.all(
      writers.map(async (w, wi) => {
        for (let i = 0; i < perWriter; i++) {
          // Several batches in flight per writer, so transactions overlap on the server.
          await Promise.all([0, 1].map((k) => w.logs.append([{ group, stream: `w${wi}`, timestamp: Date.now(), message: `${wi}:${i}:${k}` }])));
        }
      }),
    ).finally(() => (writing = false));
    const seen: number[] = [];
    let cursor = 0;
    for (let last = false; !last; ) {
      last = !writing;
      for (const e of await reader.logs.query({ group, afterId: cursor })) {
        seen.push(e.id);
        cursor = e.id;
      }
    }
    await written;
    const all = (await reader.logs.query({ group })).map((e) => e.id).sort((x, y) => x - y);
    assert.equal(all.length, writers.length * perWriter * 2);
    assert.deepEqual(seen, all, 'the follower saw every row, in id order, with no gap');
  });
  test('the mail follow cursor never skips a message that commits late, under concurrent adds', { timeout: 30_000 }, async () => {
    const writers = await Promise.all([open(), open(), open()]);
    const reader = await open();
    const to = `follow-${Date.now()}@example.com`;
    const perWriter = 40;
    let writing = true;
    const mail = (id: string) => ({
      messageId: `0100${id}-000000`, origin: 'ses-v1' as const, operation: 'SendEmail', from: 'sender@example.com',
      to: [to], cc: [], bcc: [], replyTo: [], sentAt: Date.now(),
    });
    const written = Promise.all(
      writers.map(async (w, wi) => {
        for (let i = 0; i < perWriter; i++) {
          // Several adds in flight per writer, so transactions overlap on the server.
          await Promise.all([0, 1].map((k) => w.mail.add(mail(`${Date.now()}-${wi}-${i}-${k}`))));
        }
      }),
    ).finally(() => (writing = false));
    const seen: number[] = [];
    let cursor = 0;
    for (let last = false; !last; ) {
      last = !writing;
      for (const m of await reader.mail.list({ recipient: to, afterId: cursor })) {
        seen.push(m.id);
        cursor = m.id;
      }
    }
    await written;
    const all = (await reader.mail.list({ recipient: to })).map((m) => m.id);
    assert.equal(all.length, writers.length * perWriter * 2);
    assert.deepEqual(seen, all, 'the follower saw every message, in id order, with no gap');
  });
  test('a queue changed or deleted on one engine is seen by another that cached it (NOTIFY drops the copy)', async () => {
    const [a, b] = await Promise.all([open(), open()]);
    const queue = await newQueue(a, `cache_${Date.now()}`);
    assert.equal((await b.queues.getQueue(queue))?.attributes.VisibilityTimeout, undefined);
    await a.queues.updateQueue(queue, { attributes: { VisibilityTimeout: '42' } }, Date.now());
    // The other engine hears the change within milliseconds; poll rather than sleep a guess. The
    // bound stays under the cache's own age limit (5 s), so passing shows the NOTIFY at work.
    const deadline = Date.now() + 3_000;
    while ((await b.queues.getQueue(queue))?.attributes.VisibilityTimeout !== '42') {
      assert.ok(Date.now() < deadline, 'the change reached the other engine');
      await new Promise((r) => setTimeout(r, 10));
    }
    await a.queues.deleteQueue(queue);
    while ((await b.queues.getQueue(queue)) !== undefined) {
      assert.ok(Date.now() < deadline, 'the deletion reached the other engine');
      await new Promise((r) => setTimeout(r, 10));
    }
  });
});
