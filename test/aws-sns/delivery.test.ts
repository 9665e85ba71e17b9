/**
 * Deliveries set up entirely through the wire: queues made with the SQS API, subscribed with the
 * SNS API, read back with long polling. Pins the SQS envelope field by field ("HTTP/HTTPS
 * notification JSON format" and "Fanout to Amazon SQS queues" in the SNS Developer Guide), raw
 * delivery ("Amazon SNS raw message delivery"), filter policies in both scopes ("Amazon SNS
 * subscription filter policies"), and the HTTP confirmation handshake with a real HTTP server
 * ("Confirming the subscription"): the SubscribeURL it receives is a plain unsigned GET.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  ConfirmSubscriptionCommand,
  CreateTopicCommand,
  ListSubscriptionsByTopicCommand,
  PublishCommand,
  SubscribeCommand,
} from '@aws-sdk/client-sns';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { eventually, SNS_NS, startSnsApp, startSubscriber, xmlValues, type SnsApp } from './helpers';

let s: SnsApp;
before(async () => {
  s = await startSnsApp();
});
after(async () => {
  await s?.close();
});

async function topicWithQueue(name: string, attributes?: Record<string, string>) {
  const { TopicArn } = await s.sns.send(new CreateTopicCommand({ Name: name }));
  const queue = await s.queue(`${name}-q`);
  const { SubscriptionArn } = await s.sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: queue.arn, Attributes: attributes, ReturnSubscriptionArn: true }));
  return { topicArn: TopicArn!, queue, subscriptionArn: SubscriptionArn! };
}

/** Nothing else arrives within a second (after the expected messages were drained). */
async function assertNothingMore(url: string): Promise<void> {
  const { Messages } = await s.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 1 }));
  assert.equal(Messages, undefined, `unexpected: ${Messages?.map((m) => m.Body).join(', ')}`);
}

test('a queue made with CreateQueue gets SNS\'s JSON envelope, field by field', async () => {
  const { topicArn, queue, subscriptionArn } = await topicWithQueue('envelope');
  const before = Date.now();
  const { MessageId } = await s.sns.send(
    new PublishCommand({
      TopicArn: topicArn,
      Message: '{"order":7}',
      Subject: 'Order placed',
      MessageAttributes: {
        store: { DataType: 'String', StringValue: 'seoul' },
        total: { DataType: 'Number', StringValue: '120.5' },
        blob: { DataType: 'Binary', BinaryValue: Buffer.from([0, 1, 2, 255]) },
      },
    }),
  );
  const [message] = await s.drain(queue.url, 1);
  // Non-raw delivery: SQS message attributes stay empty; everything is in the body.
  assert.equal(message.MessageAttributes, undefined);
  const envelope = JSON.parse(message.Body!);
  assert.deepEqual(Object.keys(envelope), [
    'Type', 'MessageId', 'TopicArn', 'Subject', 'Message', 'Timestamp', 'SignatureVersion', 'Signature', 'SigningCertURL', 'UnsubscribeURL', 'MessageAttributes',
  ]);
  assert.equal(envelope.Type, 'Notification');
  assert.equal(envelope.MessageId, MessageId);
  assert.equal(envelope.TopicArn, topicArn);
  assert.equal(envelope.Subject, 'Order placed');
  assert.equal(envelope.Message, '{"order":7}');
  assert.match(envelope.Timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.ok(Date.parse(envelope.Timestamp) >= before - 1000 && Date.parse(envelope.Timestamp) <= Date.now());
  assert.equal(envelope.SignatureVersion, '1');
  assert.match(envelope.Signature, /^[A-Za-z0-9+/]+=*$/);
  assert.equal(envelope.SigningCertURL.startsWith(s.endpoint), true);
  assert.equal(envelope.UnsubscribeURL, `${s.endpoint}/?Action=Unsubscribe&SubscriptionArn=${subscriptionArn}`);
  assert.deepEqual(envelope.MessageAttributes, {
    store: { Type: 'String', Value: 'seoul' },
    total: { Type: 'Number', Value: '120.5' },
    blob: { Type: 'Binary', Value: Buffer.from([0, 1, 2, 255]).toString('base64') },
  });

  // The UnsubscribeURL is a plain unsigned GET too: it ends the subscription.
  const res = await fetch(envelope.UnsubscribeURL);
  const xml = await res.text();
  assert.equal(res.status, 200, xml);
  assert.match(xml, new RegExp(`^<\\?xml version="1.0"\\?>\\n<UnsubscribeResponse xmlns="${SNS_NS}"><ResponseMetadata><RequestId>[0-9a-f-]{36}</RequestId></ResponseMetadata></UnsubscribeResponse>`));
  assert.deepEqual((await s.sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn }))).Subscriptions, []);
});

