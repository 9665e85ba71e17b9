/**
 * The clients people run against SNS, all over the query protocol: the pip `aws` CLI v1,
 * Debian's CLI v2.9 at /usr/bin/aws (skipped with a reason when missing; scripts install it as
 * the apt package awscli), and boto3. Each creates a topic, subscribes a queue, publishes and
 * lists subscriptions; the queue then holds what was published.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { CLI_V2, queueArn, startSnsApp, topicArn, type SnsApp } from './helpers';

const run = promisify(execFile);
let s: SnsApp;

before(async () => {
  s = await startSnsApp();
});
after(async () => {
  await s?.close();
});

async function cliScenario(cli: string, prefix: string): Promise<void> {
  const aws = async (...args: string[]) => {
    const { stdout } = await run(cli, ['sns', ...args, '--endpoint-url', s.endpoint, '--output', 'json'], { env: s.env, timeout: 30_000 });
    return stdout.trim() === '' ? {} : JSON.parse(stdout);
  };
  const queue = await s.queue(`${prefix}-q`);
  const { TopicArn } = await aws('create-topic', '--name', `${prefix}-topic`, '--attributes', 'DisplayName=Cli', '--tags', 'Key=team,Value=a');
  assert.equal(TopicArn, topicArn(`${prefix}-topic`));
  const { SubscriptionArn } = await aws('subscribe', '--topic-arn', TopicArn, '--protocol', 'sqs', '--notification-endpoint', queue.arn,
    '--attributes', JSON.stringify({ RawMessageDelivery: 'true' }), '--return-subscription-arn');
  assert.match(SubscriptionArn, new RegExp(`^${TopicArn}:[0-9a-f-]{36}$`));
  const published = await aws('publish', '--topic-arn', TopicArn, '--message', `from ${prefix}`,
    '--message-attributes', JSON.stringify({ source: { DataType: 'String', StringValue: prefix } }));
  assert.match(published.MessageId, /^[0-9a-f-]{36}$/);

  const { Subscriptions } = await aws('list-subscriptions');
  const mine = Subscriptions.find((x: { SubscriptionArn: string }) => x.SubscriptionArn === SubscriptionArn);
  assert.deepEqual(mine, { SubscriptionArn, Owner: '000000000000', Protocol: 'sqs', Endpoint: queueArn(`${prefix}-q`), TopicArn });

  const [message] = await s.drain(queue.url, 1);
  assert.equal(message.Body, `from ${prefix}`);
  assert.deepEqual(message.MessageAttributes?.source, { DataType: 'String', StringValue: prefix });

  await assert.rejects(aws('get-topic-attributes', '--topic-arn', topicArn('missing')), (err: { stderr: string }) => {
    assert.match(err.stderr, /\(NotFound\) when calling the GetTopicAttributes operation: Topic does not exist/);
    return true;
  });
}

test('aws CLI v1 (pip): create-topic, subscribe, publish, list-subscriptions', async () => {
  await cliScenario('aws', 'cli-v1');
});

test('aws CLI v2.9 (Debian): create-topic, subscribe, publish, list-subscriptions', { skip: existsSync(CLI_V2) ? false : `${CLI_V2} is missing (apt-get install -y awscli)` }, async () => {
  await cliScenario(CLI_V2, 'cli-v2');
});

test('boto3: create_topic, subscribe, publish, publish_batch, list_subscriptions', async () => {
  const queue = await s.queue('boto3-q');
  const script = `
import boto3, json, os
c = boto3.client('sns', endpoint_url=os.environ['EDGE'])
arn = c.create_topic(Name='boto3-topic', Attributes={'DisplayName': 'Boto'})['TopicArn']
sub = c.subscribe(TopicArn=arn, Protocol='sqs', Endpoint=os.environ['QUEUE_ARN'], Attributes={'RawMessageDelivery': 'true'}, ReturnSubscriptionArn=True)['SubscriptionArn']
one = c.publish(TopicArn=arn, Message='boto3 one', MessageAttributes={'n': {'DataType': 'Number', 'StringValue': '5'}})['MessageId']
batch = c.publish_batch(TopicArn=arn, PublishBatchRequestEntries=[{'Id': 'a', 'Message': 'boto3 two'}, {'Id': 'b', 'Message': ''}])
subs = c.list_subscriptions()['Subscriptions']
attrs = c.get_topic_attributes(TopicArn=arn)['Attributes']
try:
    c.publish(TopicArn=arn + '-missing', Message='x')
    err = None
except c.exceptions.NotFoundException as e:
    err = [e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode']]
print(json.dumps({'arn': arn, 'sub': sub, 'one': one, 'ok': [e['Id'] for e in batch['Successful']],
  'failed': [[f['Id'], f['Code'], f['SenderFault']] for f in batch['Failed']],
  'subs': [x for x in subs if x['SubscriptionArn'] == sub], 'display': attrs['DisplayName'], 'err': err}))
`;
  const { stdout } = await run('python3', ['-c', script], { env: { ...s.env, EDGE: s.endpoint, QUEUE_ARN: queue.arn }, timeout: 30_000 });
  const out = JSON.parse(stdout);
  assert.equal(out.arn, topicArn('boto3-topic'));
  assert.match(out.sub, new RegExp(`^${out.arn}:[0-9a-f-]{36}$`));
  assert.match(out.one, /^[0-9a-f-]{36}$/);
  assert.deepEqual(out.ok, ['a']);
  assert.deepEqual(out.failed, [['b', 'InvalidParameter', true]]);
  assert.deepEqual(out.subs, [{ SubscriptionArn: out.sub, Owner: '000000000000', Protocol: 'sqs', Endpoint: queue.arn, TopicArn: out.arn }]);
  assert.equal(out.display, 'Boto');
  assert.deepEqual(out.err, ['NotFound', 404]);

  const bodies = (await s.drain(queue.url, 2)).map((m) => m.Body).sort();
  assert.deepEqual(bodies, ['boto3 one', 'boto3 two']);
});
