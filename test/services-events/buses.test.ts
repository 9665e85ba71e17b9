import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ACCOUNT, eventsError, newService, REGION } from './support';

const arn = (name: string) => `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/${name}`;

describe('event buses (CreateEventBus, DescribeEventBus, ListEventBuses, DeleteEventBus)', () => {
  it('the default bus always exists', async () => {
    const { service } = newService();
    const bus = await service.describeEventBus();
    assert.equal(bus.Name, 'default');
    assert.equal(bus.Arn, arn('default'));
    assert.deepEqual((await service.listEventBuses()).EventBuses.map((b) => b.Name), ['default']);
  });

  it('creates a bus with the documented ARN and describes it by name or ARN', async () => {
    const { service, clock } = newService();
    const created = await service.createEventBus({ Name: 'orders', Description: 'shop orders' });
    assert.deepEqual(created, { EventBusArn: arn('orders'), Description: 'shop orders' });
    const byArn = await service.describeEventBus({ Name: arn('orders') });
    assert.equal(byArn.Name, 'orders');
    assert.equal(byArn.Description, 'shop orders');
    assert.ok(Math.abs(byArn.CreationTime.getTime() - clock.now()) < 1000);
  });

  it('refuses a second bus of the same name, the name default, bad names and "/"', async () => {
    const { service } = newService();
    await service.createEventBus({ Name: 'orders' });
    await assert.rejects(service.createEventBus({ Name: 'orders' }), eventsError('ResourceAlreadyExistsException', 'Event bus orders already exists.'));
    await assert.rejects(service.createEventBus({ Name: 'default' }), eventsError('ResourceAlreadyExistsException'));
    await assert.rejects(service.createEventBus({ Name: 'bad name!' }), eventsError('ValidationException', /regular expression pattern/));
    await assert.rejects(service.createEventBus({ Name: 'a/b' }), eventsError('ValidationException'));
    await assert.rejects(service.createEventBus({ Name: 'x'.repeat(257) }), eventsError('ValidationException', /length less than or equal to 256/));
  });

  it('describing an unknown bus is ResourceNotFoundException', async () => {
    const { service } = newService();
    await assert.rejects(service.describeEventBus({ Name: 'nope' }), eventsError('ResourceNotFoundException', 'Event bus nope does not exist.'));
  });

  it('lists by prefix, in name order, with pagination', async () => {
    const { service } = newService();
    for (const name of ['b-two', 'a-one', 'b-one']) await service.createEventBus({ Name: name });
    assert.deepEqual((await service.listEventBuses({ NamePrefix: 'b-' })).EventBuses.map((b) => b.Name), ['b-one', 'b-two']);
    const first = await service.listEventBuses({ Limit: 2 });
    assert.deepEqual(first.EventBuses.map((b) => b.Name), ['a-one', 'b-one']);
    assert.ok(first.NextToken);
    const second = await service.listEventBuses({ Limit: 2, NextToken: first.NextToken });
    assert.deepEqual(second.EventBuses.map((b) => b.Name), ['b-two', 'default']);
    assert.equal(second.NextToken, undefined);
    await assert.rejects(service.listEventBuses({ NextToken: 'garbage' }), eventsError('ValidationException'));
    await assert.rejects(service.listEventBuses({ Limit: 0 }), eventsError('ValidationException'));
  });

  it('deletes a bus with its rules; the default bus cannot be deleted; unknown buses delete quietly', async () => {
    const { service } = newService();
    await service.createEventBus({ Name: 'orders' });
    await service.putRule({ Name: 'r', EventBusName: 'orders', EventPattern: '{"source":["x"]}' });
    await service.deleteEventBus({ Name: 'orders' });
    await assert.rejects(service.describeEventBus({ Name: 'orders' }), eventsError('ResourceNotFoundException'));
    await service.createEventBus({ Name: 'orders' });
    assert.deepEqual((await service.listRules({ EventBusName: 'orders' })).Rules, []);
    await assert.rejects(service.deleteEventBus({ Name: 'default' }), eventsError('ValidationException', 'Cannot delete event bus default.'));
    await service.deleteEventBus({ Name: 'never-existed' });
  });
});
