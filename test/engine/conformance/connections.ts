/**
 * The ConnectionStore conformance suite: every engine backend runs it unchanged. `open()` returns
 * a new Engine on the SAME database each call; tests isolate themselves with unique ids.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { ConnectionRecord, Engine } from '../../../src/engine/types';
import { trackedEngines } from './tracked';

const T0 = Date.UTC(2026, 11, 2, 9, 0, 0);

export function runConnectionStoreConformance(name: string, open: () => Promise<Engine>): void {
  describe(`ConnectionStore conformance: ${name}`, () => {
    const openTracked = trackedEngines(open);
    const record = (over: Partial<ConnectionRecord> = {}): ConnectionRecord => ({
      connectionId: `c${randomUUID()}=`,
      apiId: `api-${randomUUID()}`,
      stage: 'prod',
      node: `node-${randomUUID()}`,
      connectedAt: T0,
      lastActiveAt: T0,
      sourceIp: '127.0.0.1',
      userAgent: 'ws-test/1.0',
      ...over,
    });

    test('add, get and remove round-trip every field', async () => {
      const { connections } = await openTracked();
      const c = record();
      assert.equal(await connections.add(c), true);
      assert.deepEqual(await connections.get(c.connectionId), c);
      assert.equal(await connections.remove(c.connectionId), true);
      assert.equal(await connections.get(c.connectionId), undefined);
      assert.equal(await connections.remove(c.connectionId), false, 'already gone');
    });

    test('a second add with the same id keeps the first; a missing user agent stays missing', async () => {
      const { connections } = await openTracked();
      const c = record();
      delete c.userAgent;
      assert.equal(await connections.add(c), true);
      assert.equal(await connections.add({ ...c, sourceIp: '10.0.0.1' }), false);
      assert.deepEqual(await connections.get(c.connectionId), c);
      assert.equal('userAgent' in (await connections.get(c.connectionId))!, false);
    });

    test('touch moves lastActiveAt forward only, and says when the connection is unknown', async () => {
      const { connections } = await openTracked();
      const c = record();
      await connections.add(c);
      assert.equal(await connections.touch(c.connectionId, T0 + 5_000), true);
      assert.equal(await connections.touch(c.connectionId, T0 + 1_000), true);
      assert.equal((await connections.get(c.connectionId))!.lastActiveAt, T0 + 5_000);
      assert.equal(await connections.touch(`missing-${randomUUID()}`, T0), false);
    });

    test('list by API is oldest first; removeByNode drops only that node\'s connections', async () => {
      const { connections } = await openTracked();
      const apiId = `api-${randomUUID()}`;
      const nodeA = `node-${randomUUID()}`;
      const late = record({ apiId, node: nodeA, connectedAt: T0 + 2 });
      const early = record({ apiId, node: `node-${randomUUID()}`, connectedAt: T0 + 1 });
      const elsewhere = record({ node: nodeA });
      for (const c of [late, early, elsewhere]) await connections.add(c);
      assert.deepEqual((await connections.list(apiId)).map((c) => c.connectionId), [early.connectionId, late.connectionId]);
      assert.ok((await connections.list()).some((c) => c.connectionId === elsewhere.connectionId));
      assert.equal(await connections.removeByNode(nodeA), 2);
      assert.deepEqual((await connections.list(apiId)).map((c) => c.connectionId), [early.connectionId]);
      assert.equal(await connections.get(elsewhere.connectionId), undefined);
    });

    test('a second engine on the same database sees the same connections', async () => {
      const a = await openTracked();
      const b = await openTracked();
      const c = record();
      await a.connections.add(c);
      assert.deepEqual(await b.connections.get(c.connectionId), c);
      await b.connections.remove(c.connectionId);
      assert.equal(await a.connections.get(c.connectionId), undefined);
    });
  });
}
