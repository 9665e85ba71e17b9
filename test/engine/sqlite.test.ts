/** Runs the whole engine conformance suite on SQLite (a file in a temp dir), plus SQLite-only checks. */
import { test, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { openEngine } from '../../src/engine/index';
import { UserError } from '../../src/shared/errors';
import { SQLITE_MIGRATIONS } from '../../src/engine/sqlite/migrations/index';
import { runEngineConformance } from './conformance/index';
import { spawnTs } from './fixtures/child';

const dir = mkdtempSync(join(tmpdir(), 'stratus-engine-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const fileUrl = `sqlite:${join(dir, 'conformance', 'stratus.db')}`;
runEngineConformance('sqlite (file)', () => openEngine(fileUrl), { url: fileUrl });

const APPEND_CHILD = fileURLToPath(new URL('./fixtures/append-child.ts', import.meta.url));

describe('sqlite engine specifics', () => {
  test('creates the folder, uses WAL, records each migration once', async () => {
    const path = join(dir, 'nested', 'deeper', 'state.db');
    for (let i = 0; i < 3; i++) await (await openEngine(`sqlite:${path}`)).close();
    assert.ok(existsSync(path));
    const db = new Database(path, { readonly: true });
    try {
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
      const rows = db.prepare('SELECT version, name FROM schema_migrations').all();
      assert.deepEqual(rows, SQLITE_MIGRATIONS.map(({ version, name }) => ({ version, name })));
    } finally {
      db.close();
    }
  });

  test('three processes opening a fresh file at once migrate it once and all write', { timeout: 20_000 }, async () => {
    const path = join(dir, 'race', 'state.db');
    const url = `sqlite:${path}`;
    const children = [0, 1, 2].map(() => spawnTs(APPEND_CHILD, [url, '/race', '5', '10', '0']));
    try {
      await Promise.all(children.map((c) => c.exited()));
    } finally {
      children.forEach((c) => c.kill());
    }
    const engine = await openEngine(url);
    try {
      assert.equal((await engine.logs.query({ group: '/race' })).length, 150);
      assert.deepEqual((await engine.logs.groups('/race')).map((g) => g.storedEvents), [150]);
    } finally {
      await engine.close();
    }
    const db = new Database(path, { readonly: true });
    assert.equal((db.prepare('SELECT count(*) AS n FROM schema_migrations').get() as { n: number }).n, SQLITE_MIGRATIONS.length);
    db.close();
  });

  test('a database from a newer Stratus is refused with a user error', async () => {
    const path = join(dir, 'newer.db');
    await (await openEngine(`sqlite:${path}`)).close();
    const db = new Database(path);
    db.prepare("INSERT INTO schema_migrations VALUES (999, 'future', 0)").run();
    db.close();
    await assert.rejects(openEngine(`sqlite:${path}`), (err) => err instanceof UserError && /newer/.test(err.message));
  });

  test('sqlite::memory: opens a private in-memory engine', async () => {
    const a = await openEngine('sqlite::memory:');
    const b = await openEngine('sqlite::memory:');
    await a.logs.append([{ group: '/m', stream: 's', timestamp: 1, message: 'only in a' }]);
    assert.equal((await a.logs.query({ group: '/m' })).length, 1);
    assert.equal((await b.logs.query({ group: '/m' })).length, 0);
    assert.equal(a.backend, 'sqlite');
    await a.close();
    await b.close();
  });

  test('unreachable postgres URLs and unknown schemes are user errors', async () => {
    // Port 1 refuses at once: the postgres backend loads, fails to connect and says where.
    await assert.rejects(openEngine('postgres://u:secret@127.0.0.1:1/db'), (err) => err instanceof UserError && /PostgreSQL.*127\.0\.0\.1:1/.test(err.message) && !/secret/.test(err.message));
    await assert.rejects(openEngine('postgresql://u@127.0.0.1:1/db'), UserError);
    await assert.rejects(openEngine('mysql://x'), (err) => err instanceof UserError && /sqlite:/.test(err.message));
    await assert.rejects(openEngine('.stratus/stratus.db'), UserError);
    await assert.rejects(openEngine('sqlite:'), UserError);
  });
});