test('raw delivery: the message is the body, its attributes SQS message attributes', async () => {
  const { topicArn, queue } = await topicWithQueue('raw', { RawMessageDelivery: 'true' });
  await s.sns.send(
    new PublishCommand({
      TopicArn: topicArn,
      Message: 'just the text',
      MessageAttributes: { store: { DataType: 'String', StringValue: 'busan' }, bin: { DataType: 'Binary', BinaryValue: Buffer.from('hi') } },
    }),
  );
  const [message] = await s.drain(queue.url, 1);
  assert.equal(message.Body, 'just the text');
  assert.deepEqual(message.MessageAttributes?.store, { DataType: 'String', StringValue: 'busan' });
  assert.equal(message.MessageAttributes?.bin.DataType, 'Binary');
  assert.equal(Buffer.from(message.MessageAttributes!.bin.BinaryValue!).toString(), 'hi');
});

test('filter policies deliver exactly the matching messages, in both scopes', async () => {
  const byAttributes = await topicWithQueue('filters', { FilterPolicy: JSON.stringify({ size: ['big'], total: [{ numeric: ['>=', 100] }] }), RawMessageDelivery: 'true' });
  const bodyQueue = await s.queue('filters-body-q');
  await s.sns.send(
    new SubscribeCommand({
      TopicArn: byAttributes.topicArn,
      Protocol: 'sqs',
      Endpoint: bodyQueue.arn,
      Attributes: { FilterPolicyScope: 'MessageBody', FilterPolicy: JSON.stringify({ order: { region: [{ prefix: 'ap-' }] } }), RawMessageDelivery: 'true' },
    }),
  );
  const attrs = (size: string, total: string) => ({ size: { DataType: 'String', StringValue: size }, total: { DataType: 'Number', StringValue: total } });
  const published: [string, ReturnType<typeof attrs> | undefined][] = [
    ['{"order":{"region":"ap-northeast-2"},"n":1}', attrs('big', '150')],
    ['{"order":{"region":"eu-west-1"},"n":2}', attrs('big', '99')],
    ['{"order":{"region":"ap-south-1"},"n":3}', attrs('small', '500')],
    ['{"order":{"region":"us-east-1"},"n":4}', attrs('big', '100')],
    ['not json at all', undefined],
  ];
  for (const [Message, MessageAttributes] of published) await s.sns.send(new PublishCommand({ TopicArn: byAttributes.topicArn, Message, MessageAttributes }));

  const n = (body: string | undefined) => JSON.parse(body!).n;
  assert.deepEqual((await s.drain(byAttributes.queue.url, 2)).map((m) => n(m.Body)).sort(), [1, 4]);
  assert.deepEqual((await s.drain(bodyQueue.url, 2)).map((m) => n(m.Body)).sort(), [1, 3]);
  await assertNothingMore(byAttributes.queue.url);
  await assertNothingMore(bodyQueue.url);
});

