/**
 * The hot TableStore reads are index range scans on both backends, never full-table scans: a
 * Query is a search of the primary key (table_name, idx, pk, sk, item_key) with the sort-key
 * range; a Scan segment a search of dynamo_items_scan. Checked with each database's planner.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openEngine } from '../../src/engine/index';
import { queryStatement, scanStatement } from '../../src/engine/shared/table-sql';
import type { RowQuery, RowScan } from '../../src/engine/types';
import { startTestDatabase } from './fixtures/pg-cluster';

const query: RowQuery = { table: 't', index: '', pk: Buffer.from('p'), sort: { op: 'between', low: Buffer.from('a'), high: Buffer.from('m') }, forward: false, after: { sk: Buffer.from('k'), itemKey: Buffer.alloc(0) }, limit: 10 };
const prefix: RowQuery = { ...query, sort: { op: 'prefix', value: Buffer.from('ab') }, after: undefined };
const scan: RowScan = { table: 't', index: 'g', hashFrom: 0, hashTo: 1000, after: { hash: 5, pk: Buffer.from('p'), sk: Buffer.alloc(0), itemKey: Buffer.alloc(0) }, limit: 10 };

const dir = mkdtempSync(join(tmpdir(), 'stratus-plan-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('SQLite: Query and Scan search an index', async () => {
  const path = join(dir, 'plan.db');
  await (await openEngine(`sqlite:${path}`)).close();
  const db = new Database(path, { readonly: true });
  try {
    const plan = (s: { text: string; params: unknown[] }) => (db.prepare(`EXPLAIN QUERY PLAN ${s.text}`).all(...s.params) as { detail: string }[]).map((r) => r.detail).join('; ');
    assert.match(plan(queryStatement(query, '?')), /SEARCH dynamo_items USING PRIMARY KEY \(table_name=\? AND idx=\? AND pk=\? AND sk>\? AND sk<\?\)/);
    assert.match(plan(queryStatement(prefix, '?')), /SEARCH dynamo_items USING PRIMARY KEY \(table_name=\? AND idx=\? AND pk=\? AND sk>\? AND sk<\?\)/);
    assert.match(plan(scanStatement(scan, '?')), /SEARCH dynamo_items USING (COVERING )?INDEX dynamo_items_scan \(table_name=\? AND idx=\? AND hash>\? AND hash<\?\)/);
    assert.doesNotMatch(plan(queryStatement(query, '?')), /TEMP B-TREE/);
  } finally {
    db.close();
  }
});

test('PostgreSQL: Query and Scan use an index', async () => {
  const database = await startTestDatabase('plan');
  try {
    await (await openEngine(database.url)).close();
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      // An empty table makes any plan cheap; forbid the sequential scan to see that an index serves the query.
      await client.query('SET enable_seqscan = off');
      const plan = async (s: { text: string; params: unknown[] }) => (await client.query(`EXPLAIN ${s.text}`, s.params)).rows.map((r) => r['QUERY PLAN']).join('\n');
      assert.match(await plan(queryStatement(query, '$')), /Index (Only )?Scan (Backward )?using dynamo_items_pkey/);
      assert.match(await plan(queryStatement(prefix, '$')), /Index (Only )?Scan (Backward )?using dynamo_items_pkey/);
      assert.match(await plan(scanStatement(scan, '$')), /Index (Only )?Scan using dynamo_items_scan/);
      assert.doesNotMatch(await plan(queryStatement(query, '$')), /Sort/);
    } finally {
      await client.end();
    }
  } finally {
    await database.stop();
  }
});
