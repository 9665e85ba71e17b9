/**
 * Every SQS operation through the real `@aws-sdk/client-sqs` (AWS JSON 1.0), against `startApp`,
 * and the queues it makes being the app's own: a template queue is listed, a queue made by
 * CreateQueue feeds the function whose event source names it. Shapes per the SQS API Reference.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  CancelMessageMoveTaskCommand,
  ChangeMessageVisibilityBatchCommand,
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListDeadLetterSourceQueuesCommand,
  ListMessageMoveTasksCommand,
  ListQueueTagsCommand,
  ListQueuesCommand,
  PurgeQueueCommand,
  QueueDoesNotExist,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  StartMessageMoveTaskCommand,
  TagQueueCommand,
  UntagQueueCommand,
} from '@aws-sdk/client-sqs';
import { RELAY_FIXTURE, startSqsApp, waitFor, type SqsApp } from './helpers';

let s: SqsApp;
before(async () => {
  s = await startSqsApp(RELAY_FIXTURE);
});
after(async () => {
  await s?.close();
});

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

test('ListQueues lists the template queues; GetQueueUrl finds them by name', async () => {
  const { QueueUrls } = await s.sqs.send(new ListQueuesCommand({}));
  assert.ok(QueueUrls?.includes(s.url('results')));
  assert.ok(QueueUrls?.includes(s.url('kept')));
  assert.equal((await s.sqs.send(new GetQueueUrlCommand({ QueueName: 'results' }))).QueueUrl, s.url('results'));
  const page = await s.sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'res', MaxResults: 1 }));
  assert.deepEqual(page.QueueUrls, [s.url('results')]);
});

test('CreateQueue, attributes, tags, DeleteQueue', async () => {
  const { QueueUrl } = await s.sqs.send(new CreateQueueCommand({ QueueName: 'sdk-admin', Attributes: { VisibilityTimeout: '45' }, tags: { team: 'a' } }));
  assert.equal(QueueUrl, s.url('sdk-admin'));
  await s.sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { DelaySeconds: '2' } }));
  const { Attributes } = await s.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['VisibilityTimeout', 'DelaySeconds', 'QueueArn'] }));
  assert.deepEqual(Attributes, { QueueArn: 'arn:aws:sqs:us-east-1:000000000000:sdk-admin', VisibilityTimeout: '45', DelaySeconds: '2' });
  await s.sqs.send(new TagQueueCommand({ QueueUrl, Tags: { env: 'dev' } }));
  await s.sqs.send(new UntagQueueCommand({ QueueUrl, TagKeys: ['team'] }));
  assert.deepEqual((await s.sqs.send(new ListQueueTagsCommand({ QueueUrl }))).Tags, { env: 'dev' });
  await s.sqs.send(new DeleteQueueCommand({ QueueUrl }));
  await assert.rejects(s.sqs.send(new GetQueueUrlCommand({ QueueName: 'sdk-admin' })), (err: Error & { Code?: string }) => {
    assert.ok(err instanceof QueueDoesNotExist);
    assert.equal((err as { Code?: string }).Code, 'AWS.SimpleQueueService.NonExistentQueue');
    return true;
  });
});

test('SendMessage and ReceiveMessage with string, number and binary attributes (digests verified by the SDK)', async () => {
  const { QueueUrl } = await s.sqs.send(new CreateQueueCommand({ QueueName: 'sdk-messages' }));
  const sent = await s.sqs.send(
    new SendMessageCommand({
      QueueUrl,
      MessageBody: 'héllo',
      MessageAttributes: {
        s: { DataType: 'String', StringValue: 'text' },
        n: { DataType: 'Number', StringValue: '42' },
        b: { DataType: 'Binary', BinaryValue: Uint8Array.of(0, 1, 254, 255) },
      },
      MessageSystemAttributes: { AWSTraceHeader: { DataType: 'String', StringValue: 'Root=1-5759e988-bd862e3fe1be46a994272793' } },
    }),
  );
  assert.equal(sent.MD5OfMessageBody, md5('héllo'));
  assert.match(sent.MD5OfMessageAttributes ?? '', /^[0-9a-f]{32}$/);
  const { Messages } = await s.sqs.send(
    new ReceiveMessageCommand({ QueueUrl, MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['All'], WaitTimeSeconds: 1 }),
  );
  assert.equal(Messages?.length, 1);
  const [m] = Messages!;
  assert.equal(m.Body, 'héllo');
  assert.equal(m.MessageId, sent.MessageId);
  assert.deepEqual([...(m.MessageAttributes?.b.BinaryValue ?? [])], [0, 1, 254, 255]);
  assert.equal(m.MessageAttributes?.n.StringValue, '42');
  assert.equal(m.MD5OfMessageAttributes, sent.MD5OfMessageAttributes);
  assert.equal(m.Attributes?.ApproximateReceiveCount, '1');
  assert.equal(m.Attributes?.AWSTraceHeader, 'Root=1-5759e988-bd862e3fe1be46a994272793');
  await s.sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle, VisibilityTimeout: 0 }));
  const again = await s.sqs.send(new ReceiveMessageCommand({ QueueUrl, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }));
  assert.equal(again.Messages?.[0].Attributes?.ApproximateReceiveCount, '2');
  await s.sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: again.Messages![0].ReceiptHandle }));
  assert.equal((await s.sqs.send(new ReceiveMessageCommand({ QueueUrl }))).Messages, undefined);
});

test('long polling answers when a message arrives, not at the end of the wait', async () => {
  const { QueueUrl } = await s.sqs.send(new CreateQueueCommand({ QueueName: 'sdk-long-poll' }));
  const started = Date.now();
  const polling = s.sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 10 }));
  await new Promise((r) => setTimeout(r, 200));
  await s.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'late' }));
  const { Messages } = await polling;
  assert.equal(Messages?.[0].Body, 'late');
  assert.ok(Date.now() - started < 5_000, 'the long poll woke on arrival');
});

test('batch operations: send, change visibility and delete, with per-entry failures', async () => {
  const { QueueUrl } = await s.sqs.send(new CreateQueueCommand({ QueueName: 'sdk-batch' }));
  const sent = await s.sqs.send(
    new SendMessageBatchCommand({
      QueueUrl,
      Entries: [
        { Id: 'a', MessageBody: 'one' },
        { Id: 'b', MessageBody: 'two', DelaySeconds: 0 },
        { Id: 'bad', MessageBody: 'x', DelaySeconds: 901 },
      ],
    }),
  );
  assert.deepEqual(sent.Successful?.map((e) => [e.Id, e.MD5OfMessageBody]), [['a', md5('one')], ['b', md5('two')]]);
  assert.equal(sent.Failed?.[0].Id, 'bad');
  assert.equal(sent.Failed?.[0].Code, 'InvalidParameterValue');
  assert.equal(sent.Failed?.[0].SenderFault, true);
  const { Messages = [] } = await s.sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
  assert.equal(Messages.length, 2);
  const changed = await s.sqs.send(
    new ChangeMessageVisibilityBatchCommand({
      QueueUrl,
      Entries: [...Messages.map((m, i) => ({ Id: `m${i}`, ReceiptHandle: m.ReceiptHandle, VisibilityTimeout: 60 })), { Id: 'bogus', ReceiptHandle: 'nope', VisibilityTimeout: 5 }],
    }),
  );
  assert.deepEqual(changed.Successful?.map((e) => e.Id), ['m0', 'm1']);
  assert.equal(changed.Failed?.[0].Code, 'ReceiptHandleIsInvalid');
  const deleted = await s.sqs.send(new DeleteMessageBatchCommand({ QueueUrl, Entries: Messages.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle })) }));
  assert.deepEqual(deleted.Successful?.map((e) => e.Id), ['d0', 'd1']);
  assert.equal(deleted.Failed?.length ?? 0, 0);
});

test('PurgeQueue empties the queue', async () => {
  const { QueueUrl } = await s.sqs.send(new CreateQueueCommand({ QueueName: 'sdk-purge' }));
  await s.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'gone' }));
  await s.sqs.send(new PurgeQueueCommand({ QueueUrl }));
  const { Attributes } = await s.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }));
  assert.equal(Attributes?.ApproximateNumberOfMessages, '0');
});

test('dead-letter sources and message move tasks (start, list, cancel)', async () => {
  const dlq = await s.sqs.send(new CreateQueueCommand({ QueueName: 'sdk-dlq' }));
  const dlqArn = 'arn:aws:sqs:us-east-1:000000000000:sdk-dlq';
  const source = await s.sqs.send(
    new CreateQueueCommand({ QueueName: 'sdk-source', Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 1 }) } }),
  );
  const sources = await s.sqs.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: dlq.QueueUrl }));
  assert.deepEqual(sources.queueUrls, [source.QueueUrl]);
  for (let i = 0; i < 3; i++) await s.sqs.send(new SendMessageCommand({ QueueUrl: dlq.QueueUrl, MessageBody: `dead ${i}` }));
  // Sent straight to the DLQ, these messages have no source to return to: name one.
  const sourceArn = 'arn:aws:sqs:us-east-1:000000000000:sdk-source';
  const started = await s.sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlqArn, DestinationArn: sourceArn, MaxNumberOfMessagesPerSecond: 1 }));
  assert.ok(started.TaskHandle);
  const { Results } = await s.sqs.send(new ListMessageMoveTasksCommand({ SourceArn: dlqArn }));
  assert.equal(Results?.[0].Status, 'RUNNING');
  assert.equal(Results?.[0].SourceArn, dlqArn);
  const cancelled = await s.sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle: started.TaskHandle }));
  assert.equal(typeof cancelled.ApproximateNumberOfMessagesMoved, 'number');
});

test('a queue made by CreateQueue feeds the function whose event source names it', async () => {
  const { QueueUrl } = await s.sqs.send(new CreateQueueCommand({ QueueName: 'late-jobs' }));
  await s.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'job-1' }));
  const results = s.url('results');
  const relayed = await waitFor('the relayed message', async () => {
    const { Messages } = await s.sqs.send(new ReceiveMessageCommand({ QueueUrl: results, MessageAttributeNames: ['source'], WaitTimeSeconds: 1 }));
    return Messages?.[0];
  }, 20_000);
  assert.equal(relayed.Body, 'relayed job-1');
  assert.equal(relayed.MessageAttributes?.source.StringValue, 'arn:aws:sqs:us-east-1:000000000000:late-jobs');
});