test('HTTP subscriber: SubscriptionConfirmation, unsigned GET of SubscribeURL, then Notifications', async () => {
  const hook = await startSubscriber();
  try {
    const { TopicArn } = await s.sns.send(new CreateTopicCommand({ Name: 'webhooks' }));
    const subscribed = await s.sns.send(new SubscribeCommand({ TopicArn, Protocol: 'http', Endpoint: hook.url }));
    assert.equal(subscribed.SubscriptionArn, 'pending confirmation');
    const pending = (await s.sns.send(new ListSubscriptionsByTopicCommand({ TopicArn }))).Subscriptions;
    assert.equal(pending?.[0].SubscriptionArn, 'PendingConfirmation');

    const confirmation = await eventually('SubscriptionConfirmation', () => hook.posts[0]);
    assert.equal(confirmation.headers['x-amz-sns-message-type'], 'SubscriptionConfirmation');
    assert.equal(confirmation.headers['x-amz-sns-topic-arn'], TopicArn);
    const body = confirmation.body;
    assert.equal(body.Type, 'SubscriptionConfirmation');
    assert.equal(body.TopicArn, TopicArn);
    assert.match(body.Token, /^[0-9a-f]+$/);
    assert.equal(body.SubscribeURL, `${s.endpoint}/?Action=ConfirmSubscription&TopicArn=${TopicArn}&Token=${body.Token}`);

    // What a subscriber does: fetch the link, no credentials, no signature.
    const res = await fetch(body.SubscribeURL);
    const xml = await res.text();
    assert.equal(res.status, 200, xml);
    assert.match(xml, new RegExp(`<ConfirmSubscriptionResponse xmlns="${SNS_NS}"><ConfirmSubscriptionResult><SubscriptionArn>${TopicArn}:[0-9a-f-]{36}</SubscriptionArn></ConfirmSubscriptionResult>`));
    const [subscriptionArn] = xmlValues(xml, 'SubscriptionArn');
    assert.equal((await s.sns.send(new ListSubscriptionsByTopicCommand({ TopicArn }))).Subscriptions?.[0].SubscriptionArn, subscriptionArn);

    const { MessageId } = await s.sns.send(new PublishCommand({ TopicArn, Message: 'to the hook', Subject: 'Hi' }));
    const notification = await eventually('Notification', () => hook.posts.find((p) => p.body.Type === 'Notification'));
    assert.equal(notification.headers['x-amz-sns-message-type'], 'Notification');
    assert.equal(notification.headers['x-amz-sns-message-id'], MessageId);
    assert.equal(notification.headers['x-amz-sns-subscription-arn'], subscriptionArn);
    assert.equal(notification.body.Message, 'to the hook');
    assert.equal(notification.body.Subject, 'Hi');
    assert.equal(notification.body.MessageId, MessageId);
  } finally {
    await hook.close();
  }
});

test('ConfirmSubscription through the SDK with the token the endpoint received', async () => {
  const hook = await startSubscriber();
  try {
    const { TopicArn } = await s.sns.send(new CreateTopicCommand({ Name: 'webhooks-sdk' }));
    await s.sns.send(new SubscribeCommand({ TopicArn, Protocol: 'http', Endpoint: hook.url }));
    const { body } = await eventually('SubscriptionConfirmation', () => hook.posts[0]);
    const { SubscriptionArn } = await s.sns.send(new ConfirmSubscriptionCommand({ TopicArn, Token: body.Token, AuthenticateOnUnsubscribe: 'true' }));
    assert.match(SubscriptionArn!, new RegExp(`^${TopicArn}:[0-9a-f-]{36}$`));
    // Confirming again answers the same ARN.
    assert.equal((await s.sns.send(new ConfirmSubscriptionCommand({ TopicArn, Token: body.Token }))).SubscriptionArn, SubscriptionArn);
    await s.sns.send(new PublishCommand({ TopicArn, Message: 'after sdk confirm' }));
    const note = await eventually('Notification', () => hook.posts.find((p) => p.body.Type === 'Notification'));
    assert.equal(note.body.Message, 'after sdk confirm');
  } finally {
    await hook.close();
  }
});
