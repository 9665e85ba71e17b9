/** Subscribe, the HTTP confirmation handshake, ConfirmSubscription, attributes, listing, Unsubscribe. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PENDING_CONFIRMATION } from '../../src/services/topics/index';
import { eventually, httpSubscriber, newHarness, queueArn, rejectsWith, ACCOUNT, ENDPOINT } from './harness';

test('sqs and lambda subscriptions are confirmed at once; ARN is the topic ARN plus a UUID (Subscribe)', async () => {
  const { sns } = await newHarness();
  const { TopicArn } = await sns.createTopic({ Name: 'subs' });
  const sqs = await sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: queueArn('q') });
  assert.match(sqs.SubscriptionArn, new RegExp(`^${TopicArn}:[0-9a-f-]{36}$`));
  const again = await sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: queueArn('q') });
  assert.equal(again.SubscriptionArn, sqs.SubscriptionArn, 'same protocol and endpoint: the same subscription');
  await rejectsWith(sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: queueArn('q'), Attributes: { RawMessageDelivery: 'true' } }), 'InvalidParameter', /Subscription already exists with different attributes/);
  const fn = await sns.subscribe({ TopicArn, Protocol: 'lambda', Endpoint: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:worker` });
  const { Attributes: a } = await sns.getSubscriptionAttributes(fn);
  assert.deepEqual(
    { ...a },
    {
      ConfirmationWasAuthenticated: 'true',
      Endpoint: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:worker`,
      Owner: ACCOUNT,
      PendingConfirmation: 'false',
      Protocol: 'lambda',
      RawMessageDelivery: 'false',
      SubscriptionArn: fn.SubscriptionArn,
      TopicArn,
      SubscriptionPrincipal: `arn:aws:iam::${ACCOUNT}:root`,
    },
  );
});

test('protocols: application/sms/firehose are refused as unsupported by Stratus; endpoints must match the protocol', async () => {
  const { sns } = await newHarness();
  const { TopicArn } = await sns.createTopic({ Name: 'protocols' });
  for (const protocol of ['application', 'sms', 'firehose']) {
    await rejectsWith(sns.subscribe({ TopicArn, Protocol: protocol, Endpoint: 'x' }), 'InvalidParameter', /not supported by Stratus/);
  }
  await rejectsWith(sns.subscribe({ TopicArn, Protocol: 'carrier-pigeon', Endpoint: 'x' }), 'InvalidParameter', 'Invalid parameter: Amazon SNS does not support this protocol string: carrier-pigeon');
  await rejectsWith(sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: 'https://sqs/q' }), 'InvalidParameter', 'Invalid parameter: SQS endpoint ARN');
  await rejectsWith(sns.subscribe({ TopicArn, Protocol: 'http', Endpoint: 'https://x/' }), 'InvalidParameter', /Endpoint must match/);
  await rejectsWith(sns.subscribe({ TopicArn, Protocol: 'email', Endpoint: 'nobody' }), 'InvalidParameter', 'Invalid parameter: Email address');
  await rejectsWith(sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: queueArn('q.fifo') }), 'InvalidParameter', /FIFO SQS Queues can not be subscribed to standard SNS topics/);
  await rejectsWith(sns.subscribe({ TopicArn: `${TopicArn}x`, Protocol: 'sqs', Endpoint: queueArn('q') }), 'NotFound', 'Topic does not exist');
});

test('HTTP handshake: SubscriptionConfirmation POST, pending until ConfirmSubscription, no messages while pending (HTTP/HTTPS subscription confirmation JSON format)', async () => {
  const { sns } = await newHarness();
  const hook = await httpSubscriber();
  const { TopicArn } = await sns.createTopic({ Name: 'hooks' });
  const answer = await sns.subscribe({ TopicArn, Protocol: 'http', Endpoint: hook.url });
  assert.equal(answer.SubscriptionArn, PENDING_CONFIRMATION);
  await eventually(() => assert.equal(hook.requests.length, 1));
  const { headers, body } = hook.requests[0];
  assert.equal(headers['x-amz-sns-message-type'], 'SubscriptionConfirmation');
  assert.equal(headers['x-amz-sns-topic-arn'], TopicArn);
  assert.equal(headers['x-amz-sns-subscription-arn'], undefined);
  assert.equal(headers['content-type'], 'text/plain; charset=UTF-8');
  const doc = JSON.parse(body);
  assert.deepEqual(Object.keys(doc), ['Type', 'MessageId', 'Token', 'TopicArn', 'Message', 'SubscribeURL', 'Timestamp', 'SignatureVersion', 'Signature', 'SigningCertURL']);
  assert.equal(doc.Type, 'SubscriptionConfirmation');
  assert.equal(headers['x-amz-sns-message-id'], doc.MessageId);
  assert.equal(doc.TopicArn, TopicArn);
  assert.equal(doc.Message, `You have chosen to subscribe to the topic ${TopicArn}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`);
  assert.equal(doc.SubscribeURL, `${ENDPOINT}/?Action=ConfirmSubscription&TopicArn=${TopicArn}&Token=${doc.Token}`);
  assert.match(doc.Timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.equal(doc.SignatureVersion, '1');

  const listed = await sns.listSubscriptionsByTopic({ TopicArn });
  assert.equal(listed.Subscriptions[0].SubscriptionArn, 'PendingConfirmation');
  await sns.publish({ TopicArn, Message: 'while pending' });
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(hook.requests.length, 1, 'a pending subscription gets no messages');

  await rejectsWith(sns.confirmSubscription({ TopicArn, Token: 'wrong' }), 'InvalidParameter', 'Invalid parameter: Token');
  const confirmed = await sns.confirmSubscription({ TopicArn, Token: doc.Token });
  assert.match(confirmed.SubscriptionArn, new RegExp(`^${TopicArn}:`));
  const { Attributes } = await sns.getSubscriptionAttributes(confirmed);
  assert.deepEqual([Attributes.PendingConfirmation, Attributes.ConfirmationWasAuthenticated], ['false', 'false']);
  await sns.publish({ TopicArn, Message: 'after confirmation' });
  await eventually(() => assert.equal(hook.requests.length, 2));
  assert.equal(JSON.parse(hook.requests[1].body).Message, 'after confirmation');
  assert.equal(hook.requests[1].headers['x-amz-sns-subscription-arn'], confirmed.SubscriptionArn);
});

test('email: confirmation mail captured with the SubscribeURL; ReturnSubscriptionArn gives the ARN of a pending subscription', async () => {
  const { sns } = await newHarness();
  const { TopicArn } = await sns.createTopic({ Name: 'mail' });
  const { SubscriptionArn } = await sns.subscribe({ TopicArn, Protocol: 'email', Endpoint: 'ops@example.com', ReturnSubscriptionArn: true });
  assert.match(SubscriptionArn, new RegExp(`^${TopicArn}:`));
  const [mail] = sns.capturedEmails();
  assert.equal(mail.type, 'SubscriptionConfirmation');
  assert.equal(mail.to, 'ops@example.com');
  const token = /Token=([0-9a-f]+)/.exec(mail.body)![1];
  await sns.confirmSubscription({ TopicArn, Token: token, AuthenticateOnUnsubscribe: 'true' });
  assert.equal((await sns.getSubscriptionAttributes({ SubscriptionArn })).Attributes.ConfirmationWasAuthenticated, 'true');
  await sns.publish({ TopicArn, Message: 'Build failed', Subject: 'CI' });
  await eventually(() => assert.equal(sns.capturedEmails().length, 2));
  assert.deepEqual([sns.capturedEmails()[1].subject, sns.capturedEmails()[1].body], ['CI', 'Build failed']);
});

test('Set/GetSubscriptionAttributes validate names and values (SetSubscriptionAttributes)', async () => {
  const { sns } = await newHarness();
  const { TopicArn } = await sns.createTopic({ Name: 'sattrs' });
  const sub = await sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: queueArn('q') });
  const set = (AttributeName: string, AttributeValue: string) => sns.setSubscriptionAttributes({ ...sub, AttributeName, AttributeValue });
  await set('RawMessageDelivery', 'true');
  await set('FilterPolicy', '{"color":["red"]}');
  await set('RedrivePolicy', JSON.stringify({ deadLetterTargetArn: queueArn('dlq') }));
  const { Attributes: a } = await sns.getSubscriptionAttributes(sub);
  assert.deepEqual([a.RawMessageDelivery, a.FilterPolicy, a.FilterPolicyScope, JSON.parse(a.RedrivePolicy).deadLetterTargetArn], ['true', '{"color":["red"]}', 'MessageAttributes', queueArn('dlq')]);
  await rejectsWith(set('Nope', 'x'), 'InvalidParameter', 'Invalid parameter: AttributeName');
  await rejectsWith(set('RawMessageDelivery', 'yes'), 'InvalidParameter', /RawMessageDelivery/);
  await rejectsWith(set('FilterPolicyScope', 'Body'), 'InvalidParameter', /FilterPolicyScope: Invalid value \[Body\]/);
  await rejectsWith(set('FilterPolicy', '{"color": "red"}'), 'InvalidParameter', /^Invalid parameter: FilterPolicy: /);
  await rejectsWith(set('FilterPolicy', 'not json'), 'InvalidParameter', /^Invalid parameter: FilterPolicy: /);
  await rejectsWith(set('RedrivePolicy', '{"deadLetterTargetArn":"arn:aws:sns:us-east-1:000000000000:t"}'), 'InvalidParameter', /RedrivePolicy/);
  await rejectsWith(set('DeliveryPolicy', '{"healthyRetryPolicy":{"numRetries":3}}'), 'InvalidParameter', /DeliveryPolicy/);
  const fn = await sns.subscribe({ TopicArn, Protocol: 'lambda', Endpoint: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:f` });
  await rejectsWith(sns.setSubscriptionAttributes({ ...fn, AttributeName: 'RawMessageDelivery', AttributeValue: 'true' }), 'InvalidParameter', /does not support raw message delivery/);
  await set('FilterPolicy', '');
  assert.equal((await sns.getSubscriptionAttributes(sub)).Attributes.FilterPolicy, undefined);
});

test('ListSubscriptions, Unsubscribe, SubscriptionsDeleted; unknown subscription is NotFound', async () => {
  const { sns } = await newHarness();
  const { TopicArn } = await sns.createTopic({ Name: 'listing' });
  const a = await sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: queueArn('a') });
  await sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: queueArn('b') });
  const all = await sns.listSubscriptions();
  // SNS promises no order; two subscriptions made in the same millisecond may list either way.
  assert.deepEqual(all.Subscriptions.find((x) => x.SubscriptionArn === a.SubscriptionArn), { SubscriptionArn: a.SubscriptionArn, Owner: ACCOUNT, Protocol: 'sqs', Endpoint: queueArn('a'), TopicArn });
  await sns.unsubscribe(a);
  await rejectsWith(sns.unsubscribe(a), 'NotFound', 'Subscription does not exist', 404);
  assert.equal((await sns.listSubscriptionsByTopic({ TopicArn })).Subscriptions.length, 1);
  assert.equal((await sns.getTopicAttributes({ TopicArn })).Attributes.SubscriptionsDeleted, '1');
});
