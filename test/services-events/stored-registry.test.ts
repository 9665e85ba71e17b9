/**
 * The engine-backed registry (stored-registry.ts) on a real SQLite file: what the API made comes
 * back at the next start, the template's rules are rebuilt as before, and a rule the template no
 * longer lists goes away with the restart while API-made ones stay. Also the template tests' own
 * expectations, run once more on the stored registry.
 */
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEngine, type Engine } from '../../src/engine';
import { createStoredRegistry } from '../../src/services/events';
import { loadTemplate } from '../../src/template';
import { newService } from './support';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const dir = mkdtempSync(join(tmpdir(), 'stratus-stored-registry-'));
const engines: Engine[] = [];
after(async () => {
  for (const engine of engines) await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

/** One "start": a fresh engine on the same file and a fresh service. */
async function start() {
  const engine = await openEngine(`sqlite:${join(dir, 'stratus.db')}`);
  engines.push(engine);
  return newService({ registry: createStoredRegistry(engine.eventRules) });
}

const placed = { Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: '{"orderId":"o-1","total":120}', EventBusName: 'orders' };

describe('stored events registry', () => {
  it('template rules rebuild at every start; API rules stay; rules dropped from the template go', async () => {
    const model = await loadTemplate(join(FIXTURES, 'app', 'template.yaml'));
    const first = await start();
    await first.service.loadTemplate(model);
    await first.service.putRule({ Name: 'api-made', EventBusName: 'orders', EventPattern: '{"source":["shop.orders"]}' });
    await first.service.putTargets({ Rule: 'api-made', EventBusName: 'orders', Targets: [{ Id: 'q', Arn: 'arn:aws:sqs:us-east-1:000000000000:Api' }] });
    // An API change to a template rule lasts until the template is applied again.
    await first.service.disableRule({ Name: 'order-placed', EventBusName: 'orders' });

    const second = await start();
    await second.service.loadTemplate(model);
    const names = async (s: typeof second) => (await s.service.listRules({ EventBusName: 'orders' })).Rules.map((r) => [r.Name, r.State]);
    assert.deepEqual(await names(second), [
      ['DisabledRule', 'DISABLED'],
      ['WorkerOnShipped', 'ENABLED'],
      ['api-made', 'ENABLED'],
      ['order-placed', 'ENABLED'],
    ]);
    await second.service.putEvents({ Entries: [placed] });
    assert.equal(second.dispatcher.to('q').length, 1, 'the API rule delivers after the restart');

    // The next start's template no longer has OrderPlacedRule.
    const smaller = await loadTemplate(join(FIXTURES, 'app', 'template.yaml'));
    delete smaller.resources.OrderPlacedRule;
    const third = await start();
    await third.service.loadTemplate(smaller);
    assert.deepEqual(await names(third), [
      ['DisabledRule', 'DISABLED'],
      ['WorkerOnShipped', 'ENABLED'],
      ['api-made', 'ENABLED'],
    ]);
  });

  it('a record handed out cannot be changed behind the store\'s back', async () => {
    const { service } = await start();
    await service.putRule({ Name: 'frozen', EventPattern: '{"source":["x"]}' });
    const view = await service.describeRule({ Name: 'frozen' });
    (view as { State: string }).State = 'DISABLED';
    assert.equal((await service.describeRule({ Name: 'frozen' })).State, 'ENABLED');
  });
});
