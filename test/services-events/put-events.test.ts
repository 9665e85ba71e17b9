import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TargetSpec } from '../../src/services/events';
import { ACCOUNT, eventsError, newService, REGION } from './support';

const QUEUE = `arn:aws:sqs:${REGION}:${ACCOUNT}:audit`;
const FN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:worker`;
const order = (detail: object, extra: object = {}) => ({ Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: JSON.stringify(detail), ...extra });

async function withRule(pattern: object, targets: TargetSpec[] = [{ Id: 't', Arn: QUEUE }], bus?: string) {
  const setup = newService();
  if (bus) await setup.service.createEventBus({ Name: bus });
  await setup.service.putRule({ Name: 'r', EventBusName: bus, EventPattern: JSON.stringify(pattern) });
  await setup.service.putTargets({ Rule: 'r', EventBusName: bus, Targets: targets });
  return setup;
}

describe('PutEvents', () => {
  it('wraps each entry in the EventBridge envelope', async () => {
    const { service, dispatcher, clock } = await withRule({ source: ['shop.orders'] });
    clock.setTime(Date.parse('2031-05-06T07:08:09.987Z'));
    const result = await service.putEvents({ Entries: [order({ id: 7 }, { Resources: ['arn:aws:s3:::bucket'] })] });
    assert.equal(result.FailedEntryCount, 0);
    const eventId = (result.Entries[0] as { EventId: string }).EventId;
    assert.match(eventId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const [delivery] = dispatcher.deliveries;
    assert.deepEqual(Object.keys(JSON.parse(delivery!.payload)), ['version', 'id', 'detail-type', 'source', 'account', 'time', 'region', 'resources', 'detail']);
    assert.deepEqual(JSON.parse(delivery!.payload), {
      version: '0',
      id: eventId,
      'detail-type': 'OrderPlaced',
      source: 'shop.orders',
      account: ACCOUNT,
      time: '2031-05-06T07:08:09Z',
      region: REGION,
      resources: ['arn:aws:s3:::bucket'],
      detail: { id: 7 },
    });
    assert.deepEqual(delivery!.origin, { sourceArn: `arn:aws:events:${REGION}:${ACCOUNT}:rule/r`, kind: 'rule' });
    assert.deepEqual(delivery!.target, { arn: QUEUE, id: 't', retryPolicy: { maximumRetryAttempts: 185, maximumEventAgeSeconds: 86400 } });
  });

  it('uses the entry Time when given (Date, epoch seconds or ISO text)', async () => {
    const { service, dispatcher } = await withRule({ source: ['shop.orders'] });
    await service.putEvents({
      Entries: [
        order({}, { Time: new Date('2020-01-01T00:00:00.500Z') }),
        order({}, { Time: 1577836861 }),
        order({}, { Time: '2020-01-01T00:02:02Z' }),
      ],
    });
    assert.deepEqual(dispatcher.deliveries.map((d) => JSON.parse(d.payload).time), ['2020-01-01T00:00:00Z', '2020-01-01T00:01:01Z', '2020-01-01T00:02:02Z']);
  });

  it('delivers only to rules whose pattern matches, on the bus the entry names', async () => {
    const { service, dispatcher } = await withRule({ source: ['shop.orders'], detail: { total: [{ numeric: ['>=', 100] }] } }, undefined, 'orders');
    await service.putEvents({ Entries: [order({ total: 150 }, { EventBusName: 'orders' }), order({ total: 50 }, { EventBusName: 'orders' }), order({ total: 500 })] });
    assert.deepEqual(dispatcher.deliveries.map((d) => JSON.parse(d.payload).detail.total), [150]);
    await service.putEvents({ Entries: [order({ total: 101 }, { EventBusName: `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/orders` })] });
    assert.equal(dispatcher.deliveries.length, 2);
    assert.equal(dispatcher.deliveries[1]!.origin.sourceArn, `arn:aws:events:${REGION}:${ACCOUNT}:rule/orders/r`);
  });

  it('disabled rules see nothing until enabled again', async () => {
    const { service, dispatcher } = await withRule({ source: ['shop.orders'] });
    await service.disableRule({ Name: 'r' });
    await service.putEvents({ Entries: [order({ n: 1 })] });
    assert.equal(dispatcher.deliveries.length, 0);
    await service.enableRule({ Name: 'r' });
    await service.putEvents({ Entries: [order({ n: 2 })] });
    assert.deepEqual(dispatcher.deliveries.map((d) => JSON.parse(d.payload).detail.n), [2]);
  });

  it('every target of every matching rule gets the event, shaped by its input settings', async () => {
    const { service, dispatcher } = await withRule({ source: ['shop.orders'] }, [
      { Id: 'whole', Arn: QUEUE },
      { Id: 'constant', Arn: FN, Input: '{"fixed":true}' },
      { Id: 'path', Arn: FN, InputPath: '$.detail.customer' },
      { Id: 'transformed', Arn: FN, InputTransformer: { InputPathsMap: { c: '$.detail.customer.name' }, InputTemplate: '{"who": <c>, "rule": <aws.events.rule-name>}' } },
    ]);
    await service.putRule({ Name: 'second', EventPattern: '{"detail-type":["OrderPlaced"]}' });
    await service.putTargets({ Rule: 'second', Targets: [{ Id: 'second-target', Arn: QUEUE, SqsParameters: { MessageGroupId: 'g' } }] });
    await service.putEvents({ Entries: [order({ customer: { name: 'Kim' } })] });
    assert.equal(JSON.parse(dispatcher.to('whole')[0]!.payload).detail.customer.name, 'Kim');
    assert.equal(dispatcher.to('constant')[0]!.payload, '{"fixed":true}');
    assert.equal(dispatcher.to('path')[0]!.payload, '{"name":"Kim"}');
    assert.deepEqual(JSON.parse(dispatcher.to('transformed')[0]!.payload), { who: 'Kim', rule: 'r' });
    const second = dispatcher.to('second-target')[0]!;
    assert.equal(second.target.messageGroupId, 'g');
    assert.equal(second.origin.sourceArn, `arn:aws:events:${REGION}:${ACCOUNT}:rule/second`);
  });

  it('passes RetryPolicy and DeadLetterConfig to the dispatcher', async () => {
    const dlq = `arn:aws:sqs:${REGION}:${ACCOUNT}:dlq`;
    const { service, dispatcher } = await withRule({ source: ['shop.orders'] }, [
      { Id: 't', Arn: FN, RetryPolicy: { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 60 }, DeadLetterConfig: { Arn: dlq } },
    ]);
    await service.putEvents({ Entries: [order({})] });
    assert.deepEqual(dispatcher.deliveries[0]!.target, { arn: FN, id: 't', retryPolicy: { maximumRetryAttempts: 0, maximumEventAgeSeconds: 60 }, deadLetterArn: dlq });
  });

  it('entries: 1 to 10, else ValidationException and nothing delivered', async () => {
    const { service, dispatcher } = await withRule({ source: ['shop.orders'] });
    await assert.rejects(service.putEvents({ Entries: [] }), eventsError('ValidationException', /greater than or equal to 1/));
    await assert.rejects(service.putEvents({ Entries: Array.from({ length: 11 }, () => order({})) }), eventsError('ValidationException', /less than or equal to 10/));
    await assert.rejects(service.putEvents({} as never), eventsError('ValidationException'));
    assert.equal(dispatcher.deliveries.length, 0);
    assert.equal((await service.putEvents({ Entries: Array.from({ length: 10 }, () => order({})) })).Entries.length, 10);
  });

  it('a request over the size limit is refused whole', async () => {
    const { service } = newService();
    const half = 'x'.repeat(600 * 1024);
    await assert.rejects(
      service.putEvents({ Entries: [order({ half }), order({ half })] }),
      eventsError('ValidationException', 'Total size of the entries in the request is over the limit.'),
    );
  });

  it('bad entries fail alone with AWS per-entry codes; the good ones still go through', async () => {
    const { service, dispatcher } = await withRule({ source: ['shop.orders'] });
    const result = await service.putEvents({
      Entries: [
        { DetailType: 'X', Detail: '{}' },
        { Source: 'shop.orders', Detail: '{}' },
        { Source: 'shop.orders', DetailType: 'X' },
        { Source: 'shop.orders', DetailType: 'X', Detail: '[1,2]' },
        { Source: 'shop.orders', DetailType: 'X', Detail: '{not json' },
        order({ ok: true }),
      ],
    });
    assert.equal(result.FailedEntryCount, 5);
    assert.deepEqual(result.Entries.slice(0, 5), [
      { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Source is not valid. Reason: Source is a required argument.' },
      { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter DetailType is not valid. Reason: DetailType is a required argument.' },
      { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Detail is not valid. Reason: Detail is a required argument.' },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
    ]);
    assert.ok('EventId' in result.Entries[5]!);
    assert.equal(dispatcher.deliveries.length, 1);
  });

  it('an event for a bus that does not exist gets an EventId and is dropped, as on AWS', async () => {
    const dropped: string[] = [];
    const { service, dispatcher } = newService({ onDroppedEvent: (_event, bus) => dropped.push(bus) });
    const result = await service.putEvents({ Entries: [order({}, { EventBusName: 'ghost' })] });
    assert.equal(result.FailedEntryCount, 0);
    assert.ok('EventId' in result.Entries[0]!);
    assert.deepEqual(dropped, ['ghost']);
    assert.equal(dispatcher.deliveries.length, 0);
  });

  it('a dispatcher that cannot accept the delivery fails the entry with InternalException', async () => {
    const { service, dispatcher } = await withRule({ source: ['shop.orders'] });
    dispatcher.failing = true;
    const result = await service.putEvents({ Entries: [order({})] });
    assert.equal(result.FailedEntryCount, 1);
    assert.deepEqual(result.Entries[0], { ErrorCode: 'InternalException', ErrorMessage: 'Service encountered unexpected problem. Please try again.' });
  });
});
