/**
 * Two `stratus start` nodes on one PostgreSQL: a rule made through the EventBridge API on node A
 * matches events put on node B, and B sees A's later changes (disable, delete) at its next
 * PutEvents — through the real `@aws-sdk/client-eventbridge` and `@aws-sdk/client-sqs`.
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
  nodes.push(...(await Promise.all([0, 1].map(() => startStratus(['examples/hello', '--engine', database.url])))));
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
