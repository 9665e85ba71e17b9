/** FIFO topics to FIFO queues; HTTP retries under the delivery policy on the clock; dead-letter queues. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, httpSubscriber, newHarness, queueArn, receiveAll, rejectsWith } from './harness';

test('FIFO topic → FIFO queue: group order, sequence numbers, deduplication within 5 minutes (Amazon SNS FIFO topics)', async () => {
  const { sns, sqs, clock } = await newHarness();
  await sqs.createQueue({ QueueName: 'out.fifo', Attributes: { FifoQueue: 'true' } });
  const { TopicArn } = await sns.createTopic({ Name: 'orders.fifo', Attributes: { FifoTopic: 'true' } });
  await sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: queueArn('out.fifo'), Attributes: { RawMessageDelivery: 'true' } });
  await rejectsWith(sns.publish({ TopicArn, Message: 'x' }), 'InvalidParameter', 'Invalid parameter: The MessageGroupId parameter is required for FIFO topics');
  await rejectsWith(sns.publish({ TopicArn, Message: 'x', MessageGroupId: 'g' }), 'InvalidParameter', /ContentBasedDeduplication enabled or MessageDeduplicationId/);
  await rejectsWith(sns.subscribe({ TopicArn, Protocol: 'http', Endpoint: 'http://127.0.0.1:1/' }), 'InvalidParameter');
  const sequences: string[] = [];
  for (let i = 0; i < 20; i++) {
    const out = await sns.publish({ TopicArn, Message: `m${i}`, MessageGroupId: `g${i % 2}`, MessageDeduplicationId: `d${i}` });
    sequences.push(out.SequenceNumber!);
  }
  assert.ok(sequences.every((s, i) => /^\d{20}$/.test(s) && (i === 0 || s > sequences[i - 1])));
  const dup = await sns.publish({ TopicArn, Message: 'again', MessageGroupId: 'g0', MessageDeduplicationId: 'd0' });
  assert.equal(dup.SequenceNumber, sequences[0], 'a duplicate answers the original');
  const got = await receiveAll(sqs, 'out.fifo', 20);
  assert.equal(got.length, 20);
  for (const group of ['g0', 'g1']) {
    const bodies = got.filter((m) => m.Attributes?.MessageGroupId === group).map((m) => Number(m.Body.slice(1)));
    assert.deepEqual(bodies, [...bodies].sort((a, b) => a - b), `group ${group} in order`);
    assert.equal(bodies.length, 10);
  }
  assert.equal((await receiveAll(sqs, 'out.fifo', 1, 200)).length, 0, 'the duplicate delivered nothing');
  clock.advance(5 * 60_000);
  const later = await sns.publish({ TopicArn, Message: 'again', MessageGroupId: 'g0', MessageDeduplicationId: 'd0' });
  assert.notEqual(later.SequenceNumber, sequences[0], 'after the window the id publishes again');
});

test('content-based deduplication hashes the message body (FIFO topics, ContentBasedDeduplication)', async () => {
  const { sns } = await newHarness();
  const { TopicArn } = await sns.createTopic({ Name: 'cbd.fifo', Attributes: { FifoTopic: 'true', ContentBasedDeduplication: 'true' } });
  const a = await sns.publish({ TopicArn, Message: 'same', MessageGroupId: 'g' });
  const b = await sns.publish({ TopicArn, Message: 'same', MessageGroupId: 'g' });
  const c = await sns.publish({ TopicArn, Message: 'other', MessageGroupId: 'g' });
  assert.equal(b.MessageId, a.MessageId);
  assert.notEqual(c.MessageId, a.MessageId);
});

test('HTTP: non-2xx is retried 3 times 20 s apart on the clock, then goes to the RedrivePolicy DLQ (SNS message delivery retries)', async () => {
  const { sns, sqs, clock } = await newHarness();
  const hook = await httpSubscriber();
  await sqs.createQueue({ QueueName: 'http-dlq' });
  const { TopicArn } = await sns.createTopic({ Name: 'flaky' });
  await sns.subscribe({ TopicArn, Protocol: 'http', Endpoint: hook.url });
  await eventually(() => assert.equal(hook.requests.length, 1));
  const token = JSON.parse(hook.requests[0].body).Token;
  const { SubscriptionArn } = await sns.confirmSubscription({ TopicArn, Token: token });
  await sns.setSubscriptionAttributes({ SubscriptionArn, AttributeName: 'RedrivePolicy', AttributeValue: JSON.stringify({ deadLetterTargetArn: queueArn('http-dlq') }) });
  hook.status.next = 500;
  const { MessageId } = await sns.publish({ TopicArn, Message: 'payload' });
  await eventually(() => assert.equal(hook.requests.length, 2));
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(hook.requests.length, 2, 'no retry before the delay');
  // Request 1 was the confirmation; the first attempt is request 2, each retry one more.
  for (const requests of [3, 4, 5]) {
    assert.equal((await receiveAll(sqs, 'http-dlq', 1, 50)).length, 0, 'not dead-lettered while retries remain');
    clock.advance(20_000);
    await eventually(() => assert.equal(hook.requests.length, requests));
  }
  const ids = hook.requests.slice(1).map((r) => r.headers['x-amz-sns-message-id']);
  assert.deepEqual(ids, [MessageId, MessageId, MessageId, MessageId], 'retries keep the MessageId');
  const [dead] = await receiveAll(sqs, 'http-dlq', 1);
  assert.equal(JSON.parse(dead.Body).Message, 'payload');
  clock.advance(20_000);
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(hook.requests.length, 5, 'one attempt and three retries, then no more');
});

test('a custom healthyRetryPolicy: immediate retries then success (Creating an HTTP/S delivery policy)', async () => {
  const { sns } = await newHarness();
  const hook = await httpSubscriber();
  const { TopicArn } = await sns.createTopic({ Name: 'policy' });
  await sns.subscribe({ TopicArn, Protocol: 'http', Endpoint: hook.url, Attributes: { DeliveryPolicy: '{"healthyRetryPolicy":{"numRetries":2,"numNoDelayRetries":2,"minDelayTarget":1,"maxDelayTarget":1}}' } });
  await eventually(() => assert.equal(hook.requests.length, 1));
  await sns.confirmSubscription({ TopicArn, Token: JSON.parse(hook.requests[0].body).Token });
  hook.status.next = 503;
  await sns.publish({ TopicArn, Message: 'x' });
  await eventually(() => assert.equal(hook.requests.length, 4), 2_000);
});

test('sqs: a deleted queue is a client-side error: straight to the DLQ, no retries (Amazon SNS dead-letter queues)', async () => {
  const { sns, sqs } = await newHarness();
  await sqs.createQueue({ QueueName: 'dlq' });
  const { TopicArn } = await sns.createTopic({ Name: 'lost' });
  await sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: queueArn('never-created'), Attributes: { RawMessageDelivery: 'true', RedrivePolicy: JSON.stringify({ deadLetterTargetArn: queueArn('dlq') }) } });
  await sns.subscribe({ TopicArn, Protocol: 'lambda', Endpoint: 'arn:aws:lambda:us-east-1:000000000000:function:missing', Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: queueArn('dlq') }) } });
  await sns.publish({ TopicArn, Message: 'orphan', MessageAttributes: { k: { DataType: 'String', StringValue: 'v' } } });
  const got = await receiveAll(sqs, 'dlq', 2);
  const raw = got.find((m) => m.Body === 'orphan');
  assert.ok(raw, 'raw subscription: the raw message');
  assert.deepEqual(raw.MessageAttributes, { k: { DataType: 'String', StringValue: 'v' } });
  const envelope = got.find((m) => m.Body !== 'orphan')!;
  assert.equal(JSON.parse(envelope.Body).Message, 'orphan');
});
