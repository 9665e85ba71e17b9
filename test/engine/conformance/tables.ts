/**
 * The TableStore conformance suite: every engine backend runs it unchanged. Keys are encoded
 * with the tables service's encoding (services/tables/key-encoding.ts), so the suite also pins
 * that each backend's byte ordering is DynamoDB's order (numbers numerically, strings by UTF-8
 * bytes, binary bytewise). Each test uses a table of its own.
 */
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Engine, ItemPut, RowKey, SortCondition, TableStore } from '../../../src/engine/types';
import { encodeKeyValue, hashKey, HASH_SPACE } from '../../../src/services/tables/key-encoding';
import { itemKeyOf } from '../../../src/engine/shared/table-sql';

const EMPTY = Buffer.alloc(0);

export function runTableStoreConformance(name: string, open: () => Promise<Engine>): void {
  describe(`TableStore conformance: ${name}`, () => {
    const engines: Engine[] = [];
    const store = async (): Promise<TableStore> => {
      const engine = await open();
      engines.push(engine);
      return engine.tables;
    };
    after(async () => {
      for (const engine of engines) await engine.close();
    });
    const newTable = async (t: TableStore) => {
      const name = `t-${randomUUID()}`;
      assert.equal(await t.createTable({ name, spec: '{"v":1}', createdAt: 1000 }), true);
      return name;
    };
    const put = (item: unknown, pk: Buffer, extra: Partial<ItemPut> = {}): ItemPut => ({ item: JSON.stringify(item), size: 10, hash: hashKey(pk), entries: [], ...extra });
    const key = (pk: string, sk?: Buffer): RowKey => ({ pk: Buffer.from(pk), sk: sk ?? EMPTY });
    const write = (t: TableStore, table: string, rows: { key: RowKey; put: ItemPut | 'delete' }[]) =>
      t.transact(rows.map((r) => ({ table, ...r.key })), () => ({ writes: rows.map((r) => r.put), result: undefined }));

    test('tables: create once, get, list sorted, update the spec, delete', async () => {
      const t = await store();
      const name = await newTable(t);
      assert.equal(await t.createTable({ name, spec: '{}', createdAt: 2 }), false);
      assert.deepEqual(await t.getTable(name), { name, spec: '{"v":1}', createdAt: 1000 });
      const names = (await t.listTables()).map((x) => x.name);
      assert.ok(names.includes(name));
      assert.deepEqual(names, [...names].sort());
      assert.equal(await t.updateTable(name, '{"v":2}'), true);
      assert.equal((await t.getTable(name))?.spec, '{"v":2}');
      await write(t, name, [{ key: key('a'), put: put({ a: 1 }, Buffer.from('a')) }]);
      assert.equal(await t.deleteTable(name), true);
      assert.equal(await t.getTable(name), undefined);
      assert.equal(await t.deleteTable(name), false);
      assert.deepEqual(await t.getItems(name, [key('a')]), [undefined]);
      assert.equal(await t.updateTable(name, '{}'), false);
    });

    test('numbers sort numerically: negatives, zero, fractions, 38 digits, exponents', async () => {
      const t = await store();
      const table = await newTable(t);
      const numbers = ['-1E+125', '-100', '-10.5', '-10', '-1', '-0.123', '-0.12', '-1E-130', '0', '1E-130', '0.12', '0.123', '1', '9.99', '10', '10.5', '100', '12345678901234567890123456789012345678', '1E+125'];
      const shuffled = [...numbers].sort(() => Math.random() - 0.5);
      const pk = Buffer.from('p');
      await write(t, table, shuffled.map((n) => ({ key: { pk, sk: encodeKeyValue({ N: n }) }, put: put({ n }, pk) })));
      const rows = await t.query({ table, index: '', pk, forward: true, limit: 100 });
      assert.deepEqual(rows.map((r) => JSON.parse(r.item).n), numbers);
      const back = await t.query({ table, index: '', pk, forward: false, limit: 3 });
      assert.deepEqual(back.map((r) => JSON.parse(r.item).n), ['1E+125', '12345678901234567890123456789012345678', '100']);
    });

    test('strings sort by UTF-8 bytes and binary bytewise; sort conditions and begins_with ranges', async () => {
      const t = await store();
      const table = await newTable(t);
      const pk = Buffer.from('s');
      const strings = ['A', 'Z', 'a', 'ab', 'abc', 'abd', 'b', 'é', '中', '😀'];
      await write(t, table, strings.map((s) => ({ key: { pk, sk: encodeKeyValue({ S: s }) }, put: put({ s }, pk) })));
      const q = async (sort: SortCondition, forward = true) =>
        (await t.query({ table, index: '', pk, sort, forward, limit: 100 })).map((r) => JSON.parse(r.item).s);
      const enc = (s: string) => encodeKeyValue({ S: s });
      assert.deepEqual(await q({ op: '>=', value: enc('a') }), ['a', 'ab', 'abc', 'abd', 'b', 'é', '中', '😀']);
      assert.deepEqual(await q({ op: '<', value: enc('a') }), ['A', 'Z']);
      assert.deepEqual(await q({ op: '<=', value: enc('ab') }, false), ['ab', 'a', 'Z', 'A']);
      assert.deepEqual(await q({ op: '>', value: enc('é') }), ['中', '😀']);
      assert.deepEqual(await q({ op: '=', value: enc('abc') }), ['abc']);
      assert.deepEqual(await q({ op: 'between', low: enc('ab'), high: enc('b') }), ['ab', 'abc', 'abd', 'b']);
      assert.deepEqual(await q({ op: 'prefix', value: enc('ab') }), ['ab', 'abc', 'abd']);
      const bpk = Buffer.from('b');
      const blobs = [[0x00], [0x00, 0x01], [0x7f], [0x80], [0xff], [0xff, 0x00], [0xff, 0xff]].map((b) => Buffer.from(b));
      await write(t, table, blobs.map((b) => ({ key: { pk: bpk, sk: b }, put: put({ b: b.toString('hex') }, bpk) })));
      const got = async (sort?: SortCondition) => (await t.query({ table, index: '', pk: bpk, sort, forward: true, limit: 100 })).map((r) => JSON.parse(r.item).b);
      assert.deepEqual(await got(), ['00', '0001', '7f', '80', 'ff', 'ff00', 'ffff']);
      assert.deepEqual(await got({ op: 'prefix', value: Buffer.from([0xff]) }), ['ff', 'ff00', 'ffff']);
    });

    test('query pages continue after a row in either direction', async () => {
      const t = await store();
      const table = await newTable(t);
      const pk = Buffer.from('p');
      await write(t, table, Array.from({ length: 10 }, (_, i) => ({ key: { pk, sk: encodeKeyValue({ N: String(i) }) }, put: put({ i }, pk) })));
      for (const forward of [true, false]) {
        const seen: number[] = [];
        let after: { sk: Buffer; itemKey: Buffer } | undefined;
        for (;;) {
          const rows = await t.query({ table, index: '', pk, forward, after, limit: 3 });
          seen.push(...rows.map((r) => JSON.parse(r.item).i));
          if (rows.length < 3) break;
          after = { sk: rows[2].sk, itemKey: rows[2].itemKey };
        }
        assert.deepEqual(seen, forward ? [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] : [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
      }
    });

    test('index entries are written with the item, replaced when it changes, removed with it', async () => {
      const t = await store();
      const table = await newTable(t);
      const entry = (status: string, pk: Buffer) => ({ index: 'byStatus', pk: Buffer.from(status), sk: EMPTY, hash: hashKey(Buffer.from(status)), item: JSON.stringify({ id: pk.toString(), status }) });
      const a = Buffer.from('a');
      const b = Buffer.from('b');
      await write(t, table, [
        { key: key('a'), put: put({ id: 'a' }, a, { entries: [entry('open', a)] }) },
        { key: key('b'), put: put({ id: 'b' }, b, { entries: [entry('open', b)] }) },
      ]);
      const open = async () => (await t.query({ table, index: 'byStatus', pk: Buffer.from('open'), forward: true, limit: 10 })).map((r) => JSON.parse(r.item).id);
      assert.deepEqual(await open(), ['a', 'b']);
      const rows = await t.query({ table, index: 'byStatus', pk: Buffer.from('open'), forward: true, limit: 10 });
      assert.deepEqual(rows[0].itemKey, itemKeyOf(a, EMPTY));
      await write(t, table, [{ key: key('a'), put: put({ id: 'a' }, a, { entries: [entry('done', a)] }) }]);
      assert.deepEqual(await open(), ['b']);
      await write(t, table, [{ key: key('b'), put: 'delete' }]);
      assert.deepEqual(await open(), []);
      const stats = await t.tableStats(table);
      assert.equal(stats.itemCount, 1);
      assert.equal(stats.indexCounts.byStatus, 1);
      await t.replaceIndex(table, 'byStatus', [{ ...entry('open', b), itemKey: itemKeyOf(b, EMPTY) }]);
      assert.deepEqual(await open(), ['b']);
      assert.equal((await t.query({ table, index: 'byStatus', pk: Buffer.from('done'), forward: true, limit: 10 })).length, 0);
    });

    test('a throw from decide rolls back every write of the transaction', async () => {
      const t = await store();
      const table = await newTable(t);
      await write(t, table, [{ key: key('keep'), put: put({ v: 1 }, Buffer.from('keep')) }]);
      await assert.rejects(
        t.transact([{ table, ...key('keep') }, { table, ...key('new') }], () => {
          throw new Error('condition failed');
        }),
        /condition failed/,
      );
      await write(t, table, [{ key: key('new'), put: put({ v: 2 }, Buffer.from('new')) }]);
      const [kept, created] = await t.getItems(table, [key('keep'), key('new')]);
      assert.equal(JSON.parse(kept!.item).v, 1);
      assert.ok(created);
      await t.transact([{ table, ...key('keep') }], (current) => {
        assert.equal(JSON.parse(current[0]!.item).v, 1);
        return { writes: ['delete'], result: undefined };
      });
      assert.deepEqual(await t.getItems(table, [key('keep')]), [undefined]);
    });

    test('scan covers every row once across hash segments, in pages', async () => {
      const t = await store();
      const table = await newTable(t);
      const rows = Array.from({ length: 40 }, (_, i) => ({ key: key(`k${i}`), put: put({ i }, Buffer.from(`k${i}`)) }));
      await write(t, table, rows);
      const seen: number[] = [];
      const segments = 3;
      for (let s = 0; s < segments; s++) {
        const from = Math.floor((s * HASH_SPACE) / segments);
        const to = Math.floor(((s + 1) * HASH_SPACE) / segments);
        let after: { hash: number; pk: Buffer; sk: Buffer; itemKey: Buffer } | undefined;
        for (;;) {
          const page = await t.scan({ table, index: '', hashFrom: from, hashTo: to, after, limit: 7 });
          for (const r of page) assert.ok(r.hash >= from && r.hash < to);
          seen.push(...page.map((r) => JSON.parse(r.item).i));
          if (page.length < 7) break;
          const last = page[page.length - 1];
          after = { hash: last.hash, pk: last.pk, sk: last.sk, itemKey: last.itemKey };
        }
      }
      assert.deepEqual(seen.sort((a, b) => a - b), Array.from({ length: 40 }, (_, i) => i));
    });

    test('the TTL sweep deletes only expired items, entries included, and appends their stream records', async () => {
      const t = await store();
      const table = await newTable(t);
      const entry = { index: 'g', pk: Buffer.from('x'), sk: EMPTY, hash: 1, item: '{}' };
      await write(t, table, [
        { key: key('old'), put: put({ id: 'old' }, Buffer.from('old'), { expiresAt: 100, entries: [entry] }) },
        { key: key('young'), put: put({ id: 'young' }, Buffer.from('young'), { expiresAt: 5000 }) },
        { key: key('never'), put: put({ id: 'never' }, Buffer.from('never')) },
      ]);
      const before = await t.latestStreamSeq(table);
      const swept = (await t.sweepExpired(200, 1000, (tbl, row) => ({ table: tbl, record: row.item, at: Date.now() }))).filter((s) => s.table === table);
      assert.deepEqual(swept.map((s) => JSON.parse(s.row.item).id), ['old']);
      assert.deepEqual((await t.getItems(table, [key('old'), key('young'), key('never')])).map((r) => r && JSON.parse(r.item).id), [undefined, 'young', 'never']);
      assert.equal((await t.tableStats(table)).indexCounts.g, undefined);
      const records = await t.readStream(table, before, 10);
      assert.deepEqual(records.map((r) => JSON.parse(r.record).id), ['old']);
    });

    test('stream records are ordered per table; checkpoints are kept per consumer', async () => {
      const t = await store();
      const table = await newTable(t);
      const other = await newTable(t);
      await t.transact([{ table, ...key('a') }, { table: other, ...key('a') }], () => ({
        writes: [put({}, Buffer.from('a')), put({}, Buffer.from('a'))],
        stream: [
          { table, record: '1', at: 1000 },
          { table: other, record: 'x', at: 1000 },
          { table, record: '2', at: 5000 },
        ],
        result: undefined,
      }));
      const records = await t.readStream(table, 0, 10);
      assert.deepEqual(records.map((r) => r.record), ['1', '2']);
      assert.ok(records[0].seq < records[1].seq);
      assert.equal(await t.latestStreamSeq(table), records[1].seq);
      assert.deepEqual((await t.readStream(table, records[0].seq, 10)).map((r) => r.record), ['2']);
      assert.ok((await t.trimStream(2000)) >= 2);
      assert.deepEqual((await t.readStream(table, 0, 10)).map((r) => r.record), ['2']);
      const consumer = `c-${randomUUID()}`;
      assert.equal(await t.getCheckpoint(consumer), undefined);
      assert.deepEqual(await t.leaseConsumer(consumer, 'node-a', 1000, 2000), { held: true });
      assert.equal(await t.setCheckpoint(consumer, 'node-a', records[0].seq), true);
      assert.equal(await t.setCheckpoint(consumer, 'node-a', records[1].seq), true);
      assert.equal(await (await store()).getCheckpoint(consumer), records[1].seq);
      await t.deleteTable(table);
      assert.deepEqual(await t.readStream(table, 0, 10), []);
    });

    test('consumer leases: one owner at a time, renewed by its owner, taken over once expired', async () => {
      const [a, b] = [await store(), await store()];
      const consumer = `c-${randomUUID()}`;
      assert.deepEqual(await a.leaseConsumer(consumer, 'node-a', 1000, 2000), { held: true });
      assert.deepEqual(await b.leaseConsumer(consumer, 'node-b', 1500, 2500), { held: false });
      assert.equal(await b.setCheckpoint(consumer, 'node-b', 7), false);
      assert.deepEqual(await a.leaseConsumer(consumer, 'node-a', 1900, 3000), { held: true });
      assert.equal(await a.setCheckpoint(consumer, 'node-a', 5), true);
      assert.deepEqual(await b.leaseConsumer(consumer, 'node-b', 2999, 4000), { held: false, seq: 5 });
      assert.deepEqual(await b.leaseConsumer(consumer, 'node-b', 3001, 4000), { held: true, seq: 5 });
      assert.equal(await a.setCheckpoint(consumer, 'node-a', 9), false);
      assert.equal(await b.getCheckpoint(consumer), 5);
      await b.releaseConsumer(consumer, 'node-b');
      assert.deepEqual(await a.leaseConsumer(consumer, 'node-a', 3002, 5000), { held: true, seq: 5 });
    });

    test('conditional inserts of one key from two engines at once: exactly one wins', async () => {
      const [a, b] = [await store(), await store()];
      const table = await newTable(a);
      const attempt = (t: TableStore, who: string) =>
        t
          .transact([{ table, ...key('contested') }], (current) => {
            if (current[0]) throw new Error('exists');
            return { writes: [put({ who }, Buffer.from('contested'))], result: who };
          })
          .catch(() => undefined);
      const winners = (await Promise.all(Array.from({ length: 10 }, (_, i) => attempt(i % 2 ? a : b, `w${i}`)))).filter(Boolean);
      assert.equal(winners.length, 1);
      const [row] = await a.getItems(table, [key('contested')]);
      assert.equal(JSON.parse(row!.item).who, winners[0]);
    });
  });
}
