/**
 * Two `stratus start` nodes on one PostgreSQL: a rule made through the EventBridge API on node A
 * matches events put on node B, and B sees A's later changes (disable, delete) at its next
 * PutEvents; a schedule rule made on A fires from B once A is gone (adjustable clocks) — through
 * the real `@aws-sdk/client-eventbridge` and `@aws-sdk/client-sqs`.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  EventBridgeClient,
  CreateEventBusCommand,
  DeleteRuleCommand,
  DescribeRuleCommand,
  DisableRuleCommand,
  EnableRuleCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-eventbridge';
import { SQSClient, CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { startStratus, removeDir, type StratusProcess } from '../support/stratus-process';
import { startTestDatabase } from '../engine/fixtures/pg-cluster';

const credentials = { accessKeyId: 'x', secretAccessKey: 'y' };
const database = await startTestDatabase('event_rules');
const nodes: StratusProcess[] = [];
after(async () => {
  for (const node of nodes) await node.stop('SIGKILL').catch(() => {});
  for (const node of nodes) removeDir(node.stateDir);
  await database.stop();
});

const clients = (node: StratusProcess) => ({
  events: new EventBridgeClient({ endpoint: node.edgeUrl, region: 'us-east-1', credentials }),
  sqs: new SQSClient({ endpoint: node.edgeUrl, region: 'us-east-1', credentials }),
});

test('a rule made on node A matches events put on node B; A\'s changes reach B', { timeout: 180_000 }, async () => {
  nodes.push(...(await Promise.all([0, 1].map(() => startStratus(['examples/hello', '--engine', database.url, '--clock', 'adjustable'])))));
  const a = clients(nodes[0]!);
  const b = clients(nodes[1]!);
  try {
    const { QueueUrl } = await a.sqs.send(new CreateQueueCommand({ QueueName: 'cluster-events' }));
    const arn = (await a.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
    const receive = async (wait: number) => {
      const out = await b.sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: wait }));
      return (out.Messages ?? []).map((m) => m.Body);
    };
    const put = (detail: object) =>
      b.events.send(new PutEventsCommand({ Entries: [{ EventBusName: 'shared', Source: 'cluster', DetailType: 't', Detail: JSON.stringify(detail) }] }));

    // B serves a PutEvents to the bus before A's rule exists: a copy B keeps must not go stale.
    await a.events.send(new CreateEventBusCommand({ Name: 'shared' }));
    await put({ n: 0 });
    await a.events.send(new PutRuleCommand({ Name: 'on-a', EventBusName: 'shared', EventPattern: JSON.stringify({ source: ['cluster'] }) }));
    await a.events.send(new PutTargetsCommand({ Rule: 'on-a', EventBusName: 'shared', Targets: [{ Id: 'q', Arn: arn, InputPath: '$.detail.n' }] }));
    assert.equal((await b.events.send(new DescribeRuleCommand({ Name: 'on-a', EventBusName: 'shared' }))).State, 'ENABLED');
    assert.equal((await put({ n: 1 })).FailedEntryCount, 0);
    assert.deepEqual(await receive(5), ['1']);

    // Disabled on A: B's next PutEvents matches nothing; enabled again, it matches.
    await a.events.send(new DisableRuleCommand({ Name: 'on-a', EventBusName: 'shared' }));
    await put({ n: 2 });
    assert.deepEqual(await receive(1), []);
    await a.events.send(new EnableRuleCommand({ Name: 'on-a', EventBusName: 'shared' }));
    await put({ n: 3 });
    assert.deepEqual(await receive(5), ['3']);

    // Deleted on A: gone on B.
    await a.events.send(new RemoveTargetsCommand({ Rule: 'on-a', EventBusName: 'shared', Ids: ['q'] }));
    await a.events.send(new DeleteRuleCommand({ Name: 'on-a', EventBusName: 'shared' }));
    await assert.rejects(b.events.send(new DescribeRuleCommand({ Name: 'on-a', EventBusName: 'shared' })), ResourceNotFoundException);
    await put({ n: 4 });
    assert.deepEqual(await receive(1), []);
  } finally {
    for (const c of [a, b]) {
      c.events.destroy();
      c.sqs.destroy();
    }
  }
});

test('a schedule rule made on node A fires from node B after A is killed', { timeout: 180_000 }, async () => {
  assert.equal(nodes.length, 2, 'runs after the first test started the nodes');
  const a = clients(nodes[0]!);
  const b = clients(nodes[1]!);
  try {
    const { QueueUrl } = await b.sqs.send(new CreateQueueCommand({ QueueName: 'cluster-ticks' }));
    const arn = (await b.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
    await a.events.send(new PutRuleCommand({ Name: 'cluster-minute', ScheduleExpression: 'rate(1 minute)' }));
    await a.events.send(new PutTargetsCommand({ Rule: 'cluster-minute', Targets: [{ Id: 'q', Arn: arn }] }));
    nodes[0]!.child.kill('SIGKILL');
    await new Promise((r) => nodes[0]!.child.once('exit', r));
    // B hears of the rule at its next look at the stored rules (about a second); each round
    // moves its clock past a tick and waits for one.
    let body: string | undefined;
    for (let i = 0; i < 10 && body === undefined; i++) {
      await fetch(`${nodes[1]!.edgeUrl}/_stratus/clock`, { method: 'POST', body: JSON.stringify({ advanceMs: 61_000 }), headers: { 'content-type': 'application/json' } });
      body = (await b.sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 2 }))).Messages?.[0]?.Body;
    }
    assert.ok(body, `node B fired no tick\n${nodes[1]!.stderr()}`);
    const event = JSON.parse(body) as Record<string, unknown>;
    assert.equal(event['detail-type'], 'Scheduled Event');
    assert.deepEqual(event.resources, ['arn:aws:events:us-east-1:000000000000:rule/cluster-minute']);
  } finally {
    for (const c of [a, b]) {
      c.events.destroy();
      c.sqs.destroy();
    }
  }
});
