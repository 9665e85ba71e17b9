/**
 * EventBridge through the real `@aws-sdk/client-eventbridge` against a running app: buses, rules,
 * targets, PutEvents reaching a function, TestEventPattern, and AWS's errors
 * (EventBridge API Reference: PutEvents, PutRule, PutTargets, TestEventPattern).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  EventBridgeClient,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  ListRulesCommand,
  DescribeRuleCommand,
  ListTargetsByRuleCommand,
  RemoveTargetsCommand,
  DeleteRuleCommand,
  DisableRuleCommand,
  CreateEventBusCommand,
  ListEventBusesCommand,
  TestEventPatternCommand,
  ResourceNotFoundException,
  InvalidEventPatternException,
} from '@aws-sdk/client-eventbridge';
import { startLibraryApp, type LibraryApp } from '../support/library-app';

let t: LibraryApp;
let events: EventBridgeClient;
const FN_ARN = 'arn:aws:lambda:us-east-1:000000000000:function:TickFunction';

before(async () => {
  t = await startLibraryApp('test/fixtures/apps/async');
  events = new EventBridgeClient({ endpoint: t.app.edgeUrl, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
});
after(async () => {
  events?.destroy();
  await t?.close();
});

test('template rules are listed; PutEvents reaches the matching rule\'s function', async () => {
  const rules = await events.send(new ListRulesCommand({}));
  assert.ok(rules.Rules?.some((r) => r.Name === 'OrdersFunctionShipped'), JSON.stringify(rules.Rules?.map((r) => r.Name)));
  const out = await events.send(new PutEventsCommand({ Entries: [{ Source: 'shop.orders', DetailType: 'OrderShipped', Detail: JSON.stringify({ order: 'sdk', total: 120 }), Time: new Date() }] }));
  assert.equal(out.FailedEntryCount, 0);
  assert.match(out.Entries![0].EventId!, /^[0-9a-f-]{36}$/);
  await t.waitForLine('OrdersFunction', /"order":"sdk"/);
});

test('a rule made through the API delivers to its target; describe, list targets, disable, remove, delete', async () => {
  const put = await events.send(new PutRuleCommand({ Name: 'api-rule', EventPattern: JSON.stringify({ source: ['api.test'] }) }));
  assert.equal(put.RuleArn, 'arn:aws:events:us-east-1:000000000000:rule/api-rule');
  const targets = await events.send(new PutTargetsCommand({ Rule: 'api-rule', Targets: [{ Id: 't1', Arn: FN_ARN, Input: '{"job":"from-api-rule"}' }] }));
  assert.equal(targets.FailedEntryCount, 0);
  assert.equal((await events.send(new DescribeRuleCommand({ Name: 'api-rule' }))).State, 'ENABLED');
  assert.equal((await events.send(new ListTargetsByRuleCommand({ Rule: 'api-rule' }))).Targets?.[0].Id, 't1');
  await events.send(new PutEventsCommand({ Entries: [{ Source: 'api.test', DetailType: 'x', Detail: '{}' }] }));
  await t.waitForLine('TickFunction', /from-api-rule/);
  await events.send(new DisableRuleCommand({ Name: 'api-rule' }));
  assert.equal((await events.send(new DescribeRuleCommand({ Name: 'api-rule' }))).State, 'DISABLED');
  await events.send(new RemoveTargetsCommand({ Rule: 'api-rule', Ids: ['t1'] }));
  await events.send(new DeleteRuleCommand({ Name: 'api-rule' }));
  await assert.rejects(events.send(new DescribeRuleCommand({ Name: 'api-rule' })), ResourceNotFoundException);
});

test('custom buses and TestEventPattern', async () => {
  await events.send(new CreateEventBusCommand({ Name: 'orders-bus' }));
  const buses = await events.send(new ListEventBusesCommand({}));
  assert.deepEqual(buses.EventBuses?.map((b) => b.Name).sort(), ['default', 'orders-bus']);
  const yes = await events.send(new TestEventPatternCommand({
    EventPattern: JSON.stringify({ detail: { total: [{ numeric: ['>', 10] }] } }),
    Event: JSON.stringify({ id: '1', account: '000000000000', source: 's', time: '2024-01-01T00:00:00Z', region: 'us-east-1', resources: [], 'detail-type': 't', detail: { total: 11 } }),
  }));
  assert.equal(yes.Result, true);
});

test('bad input gets EventBridge\'s errors and nothing breaks', async () => {
  await assert.rejects(events.send(new PutRuleCommand({ Name: 'bad', EventPattern: '{"source": "not-a-list"}' })), InvalidEventPatternException);
  const bad = await events.send(new PutEventsCommand({ Entries: [{ Source: 's', DetailType: 't', Detail: 'not json' }] }));
  assert.equal(bad.FailedEntryCount, 1);
  assert.equal(bad.Entries![0].ErrorCode, 'MalformedDetail');
  const raw = await fetch(t.app.edgeUrl, { method: 'POST', headers: { 'x-amz-target': 'AWSEvents.PutEvents', 'content-type': 'application/x-amz-json-1.1' }, body: '{"Entries": 5}' });
  assert.equal(raw.status, 400);
  assert.equal(((await raw.json()) as { __type: string }).__type, 'ValidationException');
  assert.equal((await events.send(new ListRulesCommand({}))).Rules!.length > 0, true);
});

test('PutRule with a ScheduleExpression becomes a schedule that fires its targets on time', async () => {
  await events.send(new PutRuleCommand({ Name: 'api-schedule', ScheduleExpression: 'rate(5 minutes)' }));
  await events.send(new PutTargetsCommand({ Rule: 'api-schedule', Targets: [{ Id: 'tick', Arn: FN_ARN, Input: '{"job":"api-schedule"}' }] }));
  const listed = (await t.app.schedules.list()).find((s) => s.name === 'api-schedule');
  assert.ok(listed?.nextFireAt, 'listed with a next fire time');
  t.clock.setTime(listed.nextFireAt);
  await t.waitForLine('TickFunction', /"job":"api-schedule"/);
  await events.send(new RemoveTargetsCommand({ Rule: 'api-schedule', Ids: ['tick'] }));
  await events.send(new DeleteRuleCommand({ Name: 'api-schedule' }));
  assert.equal((await t.app.schedules.list()).some((s) => s.name === 'api-schedule'), false);
});
