/**
 * Buses, rules and targets made through the EventBridge API survive a restart of `stratus start`
 * on the same state folder (SQLite engine): through the real `@aws-sdk/client-eventbridge` and
 * `@aws-sdk/client-sqs` against the spawned binary. A schedule rule made through the API fires
 * after the restart (adjustable clock), and DeleteRule stays deleted.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  EventBridgeClient,
  CreateEventBusCommand,
  DeleteRuleCommand,
  DescribeRuleCommand,
  DisableRuleCommand,
  ListEventBusesCommand,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-eventbridge';
import { SQSClient, CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { startStratus, tempDir, removeDir, type StratusProcess } from '../support/stratus-process';

const credentials = { accessKeyId: 'x', secretAccessKey: 'y' };
const started: StratusProcess[] = [];
const dirs: string[] = [];
after(async () => {
  for (const p of started) await p.stop('SIGKILL').catch(() => {});
  for (const dir of dirs) removeDir(dir);
});

async function start(stateDir: string, extra: string[] = []) {
  const app = await startStratus(['examples/hello', ...extra], { stateDir });
  started.push(app);
  const events = new EventBridgeClient({ endpoint: app.edgeUrl, region: 'us-east-1', credentials });
  const sqs = new SQSClient({ endpoint: app.edgeUrl, region: 'us-east-1', credentials });
  const close = async () => {
    events.destroy();
    sqs.destroy();
    assert.equal(await app.stop(), 0, app.stderr());
  };
  return { app, events, sqs, close };
}

async function queueArn(sqs: SQSClient, name: string): Promise<{ url: string; arn: string }> {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
  const attrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  return { url: QueueUrl!, arn: attrs.Attributes!.QueueArn! };
}

async function receiveOne(sqs: SQSClient, url: string, waitSeconds = 5): Promise<Record<string, unknown> | undefined> {
  const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: waitSeconds, MaxNumberOfMessages: 1 }));
  const body = out.Messages?.[0]?.Body;
  return body === undefined ? undefined : (JSON.parse(body) as Record<string, unknown>);
}

test('a bus, a rule with a pattern and its SQS target survive a restart; PutEvents then delivers', { timeout: 120_000 }, async () => {
  const stateDir = tempDir('stratus-rules-');
  dirs.push(stateDir);
  let node = await start(stateDir);
  const queue = await queueArn(node.sqs, 'orders-in');
  await node.events.send(new CreateEventBusCommand({ Name: 'orders', Description: 'kept' }));
  await node.events.send(new PutRuleCommand({ Name: 'big-orders', EventBusName: 'orders', EventPattern: JSON.stringify({ source: ['shop'], detail: { total: [{ numeric: ['>', 100] }] } }) }));
  await node.events.send(new PutTargetsCommand({ Rule: 'big-orders', EventBusName: 'orders', Targets: [{ Id: 'q', Arn: queue.arn, InputPath: '$.detail' }] }));
  // A second rule, disabled: its state must come back too.
  await node.events.send(new PutRuleCommand({ Name: 'paused', EventBusName: 'orders', EventPattern: JSON.stringify({ source: ['shop'] }) }));
  await node.events.send(new PutTargetsCommand({ Rule: 'paused', EventBusName: 'orders', Targets: [{ Id: 'q', Arn: queue.arn, Input: '"paused"' }] }));
  await node.events.send(new DisableRuleCommand({ Name: 'paused', EventBusName: 'orders' }));
  await node.close();

  node = await start(stateDir);
  const buses = await node.events.send(new ListEventBusesCommand({}));
  assert.deepEqual(buses.EventBuses?.map((b) => [b.Name, b.Description]), [['default', undefined], ['orders', 'kept']]);
  const rule = await node.events.send(new DescribeRuleCommand({ Name: 'big-orders', EventBusName: 'orders' }));
  assert.equal(rule.State, 'ENABLED');
  assert.equal(rule.Arn, 'arn:aws:events:us-east-1:000000000000:rule/orders/big-orders');
  assert.equal((await node.events.send(new DescribeRuleCommand({ Name: 'paused', EventBusName: 'orders' }))).State, 'DISABLED');
  const targets = await node.events.send(new ListTargetsByRuleCommand({ Rule: 'big-orders', EventBusName: 'orders' }));
  assert.deepEqual(targets.Targets?.map((t) => [t.Id, t.Arn, t.InputPath]), [['q', queue.arn, '$.detail']]);

  const put = await node.events.send(new PutEventsCommand({ Entries: [
    { EventBusName: 'orders', Source: 'shop', DetailType: 'Order', Detail: JSON.stringify({ order: 'small', total: 5 }) },
    { EventBusName: 'orders', Source: 'shop', DetailType: 'Order', Detail: JSON.stringify({ order: 'big', total: 500 }) },
  ] }));
  assert.equal(put.FailedEntryCount, 0);
  assert.deepEqual(await receiveOne(node.sqs, queue.url), { order: 'big', total: 500 });
  // Neither the small order nor the disabled rule sent anything.
  assert.equal(await receiveOne(node.sqs, queue.url, 1), undefined);
  await node.close();
});

test('DeleteRule and RemoveTargets stay done after a restart', { timeout: 120_000 }, async () => {
  const stateDir = tempDir('stratus-rules-');
  dirs.push(stateDir);
  let node = await start(stateDir);
  const queue = await queueArn(node.sqs, 'gone');
  await node.events.send(new PutRuleCommand({ Name: 'short-lived', EventPattern: JSON.stringify({ source: ['x'] }) }));
  await node.events.send(new PutTargetsCommand({ Rule: 'short-lived', Targets: [{ Id: 'q', Arn: queue.arn }] }));
  await node.events.send(new PutRuleCommand({ Name: 'kept', EventPattern: JSON.stringify({ source: ['x'] }) }));
  await node.events.send(new PutTargetsCommand({ Rule: 'kept', Targets: [{ Id: 'a', Arn: queue.arn }, { Id: 'b', Arn: queue.arn }] }));
  await node.events.send(new RemoveTargetsCommand({ Rule: 'kept', Ids: ['b'] }));
  await node.events.send(new RemoveTargetsCommand({ Rule: 'short-lived', Ids: ['q'] }));
  await node.events.send(new DeleteRuleCommand({ Name: 'short-lived' }));
  await node.close();

  node = await start(stateDir);
  await assert.rejects(node.events.send(new DescribeRuleCommand({ Name: 'short-lived' })), ResourceNotFoundException);
  const targets = await node.events.send(new ListTargetsByRuleCommand({ Rule: 'kept' }));
  assert.deepEqual(targets.Targets?.map((t) => t.Id), ['a']);
  await node.close();
});

test('a schedule rule made through the API survives a restart and fires', { timeout: 120_000 }, async () => {
  const stateDir = tempDir('stratus-rules-');
  dirs.push(stateDir);
  let node = await start(stateDir, ['--clock', 'adjustable']);
  const queue = await queueArn(node.sqs, 'ticks');
  await node.events.send(new PutRuleCommand({ Name: 'every-minute', ScheduleExpression: 'rate(1 minute)' }));
  await node.events.send(new PutTargetsCommand({ Rule: 'every-minute', Targets: [{ Id: 'q', Arn: queue.arn }] }));
  await node.close();

  node = await start(stateDir, ['--clock', 'adjustable']);
  const clock = `${node.app.edgeUrl}/_stratus/clock`;
  let tick: Record<string, unknown> | undefined;
  for (let i = 0; i < 5 && !tick; i++) {
    const res = await fetch(clock, { method: 'POST', body: JSON.stringify({ advanceMs: 61_000 }), headers: { 'content-type': 'application/json' } });
    assert.equal(res.status, 200);
    tick = await receiveOne(node.sqs, queue.url, 2);
  }
  assert.ok(tick, `no tick arrived\n${node.app.stdout()}\n${node.app.stderr()}`);
  // The event a schedule rule sends (EventBridge User Guide, "Scheduled Event").
  assert.equal(tick['detail-type'], 'Scheduled Event');
  assert.equal(tick.source, 'aws.events');
  assert.deepEqual(tick.resources, ['arn:aws:events:us-east-1:000000000000:rule/every-minute']);
  await node.close();
});
