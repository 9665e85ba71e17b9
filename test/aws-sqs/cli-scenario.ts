/**
 * Every SQS operation through an `aws` CLI, in one scenario: the pip CLI v1 speaks AWS JSON 1.0,
 * Debian's CLI v2.9 the query protocol. CLI v2.9's model predates the message-move-task
 * operations (2023), so those run only where the CLI has them.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import type { SqsApp } from './helpers';

const run = promisify(execFile);

export async function cliScenario(s: SqsApp, cli: string, prefix: string, options: { moveTasks: boolean }): Promise<void> {
  const aws = async (...args: string[]) => {
    const { stdout } = await run(cli, ['sqs', ...args, '--endpoint-url', s.endpoint, '--output', 'json'], { env: s.env, timeout: 30_000 });
    return stdout.trim() === '' ? {} : JSON.parse(stdout);
  };
  const name = `${prefix}-q`;
  const { QueueUrl } = await aws('create-queue', '--queue-name', name, '--attributes', 'VisibilityTimeout=40', '--tags', 'team=a');
  assert.equal(QueueUrl, s.url(name));
  assert.equal((await aws('get-queue-url', '--queue-name', name)).QueueUrl, QueueUrl);
  assert.deepEqual((await aws('list-queues', '--queue-name-prefix', prefix)).QueueUrls, [QueueUrl]);

  await aws('set-queue-attributes', '--queue-url', QueueUrl, '--attributes', 'DelaySeconds=0,MaximumMessageSize=2048');
  const { Attributes } = await aws('get-queue-attributes', '--queue-url', QueueUrl, '--attribute-names', 'All');
  assert.equal(Attributes.VisibilityTimeout, '40');
  assert.equal(Attributes.MaximumMessageSize, '2048');
  assert.equal(Attributes.QueueArn, `arn:aws:sqs:us-east-1:000000000000:${name}`);

  await aws('tag-queue', '--queue-url', QueueUrl, '--tags', 'env=dev');
  await aws('untag-queue', '--queue-url', QueueUrl, '--tag-keys', 'team');
  assert.deepEqual((await aws('list-queue-tags', '--queue-url', QueueUrl)).Tags, { env: 'dev' });

  const sent = await aws('send-message', '--queue-url', QueueUrl, '--message-body', 'single',
    '--message-attributes', JSON.stringify({ s: { DataType: 'String', StringValue: 'v' }, n: { DataType: 'Number', StringValue: '7' } }));
  assert.equal(sent.MD5OfMessageBody, createHash('md5').update('single').digest('hex'));
  assert.match(sent.MD5OfMessageAttributes, /^[0-9a-f]{32}$/);
  const batch = await aws('send-message-batch', '--queue-url', QueueUrl, '--entries', 'Id=a,MessageBody=one', 'Id=b,MessageBody=two');
  assert.deepEqual(batch.Successful.map((e: { Id: string }) => e.Id).sort(), ['a', 'b']);

  const { Messages } = await aws('receive-message', '--queue-url', QueueUrl, '--max-number-of-messages', '10',
    '--attribute-names', 'All', '--message-attribute-names', 'All', '--wait-time-seconds', '1');
  assert.equal(Messages.length, 3);
  const single = Messages.find((m: { Body: string }) => m.Body === 'single');
  assert.equal(single.MessageAttributes.n.StringValue, '7');
  assert.equal(single.Attributes.ApproximateReceiveCount, '1');
  const [first, ...rest] = Messages as { ReceiptHandle: string }[];
  await aws('change-message-visibility', '--queue-url', QueueUrl, '--receipt-handle', first.ReceiptHandle, '--visibility-timeout', '60');
  const changed = await aws('change-message-visibility-batch', '--queue-url', QueueUrl,
    '--entries', ...rest.map((m, i) => `Id=c${i},ReceiptHandle=${m.ReceiptHandle},VisibilityTimeout=60`));
  assert.equal(changed.Successful.length, 2);
  await aws('delete-message', '--queue-url', QueueUrl, '--receipt-handle', first.ReceiptHandle);
  const deleted = await aws('delete-message-batch', '--queue-url', QueueUrl, '--entries', ...rest.map((m, i) => `Id=d${i},ReceiptHandle=${m.ReceiptHandle}`));
  assert.equal(deleted.Successful.length, 2);
  const empty = await aws('receive-message', '--queue-url', QueueUrl);
  assert.equal(empty.Messages, undefined);

  await aws('send-message', '--queue-url', QueueUrl, '--message-body', 'to purge');
  await aws('purge-queue', '--queue-url', QueueUrl);
  assert.equal((await aws('get-queue-attributes', '--queue-url', QueueUrl, '--attribute-names', 'ApproximateNumberOfMessages')).Attributes.ApproximateNumberOfMessages, '0');

  const dlq = (await aws('create-queue', '--queue-name', `${prefix}-dlq`)).QueueUrl;
  const dlqArn = `arn:aws:sqs:us-east-1:000000000000:${prefix}-dlq`;
  const redrive = JSON.stringify({ RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 3 }) });
  const source = (await aws('create-queue', '--queue-name', `${prefix}-src`, '--attributes', redrive)).QueueUrl;
  assert.deepEqual((await aws('list-dead-letter-source-queues', '--queue-url', dlq)).queueUrls, [source]);

  if (options.moveTasks) {
    // 30 dead letters at one message a second keep the task running long after the slowest CLI
    // round trip, so the cancel below always finds it RUNNING.
    for (let batch = 0; batch < 3; batch++) {
      const entries = Array.from({ length: 10 }, (_, i) => ({ Id: String(i), MessageBody: `dead-${batch}-${i}` }));
      await aws('send-message-batch', '--queue-url', dlq, '--entries', JSON.stringify(entries));
    }
    const sourceArn = `arn:aws:sqs:us-east-1:000000000000:${prefix}-src`;
    const { TaskHandle } = await aws('start-message-move-task', '--source-arn', dlqArn, '--destination-arn', sourceArn, '--max-number-of-messages-per-second', '1');
    const { Results } = await aws('list-message-move-tasks', '--source-arn', dlqArn);
    assert.equal(Results[0].SourceArn, dlqArn);
    assert.equal(Results[0].Status, 'RUNNING');
    await aws('cancel-message-move-task', '--task-handle', TaskHandle);
  }

  for (const url of [QueueUrl, source, dlq]) await aws('delete-queue', '--queue-url', url);
  await assert.rejects(aws('get-queue-url', '--queue-name', name), (err: { stderr: string }) => {
    assert.match(err.stderr, /\(AWS\.SimpleQueueService\.NonExistentQueue\) when calling the GetQueueUrl operation: The specified queue does not exist\./);
    return true;
  });
}
