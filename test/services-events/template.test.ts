import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadTemplate } from '../../src/template';
import { TemplateError } from '../../src/shared/errors';
import { ACCOUNT, newService, REGION } from './support';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const WORKER = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:Worker`;
const AUDIT = `arn:aws:sqs:${REGION}:${ACCOUNT}:AuditQueue`;

async function loadFixture() {
  const setup = newService();
  const model = await loadTemplate(join(FIXTURES, 'app', 'template.yaml'));
  const loaded = await setup.service.loadTemplate(model);
  return { ...setup, loaded };
}

const shipped = { Source: 'shop.orders', DetailType: 'OrderShipped', Detail: '{"orderId":"o-1"}', EventBusName: 'orders' };

describe('template: AWS::Events::EventBus, AWS::Events::Rule and function events', () => {
  it('creates the template bus and its rules, skipping schedule rules', async () => {
    const { service, loaded } = await loadFixture();
    assert.deepEqual((await service.listEventBuses()).EventBuses.map((b) => b.Name), ['default', 'orders']);
    assert.deepEqual((await service.listRules({ EventBusName: 'orders' })).Rules.map((r) => [r.Name, r.State]), [
      ['DisabledRule', 'DISABLED'],
      ['WorkerOnShipped', 'ENABLED'],
      ['order-placed', 'ENABLED'],
    ]);
    assert.deepEqual((await service.listRules()).Rules.map((r) => [r.Name, r.State]), [
      ['WorkerOnDefault', 'ENABLED'],
      ['named-rule', 'DISABLED'],
    ]);
    assert.deepEqual(loaded.implicitQueues, ['WorkerOnShippedQueue']);
    assert.equal((await service.scheduleRules()).length, 0);
  });

  it('builds implicit rules as SAM does: target ids, function ARN, DLQ, retry policy', async () => {
    const { service } = await loadFixture();
    const [shippedTarget] = (await service.listTargetsByRule({ Rule: 'WorkerOnShipped', EventBusName: 'orders' })).Targets;
    assert.deepEqual(shippedTarget, {
      Id: 'WorkerOnShippedLambdaTarget',
      Arn: WORKER,
      InputTransformer: { InputPathsMap: { id: '$.detail.orderId' }, InputTemplate: '{"shipped": <id>}' },
      RetryPolicy: { MaximumRetryAttempts: 0 },
      DeadLetterConfig: { Arn: `arn:aws:sqs:${REGION}:${ACCOUNT}:WorkerOnShippedQueue` },
    });
    assert.deepEqual((await service.listTargetsByRule({ Rule: 'WorkerOnDefault' })).Targets, [{ Id: 'WorkerOnDefaultLambdaTarget', Arn: WORKER, InputPath: '$.detail' }]);
    assert.deepEqual((await service.listTargetsByRule({ Rule: 'named-rule' })).Targets.map((t) => t.Id), ['custom-target']);
  });

  it('events flow through template rules with each input mode', async () => {
    const { service, dispatcher } = await loadFixture();
    await service.putEvents({
      Entries: [
        { Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: '{"orderId":"o-9","total":120}', EventBusName: 'orders' },
        { Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: '{"orderId":"o-8","total":20}', EventBusName: 'orders' },
        shipped,
        { Source: 'legacy.billing', DetailType: 'Paid', Detail: '{"amount":5}' },
        { Source: 'shop.named', DetailType: 'X', Detail: '{}' },
      ],
    });
    const payloads = (id: string) => dispatcher.to(id).map((d) => d.payload);
    assert.equal(JSON.parse(payloads('whole-event')[0]!).detail.orderId, 'o-9');
    assert.equal(payloads('whole-event').length, 1);
    assert.deepEqual(payloads('constant'), ['{"fixed":true}']);
    assert.deepEqual(payloads('path'), ['{"orderId":"o-9","total":120}']);
    assert.deepEqual(payloads('transformed'), ['"order o-9 on rule order-placed"']);
    assert.deepEqual(dispatcher.to('transformed')[0]!.target, {
      arn: AUDIT,
      id: 'transformed',
      retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeSeconds: 120 },
      deadLetterArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:rule-dlq`,
    });
    assert.deepEqual(JSON.parse(payloads('WorkerOnShippedLambdaTarget')[0]!), { shipped: 'o-1' });
    assert.deepEqual(payloads('WorkerOnDefaultLambdaTarget'), ['{"amount":5}']);
    assert.equal(dispatcher.to('never').length, 0);
    assert.equal(dispatcher.to('custom-target').length, 0);
  });

  it('loading again (a restart on a kept registry) leaves the same rules and targets', async () => {
    const { service } = await loadFixture();
    await service.loadTemplate(await loadTemplate(join(FIXTURES, 'app', 'template.yaml')));
    assert.equal((await service.listTargetsByRule({ Rule: 'order-placed', EventBusName: 'orders' })).Targets.length, 4);
  });

  it('a bad pattern stops the load with the resource and EventBridge reason', async () => {
    const { service } = newService();
    const model = await loadTemplate(join(FIXTURES, 'bad-pattern', 'template.yaml'));
    await assert.rejects(service.loadTemplate(model), (err: unknown) => {
      assert.ok(err instanceof TemplateError);
      assert.match(err.message, /Worker\.Events\.Broken\.Properties: InvalidEventPatternException: Event pattern is not valid\. Reason: /);
      return true;
    });
  });
});
