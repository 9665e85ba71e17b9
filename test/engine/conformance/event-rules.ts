/**
 * The EventRuleStore conformance suite: every engine backend runs it unchanged. `open()` returns a
 * new Engine on the SAME database each call, so a second engine stands for another node; tests
 * isolate themselves with unique bus names.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Engine, EventRuleSnapshot } from '../../../src/engine/types';
import { trackedEngines } from './tracked';

export function runEventRuleStoreConformance(name: string, open: () => Promise<Engine>): void {
  describe(`EventRuleStore conformance: ${name}`, () => {
    const openTracked = trackedEngines(open);
    const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
    const busesOf = (snap: EventRuleSnapshot, names: string[]) => snap.buses.filter((b) => names.includes(b.name));
    const rulesOf = (snap: EventRuleSnapshot, bus: string) => snap.rules.filter((r) => r.bus === bus);

    test('buses and rules are stored as given, ordered, and seen by another engine', async () => {
      const a = await openTracked();
      const b = await openTracked();
      const bus = unique('bus');
      await a.eventRules.putBus({ name: bus, body: '{"Name":"x"}', origin: 'api' });
      await a.eventRules.putRule({ bus, name: 'zeta', body: '{"z":1}', origin: 'api' });
      await a.eventRules.putRule({ bus, name: 'Alpha', body: '{"a":1}', origin: 'api' });
      await a.eventRules.putRule({ bus, name: 'alpha', body: '{"a":2}', origin: 'api' });
      const snap = await b.eventRules.snapshot();
      assert.deepEqual(busesOf(snap, [bus]), [{ name: bus, body: '{"Name":"x"}', origin: 'api' }]);
      assert.deepEqual(
        rulesOf(snap, bus).map((r) => r.name),
        ['Alpha', 'alpha', 'zeta'],
        'code-point order',
      );
      assert.equal(rulesOf(snap, bus)[0]!.body, '{"a":1}');
    });

    test('every change moves the version, on every engine', async () => {
      const a = await openTracked();
      const b = await openTracked();
      const bus = unique('bus');
      const v0 = await b.eventRules.version();
      await a.eventRules.putBus({ name: bus, body: '{}', origin: 'api' });
      const v1 = await b.eventRules.version();
      assert.ok(v1 > v0);
      await a.eventRules.putRule({ bus, name: 'r', body: '{}', origin: 'api' });
      const v2 = await b.eventRules.version();
      assert.ok(v2 > v1);
      assert.equal(await a.eventRules.deleteRule(bus, 'r'), true);
      const v3 = await b.eventRules.version();
      assert.ok(v3 > v2);
      const snap = await b.eventRules.snapshot();
      assert.ok(snap.version >= v3);
    });

    test('replacing keeps the origin; deleting a bus deletes its rules; deleting twice answers false', async () => {
      const { eventRules } = await openTracked();
      const bus = unique('bus');
      await eventRules.putBus({ name: bus, body: '{"v":1}', origin: 'template' });
      await eventRules.putBus({ name: bus, body: '{"v":2}', origin: 'api' });
      await eventRules.putRule({ bus, name: 'r', body: '{"v":1}', origin: 'template' });
      await eventRules.putRule({ bus, name: 'r', body: '{"v":2}', origin: 'api' });
      let snap = await eventRules.snapshot();
      assert.deepEqual(busesOf(snap, [bus]), [{ name: bus, body: '{"v":2}', origin: 'template' }]);
      assert.deepEqual(rulesOf(snap, bus), [{ bus, name: 'r', body: '{"v":2}', origin: 'template' }]);
      assert.equal(await eventRules.deleteBus(bus), true);
      assert.equal(await eventRules.deleteBus(bus), false);
      assert.equal(await eventRules.deleteRule(bus, 'r'), false);
      snap = await eventRules.snapshot();
      assert.deepEqual(busesOf(snap, [bus]), []);
      assert.deepEqual(rulesOf(snap, bus), []);
    });

    test('adoptTemplate marks what it names and deletes the template rows it no longer names', async () => {
      const { eventRules } = await openTracked();
      const kept = unique('kept');
      const dropped = unique('dropped');
      const api = unique('api');
      await eventRules.putBus({ name: kept, body: '{}', origin: 'api' });
      await eventRules.putBus({ name: dropped, body: '{}', origin: 'template' });
      await eventRules.putBus({ name: api, body: '{}', origin: 'api' });
      await eventRules.putRule({ bus: kept, name: 'old', body: '{}', origin: 'template' });
      await eventRules.putRule({ bus: kept, name: 'new', body: '{}', origin: 'api' });
      await eventRules.putRule({ bus: dropped, name: 'r', body: '{}', origin: 'template' });
      await eventRules.putRule({ bus: api, name: 'mine', body: '{}', origin: 'api' });
      const gone = await eventRules.adoptTemplate([kept], [{ bus: kept, name: 'new' }]);
      assert.ok(gone.buses.includes(dropped));
      assert.ok(!gone.buses.includes(kept) && !gone.buses.includes(api));
      const goneHere = gone.rules.filter((r) => [kept, dropped, api].includes(r.bus)).map((r) => `${r.bus}/${r.name}`);
      assert.deepEqual(goneHere.sort(), [`${kept}/old`, `${dropped}/r`].sort());
      const snap = await eventRules.snapshot();
      assert.deepEqual(
        busesOf(snap, [kept, dropped, api]).map((b) => [b.name, b.origin]).sort(),
        [[api, 'api'], [kept, 'template']].sort(),
      );
      assert.deepEqual(rulesOf(snap, kept).map((r) => [r.name, r.origin]), [['new', 'template']]);
      assert.deepEqual(rulesOf(snap, dropped), []);
      assert.deepEqual(rulesOf(snap, api).map((r) => [r.name, r.origin]), [['mine', 'api']]);
    });
  });
}
