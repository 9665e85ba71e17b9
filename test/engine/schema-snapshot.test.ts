/**
 * The migrated SQLite schema must match the committed snapshot, so a schema change is always a
 * visible, reviewed diff (and a new numbered migration, never an edit of a shipped one).
 * After adding a migration, refresh with: STRATUS_UPDATE_SNAPSHOT=1 node --import tsx --test test/engine/schema-snapshot.test.ts
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { openEngine } from '../../src/engine/index';

const SNAPSHOT = fileURLToPath(new URL('./sqlite-schema.snapshot.sql', import.meta.url));

test('migrated SQLite schema matches the committed snapshot', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'stratus-schema-'));
  try {
    const path = join(dir, 'schema.db');
    await (await openEngine(`sqlite:${path}`)).close();
    const db = new Database(path, { readonly: true });
    const rows = db
      .prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type DESC, name")
      .all() as { sql: string }[];
    db.close();
    const actual = rows.map((r) => `${r.sql.trim()};`).join('\n\n') + '\n';
    if (process.env.STRATUS_UPDATE_SNAPSHOT) writeFileSync(SNAPSHOT, actual);
    assert.equal(actual, readFileSync(SNAPSHOT, 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
