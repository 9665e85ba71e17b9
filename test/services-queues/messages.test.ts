/** Messages through the service: validation errors, digests, receive attributes, long polling, DLQ, redrive. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { arn, newService, rejectsWith } from './harness';

test('MD5s match SQS: body "hello", attributes per the documented algorithm (cross-checked with moto)', async () => {
  const { sqs } = await newService();
  const { QueueUrl } = await sqs.createQueue({ QueueName: 'md5' });
  const MessageAttributes = {
    City: { DataType: 'String', StringValue: 'Any City' },
    Population: { DataType: 'Number', StringValue: '1250800' },
    Bin: { DataType: 'Binary', BinaryValue: Uint8Array.of(0, 1, 2) },
  };
  const sent = await sqs.sendMessage({ QueueUrl, MessageBody: 'hello', MessageAttributes });
  assert.equal(sent.MD5OfMessageBody, '5d41402abc4b2a76b9719d911017c592');
  assert.equal(sent.MD5OfMessageAttributes, 'dedb79470dd89409d15b691a2b2d05f7');
  const { Messages } = await sqs.receiveMessage({ QueueUrl, MessageAttributeNames: ['All'] });
  assert.equal(Messages![0].MD5OfBody, '5d41402abc4b2a76b9719d911017c592');
  assert.equal(Messages![0].MD5OfMessageAttributes, 'dedb79470dd89409d15b691a2b2d05f7');
  assert.deepEqual(Buffer.from(Messages![0].MessageAttributes!.Bin.BinaryValue as Uint8Array), Buffer.of(0, 1, 2));
});

test('sendMessage validation: size, characters, attributes, delay', async () => {
  const { sqs } = await newService();
  const { QueueUrl } = await sqs.createQueue({ QueueName: 'v', Attributes: { MaximumMessageSize: '1024' } });
  await rejectsWith(sqs.sendMessage({ QueueUrl, MessageBody: 'x'.repeat(1025) }), 'InvalidParameterValue', {
    message: /^One or more parameters are invalid\. Reason: Message must be shorter than 1024 bytes\.$/,
  });
  // Attributes count toward the size: name + type + value.
  await rejectsWith(
    sqs.sendMessage({ QueueUrl, MessageBody: 'x'.repeat(1000), MessageAttributes: { abc: { DataType: 'String', StringValue: 'y'.repeat(20) } } }),
    'InvalidParameterValue',
  );
  await sqs.sendMessage({ QueueUrl, MessageBody: 'x'.repeat(1024) });
  await rejectsWith(sqs.sendMessage({ QueueUrl, MessageBody: 'bell \u0007' }), 'InvalidMessageContents');
  await rejectsWith(sqs.sendMessage({ QueueUrl, MessageBody: 'lone \uD800' }), 'InvalidMessageContents');
  await rejectsWith(sqs.sendMessage({ QueueUrl, MessageBody: '' }), 'MissingParameter');
  await rejectsWith(sqs.sendMessage({ QueueUrl, MessageBody: 'x', DelaySeconds: 901 }), 'InvalidParameterValue');
  const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`a${i}`, { DataType: 'String', StringValue: 'v' }]));
  await rejectsWith(sqs.sendMessage({ QueueUrl, MessageBody: 'x', MessageAttributes: eleven }), 'InvalidParameterValue', { message: /\[11\]/ });
  await rejectsWith(sqs.sendMessage({ QueueUrl, MessageBody: 'x', MessageAttributes: { n: { DataType: 'Number', StringValue: 'abc' } } }), 'InvalidParameterValue');
  await rejectsWith(sqs.sendMessage({ QueueUrl, MessageBody: 'x', MessageAttributes: { n: { DataType: 'Date', StringValue: '1' } } }), 'InvalidParameterValue');
  await rejectsWith(sqs.sendMessage({ QueueUrl, MessageBody: 'x', MessageAttributes: { 'AWS.x': { DataType: 'String', StringValue: '1' } } }), 'InvalidParameterValue');
  await rejectsWith(sqs.sendMessage({ QueueUrl, MessageBody: 'x', MessageDeduplicationId: 'd' }), 'InvalidParameterValue');
});

test('sendMessageBatch: batch errors, per-entry failures, one call for all entries', async () => {
  const { sqs } = await newService();
  const { QueueUrl } = await sqs.createQueue({ QueueName: 'b' });
  await rejectsWith(sqs.sendMessageBatch({ QueueUrl, Entries: [] }), 'EmptyBatchRequest', { queryCode: 'AWS.SimpleQueueService.EmptyBatchRequest' });
  const entries = (n: number) => Array.from({ length: n }, (_, i) => ({ Id: `e${i}`, MessageBody: `m${i}` }));
  await rejectsWith(sqs.sendMessageBatch({ QueueUrl, Entries: entries(11) }), 'TooManyEntriesInBatchRequest');
  await rejectsWith(sqs.sendMessageBatch({ QueueUrl, Entries: [{ Id: 'a', MessageBody: '1' }, { Id: 'a', MessageBody: '2' }] }), 'BatchEntryIdsNotDistinct');
  await rejectsWith(sqs.sendMessageBatch({ QueueUrl, Entries: [{ Id: 'a b', MessageBody: '1' }] }), 'InvalidBatchEntryId');
  const big = 'x'.repeat(200_000);
  await rejectsWith(sqs.sendMessageBatch({ QueueUrl, Entries: entries(6).map((e) => ({ ...e, MessageBody: big })) }), 'BatchRequestTooLong');
  const result = await sqs.sendMessageBatch({ QueueUrl, Entries: [{ Id: 'ok', MessageBody: 'fine' }, { Id: 'bad', MessageBody: '\u0000' }] });
  assert.deepEqual(result.Successful.map((s) => s.Id), ['ok']);
  assert.match(result.Successful[0].MD5OfMessageBody, /^[0-9a-f]{32}$/);
  assert.deepEqual(result.Failed.map((f) => [f.Id, f.Code, f.SenderFault]), [['bad', 'InvalidMessageContents', true]]);
});

test('FIFO rules: group required, dedup id or content-based, no per-message delay, dedupe window', async () => {
  const { sqs, clock } = await newService();
  const { QueueUrl } = await sqs.createQueue({ QueueName: 'f.fifo', Attributes: { FifoQueue: 'true' } });
  await rejectsWith(sqs.sendMessage({ QueueUrl, MessageBody: 'x', MessageDeduplicationId: 'd' }), 'MissingParameter', { message: /MessageGroupId/ });
  await rejectsWith(sqs.sendMessage({ QueueUrl, MessageBody: 'x', MessageGroupId: 'g' }), 'InvalidParameterValue', { message: /ContentBasedDeduplication/ });
  await rejectsWith(sqs.sendMessage({ QueueUrl, MessageBody: 'x', MessageGroupId: 'g', MessageDeduplicationId: 'd', DelaySeconds: 5 }), 'InvalidParameterValue');
  const a = await sqs.sendMessage({ QueueUrl, MessageBody: 'x', MessageGroupId: 'g', MessageDeduplicationId: 'd' });
  const dup = await sqs.sendMessage({ QueueUrl, MessageBody: 'y', MessageGroupId: 'g', MessageDeduplicationId: 'd' });
  assert.equal(dup.MessageId, a.MessageId);
  assert.match(a.SequenceNumber!, /^\d{20}$/);
  const cbd = await sqs.createQueue({ QueueName: 'c.fifo', Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true' } });
  const c1 = await sqs.sendMessage({ QueueUrl: cbd.QueueUrl, MessageBody: 'same', MessageGroupId: 'g' });
  const c2 = await sqs.sendMessage({ QueueUrl: cbd.QueueUrl, MessageBody: 'same', MessageGroupId: 'g' });
  assert.equal(c2.MessageId, c1.MessageId);
  clock.advance(5 * 60_000);
  const c3 = await sqs.sendMessage({ QueueUrl: cbd.QueueUrl, MessageBody: 'same', MessageGroupId: 'g' });
  assert.notEqual(c3.MessageId, c1.MessageId);
  const { Messages } = await sqs.receiveMessage({ QueueUrl, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ['All'] });
  assert.equal(Messages?.length, 1);
  assert.equal(Messages![0].Attributes?.MessageGroupId, 'g');
  assert.equal(Messages![0].Attributes?.MessageDeduplicationId, 'd');
  assert.equal(Messages![0].Attributes?.SequenceNumber, a.SequenceNumber);
});

test('receiveMessage: parameter limits, system and message attribute selection', async () => {
  const { sqs } = await newService();
  const { QueueUrl } = await sqs.createQueue({ QueueName: 'r' });
  await rejectsWith(sqs.receiveMessage({ QueueUrl, MaxNumberOfMessages: 11 }), 'InvalidParameterValue', { message: /MaxNumberOfMessages/ });
  await rejectsWith(sqs.receiveMessage({ QueueUrl, WaitTimeSeconds: 21 }), 'InvalidParameterValue');
  await rejectsWith(sqs.receiveMessage({ QueueUrl, VisibilityTimeout: 43_201 }), 'InvalidParameterValue');
  const attrs = { 'order.id': { DataType: 'String', StringValue: '1' }, 'order.kind': { DataType: 'String', StringValue: 'a' }, other: { DataType: 'Number', StringValue: '2' } };
  await sqs.sendMessage({ QueueUrl, MessageBody: 'm', MessageAttributes: attrs, MessageSystemAttributes: { AWSTraceHeader: { DataType: 'String', StringValue: 'Root=1-abc' } } });
  const { Messages } = await sqs.receiveMessage({ QueueUrl, AttributeNames: ['SentTimestamp'], MessageSystemAttributeNames: ['ApproximateReceiveCount', 'AWSTraceHeader'], MessageAttributeNames: ['order.*'], VisibilityTimeout: 0 });
  const [m] = Messages!;
  assert.deepEqual(Object.keys(m.Attributes!).sort(), ['AWSTraceHeader', 'ApproximateReceiveCount', 'SentTimestamp']);
  assert.equal(m.Attributes!.ApproximateReceiveCount, '1');
  assert.deepEqual(Object.keys(m.MessageAttributes!).sort(), ['order.id', 'order.kind']);
  const again = (await sqs.receiveMessage({ QueueUrl, MessageSystemAttributeNames: ['All'] })).Messages![0];
  assert.equal(again.MessageAttributes, undefined);
  assert.deepEqual(Object.keys(again.Attributes!).sort(), ['AWSTraceHeader', 'ApproximateFirstReceiveTimestamp', 'ApproximateReceiveCount', 'SenderId', 'SentTimestamp']);
  assert.equal(again.Attributes!.ApproximateReceiveCount, '2');
});

test('delete and visibility: stale handles succeed, invalid handles and not-in-flight messages fail', async () => {
  const { sqs, clock } = await newService();
  const { QueueUrl } = await sqs.createQueue({ QueueName: 'd', Attributes: { VisibilityTimeout: '10' } });
  await sqs.sendMessage({ QueueUrl, MessageBody: 'm' });
  const first = (await sqs.receiveMessage({ QueueUrl })).Messages![0];
  await rejectsWith(sqs.deleteMessage({ QueueUrl, ReceiptHandle: 'garbage' }), 'ReceiptHandleIsInvalid', { status: 404 });
  await rejectsWith(sqs.changeMessageVisibility({ QueueUrl, ReceiptHandle: first.ReceiptHandle, VisibilityTimeout: 43_201 }), 'InvalidParameterValue');
  clock.advance(10_000);
  await rejectsWith(sqs.changeMessageVisibility({ QueueUrl, ReceiptHandle: first.ReceiptHandle, VisibilityTimeout: 5 }), 'MessageNotInflight');
  const second = (await sqs.receiveMessage({ QueueUrl })).Messages![0];
  await sqs.deleteMessage({ QueueUrl, ReceiptHandle: first.ReceiptHandle });
  assert.equal((await sqs.getQueueAttributes({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessagesNotVisible'] })).Attributes?.ApproximateNumberOfMessagesNotVisible, '1');
  const batch = await sqs.deleteMessageBatch({ QueueUrl, Entries: [{ Id: 'a', ReceiptHandle: second.ReceiptHandle }, { Id: 'b', ReceiptHandle: 'junk' }] });
  assert.deepEqual(batch.Successful, [{ Id: 'a' }]);
  assert.deepEqual(batch.Failed.map((f) => [f.Id, f.Code]), [['b', 'ReceiptHandleIsInvalid']]);
  await sqs.sendMessage({ QueueUrl, MessageBody: 'n' });
  const n = (await sqs.receiveMessage({ QueueUrl })).Messages![0];
  const vis = await sqs.changeMessageVisibilityBatch({ QueueUrl, Entries: [{ Id: 'n', ReceiptHandle: n.ReceiptHandle, VisibilityTimeout: 0 }] });
  assert.deepEqual(vis, { Successful: [{ Id: 'n' }], Failed: [] });
  assert.equal((await sqs.receiveMessage({ QueueUrl })).Messages![0].Body, 'n');
});

test('long polling wakes on a send, and on the clock reaching a delayed message', async () => {
  const { sqs, clock } = await newService();
  const { QueueUrl } = await sqs.createQueue({ QueueName: 'lp' });
  const started = Date.now();
  const poll = sqs.receiveMessage({ QueueUrl, WaitTimeSeconds: 20 });
  setTimeout(() => void sqs.sendMessage({ QueueUrl, MessageBody: 'wake' }), 50);
  const [woke] = (await poll).Messages!;
  assert.equal(woke.Body, 'wake');
  await sqs.deleteMessage({ QueueUrl, ReceiptHandle: woke.ReceiptHandle });
  assert.ok(Date.now() - started < 2_000, 'woken by the send, not the timeout');

  await sqs.sendMessage({ QueueUrl, MessageBody: 'delayed', DelaySeconds: 600 });
  const delayed = sqs.receiveMessage({ QueueUrl, WaitTimeSeconds: 20 });
  setTimeout(() => clock.advance(19_000), 30);
  assert.deepEqual(await delayed, {}, 'the wait ends at 20 s of clock time with nothing visible');
  const poll2 = sqs.receiveMessage({ QueueUrl, WaitTimeSeconds: 20 });
  setTimeout(() => clock.advance(590_000), 30);
  assert.equal((await poll2).Messages?.[0].Body, 'delayed');
});

test('DLQ after exactly maxReceiveCount receives, then a move task redrives it back', async () => {
  const { sqs, clock } = await newService();
  const dlq = await sqs.createQueue({ QueueName: 'dead' });
  const { QueueUrl } = await sqs.createQueue({
    QueueName: 'work',
    Attributes: { VisibilityTimeout: '1', RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arn('dead'), maxReceiveCount: 2 }) },
  });
  await sqs.sendMessage({ QueueUrl, MessageBody: 'poison', MessageAttributes: { k: { DataType: 'String', StringValue: 'v' } } });
  for (let i = 0; i < 2; i++) {
    assert.equal((await sqs.receiveMessage({ QueueUrl })).Messages?.length, 1);
    clock.advance(1_000);
  }
  assert.deepEqual(await sqs.receiveMessage({ QueueUrl }), {});
  const dead = (await sqs.receiveMessage({ QueueUrl: dlq.QueueUrl, MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['All'], VisibilityTimeout: 0 })).Messages![0];
  assert.equal(dead.Body, 'poison');
  assert.deepEqual(dead.MessageAttributes, { k: { DataType: 'String', StringValue: 'v' } });
  assert.equal(dead.Attributes?.DeadLetterQueueSourceArn, arn('work'));
  await rejectsWith(sqs.startMessageMoveTask({ SourceArn: arn('work') }), 'InvalidParameterValue', { message: /Dead Letter Queue/ });
  await rejectsWith(sqs.startMessageMoveTask({ SourceArn: arn('nope') }), 'ResourceNotFoundException');
  const { TaskHandle } = await sqs.startMessageMoveTask({ SourceArn: arn('dead') });
  assert.ok(TaskHandle);
  await sqs.close();
  const [task] = (await sqs.listMessageMoveTasks({ SourceArn: arn('dead') })).Results;
  assert.equal(task.Status, 'COMPLETED');
  assert.equal(task.ApproximateNumberOfMessagesMoved, 1);
  assert.equal(task.ApproximateNumberOfMessagesToMove, 1);
  assert.equal((await sqs.receiveMessage({ QueueUrl })).Messages?.[0].Body, 'poison');
});
