/** Publish and its deliveries: the SQS envelope, raw delivery, filter policies, Lambda events, validation, PublishBatch. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, newHarness, queueArn, receiveAll, rejectsWith, ACCOUNT, ENDPOINT } from './harness';

async function topicWithQueue(name: string, attributes: Record<string, string> = {}) {
  const h = await newHarness();
  await h.sqs.createQueue({ QueueName: `${name}-q` });
  const { TopicArn } = await h.sns.createTopic({ Name: name });
  const { SubscriptionArn } = await h.sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: queueArn(`${name}-q`), Attributes: attributes });
  return { ...h, TopicArn, SubscriptionArn, queue: `${name}-q` };
}

test('SQS body of a non-raw delivery is the SNS envelope, field by field (Amazon SNS message formats, Notification)', async () => {
  const { sns, sqs, TopicArn, SubscriptionArn, queue } = await topicWithQueue('env');
  const { MessageId } = await sns.publish({ TopicArn, Message: 'hello', Subject: 'Greeting', MessageAttributes: { color: { DataType: 'String', StringValue: 'red' }, bin: { DataType: 'Binary', BinaryValue: Buffer.from([1, 2, 3]) } } });
  assert.match(MessageId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const [m] = await receiveAll(sqs, queue, 1);
  const body = JSON.parse(m.Body);
  assert.deepEqual(Object.keys(body), ['Type', 'MessageId', 'TopicArn', 'Subject', 'Message', 'Timestamp', 'SignatureVersion', 'Signature', 'SigningCertURL', 'UnsubscribeURL', 'MessageAttributes']);
  assert.equal(body.Type, 'Notification');
  assert.equal(body.MessageId, MessageId);
  assert.equal(body.TopicArn, TopicArn);
  assert.equal(body.Subject, 'Greeting');
  assert.equal(body.Message, 'hello');
  assert.match(body.Timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.equal(body.SignatureVersion, '1');
  assert.match(body.Signature, /^[A-Za-z0-9+/]+=*$/);
  assert.equal(body.SigningCertURL, `${ENDPOINT}/SimpleNotificationService-stratus.pem`);
  assert.equal(body.UnsubscribeURL, `${ENDPOINT}/?Action=Unsubscribe&SubscriptionArn=${SubscriptionArn}`);
  assert.deepEqual(body.MessageAttributes, { color: { Type: 'String', Value: 'red' }, bin: { Type: 'Binary', Value: 'AQID' } });
  assert.equal(m.MessageAttributes, undefined, 'non-raw: attributes ride inside the envelope only');

  await sns.publish({ TopicArn, Message: 'plain' });
  const [plain] = await receiveAll(sqs, queue, 1);
  const plainBody = JSON.parse(plain.Body);
  assert.equal('Subject' in plainBody, false, 'Subject only when given');
  assert.equal('MessageAttributes' in plainBody, false, 'MessageAttributes only when present');
});

test('raw delivery: the message itself, attributes as SQS message attributes (Amazon SNS raw message delivery)', async () => {
  const { sns, sqs, TopicArn, queue } = await topicWithQueue('raw', { RawMessageDelivery: 'true' });
  await sns.publish({ TopicArn, Message: '{"order":1}', MessageAttributes: { n: { DataType: 'Number', StringValue: '42' }, tags: { DataType: 'String.Array', StringValue: '["a","b"]' } } });
  const [m] = await receiveAll(sqs, queue, 1);
  assert.equal(m.Body, '{"order":1}');
  assert.deepEqual(m.MessageAttributes, { n: { DataType: 'Number', StringValue: '42' }, tags: { DataType: 'String.Array', StringValue: '["a","b"]' } });
});

test('filter policies deliver exactly the matching messages: attributes scope and body scope (Amazon SNS message filtering)', async () => {
  const h = await newHarness();
  const { sns, sqs } = h;
  for (const q of ['red', 'big', 'all']) await sqs.createQueue({ QueueName: q });
  const { TopicArn } = await sns.createTopic({ Name: 'filtered' });
  await sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: queueArn('red'), Attributes: { FilterPolicy: '{"color":["red"],"size":[{"numeric":[">",5]}]}' } });
  await sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: queueArn('big'), Attributes: { FilterPolicy: '{"order":{"total":[{"numeric":[">=",100]}]}}', FilterPolicyScope: 'MessageBody', RawMessageDelivery: 'true' } });
  await sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: queueArn('all') });
  const attrs = (color: string, size: string) => ({ color: { DataType: 'String', StringValue: color }, size: { DataType: 'Number', StringValue: size } });
  await sns.publish({ TopicArn, Message: '{"order":{"total":150}}', MessageAttributes: attrs('red', '10') });
  await sns.publish({ TopicArn, Message: '{"order":{"total":50}}', MessageAttributes: attrs('red', '3') });
  await sns.publish({ TopicArn, Message: '{"order":{"total":100}}', MessageAttributes: attrs('blue', '10') });
  await sns.publish({ TopicArn, Message: 'not json', MessageAttributes: attrs('red', '6') });
  const all = await receiveAll(sqs, 'all', 4);
  assert.equal(all.length, 4);
  const red = await receiveAll(sqs, 'red', 2);
  assert.deepEqual(red.map((m) => JSON.parse(m.Body).Message).sort(), ['not json', '{"order":{"total":150}}']);
  const big = await receiveAll(sqs, 'big', 2);
  assert.deepEqual(big.map((m) => m.Body).sort(), ['{"order":{"total":100}}', '{"order":{"total":150}}']);
  assert.equal((await receiveAll(sqs, 'red', 1, 200)).length, 0, 'nothing more arrives');
});

test('lambda subscription: an async invocation with the SNS event (Using AWS Lambda with Amazon SNS)', async () => {
  const { sns, invocations } = await newHarness();
  const { TopicArn } = await sns.createTopic({ Name: 'fn' });
  const { SubscriptionArn } = await sns.subscribe({ TopicArn, Protocol: 'lambda', Endpoint: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:worker` });
  const { MessageId } = await sns.publish({ TopicArn, Message: 'work', MessageAttributes: { k: { DataType: 'String', StringValue: 'v' } } });
  await eventually(() => assert.equal(invocations.length, 1));
  assert.equal(invocations[0].functionName, 'worker');
  const event = JSON.parse(invocations[0].payload);
  const [record] = event.Records;
  assert.deepEqual(Object.keys(record), ['EventSource', 'EventVersion', 'EventSubscriptionArn', 'Sns']);
  assert.deepEqual([record.EventSource, record.EventVersion, record.EventSubscriptionArn], ['aws:sns', '1.0', SubscriptionArn]);
  assert.deepEqual(Object.keys(record.Sns), ['Type', 'MessageId', 'TopicArn', 'Subject', 'Message', 'Timestamp', 'SignatureVersion', 'Signature', 'SigningCertUrl', 'UnsubscribeUrl', 'MessageAttributes']);
  assert.equal(record.Sns.Subject, null, 'Subject is null in the Lambda event when none was given');
  assert.equal(record.Sns.MessageId, MessageId);
  assert.equal(record.Sns.UnsubscribeUrl, `${ENDPOINT}/?Action=Unsubscribe&SubscriptionArn=${SubscriptionArn}`);
  assert.deepEqual(record.Sns.MessageAttributes, { k: { Type: 'String', Value: 'v' } });
});

test('MessageStructure json: per-protocol messages with a required default (Publish, MessageStructure)', async () => {
  const { sns, sqs, TopicArn, queue, invocations } = await topicWithQueue('structured');
  await sns.subscribe({ TopicArn, Protocol: 'lambda', Endpoint: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:f` });
  await sns.publish({ TopicArn, MessageStructure: 'json', Message: JSON.stringify({ default: 'for everyone', sqs: 'for queues' }) });
  assert.equal(JSON.parse((await receiveAll(sqs, queue, 1))[0].Body).Message, 'for queues');
  await eventually(() => assert.equal(JSON.parse(invocations[0].payload).Records[0].Sns.Message, 'for everyone'));
  await rejectsWith(sns.publish({ TopicArn, MessageStructure: 'json', Message: '{"sqs":"x"}' }), 'InvalidParameter', 'Invalid parameter: Message Structure - No default entry in JSON message body');
  await rejectsWith(sns.publish({ TopicArn, MessageStructure: 'json', Message: 'nope' }), 'InvalidParameter', 'Invalid parameter: Message Structure - JSON message body failed to parse');
});

test('Publish validation: target, empty and oversized messages, subject, attributes (Publish API Reference)', async () => {
  const { sns } = await newHarness();
  const { TopicArn } = await sns.createTopic({ Name: 'valid' });
  await rejectsWith(sns.publish({ Message: 'x' }), 'InvalidParameter', /TopicArn or TargetArn/);
  await rejectsWith(sns.publish({ TopicArn: `${TopicArn}-gone`, Message: 'x' }), 'NotFound', 'Topic does not exist');
  assert.ok((await sns.publish({ TargetArn: TopicArn, Message: 'x' })).MessageId);
  await rejectsWith(sns.publish({ PhoneNumber: '+15550100', Message: 'x' }), 'InvalidParameter', /not supported by Stratus/);
  await rejectsWith(sns.publish({ TopicArn, Message: '' }), 'InvalidParameter', 'Invalid parameter: Empty message');
  await rejectsWith(sns.publish({ TopicArn } as never), 'ValidationError');
  await sns.publish({ TopicArn, Message: 'x'.repeat(262_144) });
  await rejectsWith(sns.publish({ TopicArn, Message: 'x'.repeat(262_145) }), 'InvalidParameter', 'Invalid parameter: Message too long');
  await rejectsWith(sns.publish({ TopicArn, Message: 'x'.repeat(262_140), MessageAttributes: { a: { DataType: 'String', StringValue: 'v' } } }), 'InvalidParameter', 'Invalid parameter: Message too long');
  await rejectsWith(sns.publish({ TopicArn, Message: 'x', Subject: 's'.repeat(101) }), 'InvalidParameter', 'Invalid parameter: Subject');
  await rejectsWith(sns.publish({ TopicArn, Message: 'x', Subject: 'two\nlines' }), 'InvalidParameter', 'Invalid parameter: Subject');
  const bad = (MessageAttributes: never) => sns.publish({ TopicArn, Message: 'x', MessageAttributes });
  await rejectsWith(bad({ a: { DataType: 'Weird', StringValue: 'v' } } as never), 'ParameterValueInvalid', /supported type prefixes is Binary, Number, and String/);
  await rejectsWith(bad({ a: { DataType: 'String', StringValue: '' } } as never), 'ParameterValueInvalid', /must contain non-empty message attribute value/);
  await rejectsWith(bad({ a: { DataType: 'Number', StringValue: 'ten' } } as never), 'ParameterValueInvalid', /Could not cast message attribute 'a' value to number/);
  await rejectsWith(bad({ 'bad name': { DataType: 'String', StringValue: 'v' } } as never), 'ParameterValueInvalid', /Invalid non-alphanumeric character '#x20'/);
  await rejectsWith(bad({ 'AWS.x': { DataType: 'String', StringValue: 'v' } } as never), 'ParameterValueInvalid', /reserved/);
  await rejectsWith(bad({ l: { DataType: 'String.Array', StringValue: '[{"a":1}]' } } as never), 'ParameterValueInvalid', /String.Array/);
});

test('PublishBatch: 1–10 entries with distinct ids; each entry fails on its own (PublishBatch API Reference)', async () => {
  const { sns, sqs, TopicArn, queue } = await topicWithQueue('batch');
  const out = await sns.publishBatch({
    TopicArn,
    PublishBatchRequestEntries: [
      { Id: 'one', Message: 'first' },
      { Id: 'two', Message: '' },
      { Id: 'three', Message: 'third', Subject: 'S' },
    ],
  });
  assert.deepEqual(out.Successful.map((s) => s.Id), ['one', 'three']);
  assert.deepEqual(out.Failed, [{ Id: 'two', Code: 'InvalidParameter', Message: 'Invalid parameter: Empty message', SenderFault: true }]);
  const got = await receiveAll(sqs, queue, 2);
  assert.deepEqual(got.map((m) => JSON.parse(m.Body).Message).sort(), ['first', 'third']);
  const entries = (n: number) => Array.from({ length: n }, (_, i) => ({ Id: `e${i}`, Message: 'm' }));
  await rejectsWith(sns.publishBatch({ TopicArn, PublishBatchRequestEntries: [] }), 'EmptyBatchRequest');
  await rejectsWith(sns.publishBatch({ TopicArn, PublishBatchRequestEntries: entries(11) }), 'TooManyEntriesInBatchRequest');
  await rejectsWith(sns.publishBatch({ TopicArn, PublishBatchRequestEntries: [{ Id: 'a', Message: 'm' }, { Id: 'a', Message: 'n' }] }), 'BatchEntryIdsNotDistinct');
  await rejectsWith(sns.publishBatch({ TopicArn, PublishBatchRequestEntries: [{ Id: 'no spaces', Message: 'm' }] }), 'InvalidBatchEntryId');
  await rejectsWith(sns.publishBatch({ TopicArn, PublishBatchRequestEntries: [{ Id: 'a', Message: 'x'.repeat(200_000) }, { Id: 'b', Message: 'x'.repeat(100_000) }] }), 'BatchRequestTooLong');
});

test('email-json subscribers get the envelope; email the message text (captured)', async () => {
  const { sns } = await newHarness();
  const { TopicArn } = await sns.createTopic({ Name: 'mails' });
  for (const [Protocol, Endpoint] of [['email', 'a@example.com'], ['email-json', 'b@example.com']]) {
    const { SubscriptionArn } = await sns.subscribe({ TopicArn, Protocol, Endpoint, ReturnSubscriptionArn: true });
    const token = /Token=([0-9a-f]+)/.exec(sns.capturedEmails().find((m) => m.subscriptionArn === SubscriptionArn)!.body)![1];
    await sns.confirmSubscription({ TopicArn, Token: token });
  }
  await sns.publish({ TopicArn, Message: 'Stock is out' });
  await eventually(() => assert.equal(sns.capturedEmails().filter((m) => m.type === 'Notification').length, 2));
  const notes = sns.capturedEmails().filter((m) => m.type === 'Notification');
  const byTo = Object.fromEntries(notes.map((m) => [m.to, m]));
  assert.equal(byTo['a@example.com'].body, 'Stock is out');
  assert.equal(byTo['a@example.com'].subject, 'AWS Notification Message');
  assert.equal(JSON.parse(byTo['b@example.com'].body).Message, 'Stock is out');
});
