/**
 * Every SNS operation through the real `@aws-sdk/client-sns` (query protocol), against
 * `startApp`, and the topics it makes being the app's own: the template topic is listed and its
 * function subscription runs. Shapes per the SNS API Reference.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateTopicCommand,
  DeleteTopicCommand,
  GetSubscriptionAttributesCommand,
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  ListSubscriptionsCommand,
  ListTagsForResourceCommand,
  ListTopicsCommand,
  NotFoundException,
  PublishBatchCommand,
  PublishCommand,
  SetSubscriptionAttributesCommand,
  SetTopicAttributesCommand,
  SubscribeCommand,
  TagResourceCommand,
  UnsubscribeCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-sns';
import { GetQueueUrlCommand } from '@aws-sdk/client-sqs';
import { ACCOUNT, queueArn, startSnsApp, topicArn, type SnsApp } from './helpers';

let s: SnsApp;
before(async () => {
  s = await startSnsApp();
});
after(async () => {
  await s?.close();
});

test('ListTopics lists the template topic; its subscriptions are listed by topic', async () => {
  const { Topics } = await s.sns.send(new ListTopicsCommand({}));
  assert.deepEqual(Topics, [{ TopicArn: topicArn('orders') }]);
  const { Subscriptions = [] } = await s.sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn('orders') }));
  const byProtocol = Object.fromEntries(Subscriptions.map((x) => [x.Protocol, x]));
  assert.equal(byProtocol.sqs.Endpoint, queueArn('order-copies'));
  assert.equal(byProtocol.lambda.Endpoint, `arn:aws:lambda:us-east-1:${ACCOUNT}:function:NotifyFunction`);
  for (const sub of Subscriptions) {
    assert.equal(sub.Owner, ACCOUNT);
    assert.equal(sub.TopicArn, topicArn('orders'));
    assert.match(sub.SubscriptionArn!, new RegExp(`^${topicArn('orders')}:[0-9a-f-]{36}$`));
  }
});

test('CreateTopic (idempotent), Get/SetTopicAttributes, tags, DeleteTopic', async () => {
  const created = await s.sns.send(new CreateTopicCommand({ Name: 'sdk-admin', Attributes: { DisplayName: 'Admin' }, Tags: [{ Key: 'team', Value: 'a' }] }));
  assert.equal(created.TopicArn, topicArn('sdk-admin'));
  // The same name and attributes answer the same ARN (CreateTopic is idempotent).
  assert.equal((await s.sns.send(new CreateTopicCommand({ Name: 'sdk-admin', Attributes: { DisplayName: 'Admin' } }))).TopicArn, created.TopicArn);

  await s.sns.send(new SetTopicAttributesCommand({ TopicArn: created.TopicArn, AttributeName: 'DisplayName', AttributeValue: 'Renamed' }));
  const { Attributes } = await s.sns.send(new GetTopicAttributesCommand({ TopicArn: created.TopicArn }));
  assert.equal(Attributes?.DisplayName, 'Renamed');
  assert.equal(Attributes?.TopicArn, created.TopicArn);
  assert.equal(Attributes?.Owner, ACCOUNT);
  assert.equal(Attributes?.SubscriptionsConfirmed, '0');
  assert.equal(JSON.parse(Attributes!.Policy).Statement[0].Resource, created.TopicArn);

  await s.sns.send(new TagResourceCommand({ ResourceArn: created.TopicArn, Tags: [{ Key: 'env', Value: 'dev' }, { Key: 'tier', Value: '1' }] }));
  await s.sns.send(new UntagResourceCommand({ ResourceArn: created.TopicArn, TagKeys: ['team', 'tier'] }));
  assert.deepEqual((await s.sns.send(new ListTagsForResourceCommand({ ResourceArn: created.TopicArn }))).Tags, [{ Key: 'env', Value: 'dev' }]);

  const fifo = await s.sns.send(new CreateTopicCommand({ Name: 'sdk-admin.fifo', Attributes: { FifoTopic: 'true', ContentBasedDeduplication: 'true' } }));
  assert.equal(fifo.TopicArn, topicArn('sdk-admin.fifo'));
  const listed = (await s.sns.send(new ListTopicsCommand({}))).Topics?.map((t) => t.TopicArn);
  assert.ok(listed?.includes(created.TopicArn) && listed.includes(fifo.TopicArn));

  await s.sns.send(new DeleteTopicCommand({ TopicArn: created.TopicArn }));
  await s.sns.send(new DeleteTopicCommand({ TopicArn: fifo.TopicArn }));
  // Deleting a topic that no longer exists is not an error (DeleteTopic API Reference).
  await s.sns.send(new DeleteTopicCommand({ TopicArn: created.TopicArn }));
  await assert.rejects(s.sns.send(new GetTopicAttributesCommand({ TopicArn: created.TopicArn })), NotFoundException);
});

test('Subscribe, Get/SetSubscriptionAttributes, ListSubscriptions, Unsubscribe', async () => {
  const { TopicArn } = await s.sns.send(new CreateTopicCommand({ Name: 'sdk-subs' }));
  const queue = await s.queue('sdk-subs-q');
  const { SubscriptionArn } = await s.sns.send(
    new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: queue.arn, Attributes: { RawMessageDelivery: 'true' }, ReturnSubscriptionArn: true }),
  );
  assert.match(SubscriptionArn!, new RegExp(`^${TopicArn}:[0-9a-f-]{36}$`));

  const { Attributes } = await s.sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn }));
  assert.equal(Attributes?.RawMessageDelivery, 'true');
  assert.equal(Attributes?.Protocol, 'sqs');
  assert.equal(Attributes?.Endpoint, queue.arn);
  assert.equal(Attributes?.TopicArn, TopicArn);
  assert.equal(Attributes?.PendingConfirmation, 'false');

  await s.sns.send(new SetSubscriptionAttributesCommand({ SubscriptionArn, AttributeName: 'FilterPolicy', AttributeValue: '{"kind":["a"]}' }));
  const after = (await s.sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn }))).Attributes;
  assert.equal(after?.FilterPolicy, '{"kind":["a"]}');
  assert.equal(after?.FilterPolicyScope, 'MessageAttributes');

  const all = (await s.sns.send(new ListSubscriptionsCommand({}))).Subscriptions ?? [];
  assert.ok(all.some((x) => x.SubscriptionArn === SubscriptionArn && x.Endpoint === queue.arn));
  const byTopic = (await s.sns.send(new ListSubscriptionsByTopicCommand({ TopicArn }))).Subscriptions;
  assert.deepEqual(byTopic, [{ SubscriptionArn, Owner: ACCOUNT, Protocol: 'sqs', Endpoint: queue.arn, TopicArn }]);

  await s.sns.send(new UnsubscribeCommand({ SubscriptionArn }));
  assert.deepEqual((await s.sns.send(new ListSubscriptionsByTopicCommand({ TopicArn }))).Subscriptions, []);
  await assert.rejects(s.sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn })), NotFoundException);
});

test('ListTopics pages by 100 with NextToken', async () => {
  for (let i = 0; i < 105; i++) await s.sns.send(new CreateTopicCommand({ Name: `page-${String(i).padStart(3, '0')}` }));
  const first = await s.sns.send(new ListTopicsCommand({}));
  assert.equal(first.Topics?.length, 100);
  assert.ok(first.NextToken);
  const second = await s.sns.send(new ListTopicsCommand({ NextToken: first.NextToken }));
  assert.equal(second.NextToken, undefined);
  const names = [...first.Topics!, ...second.Topics!].map((t) => t.TopicArn);
  assert.equal(new Set(names).size, names.length);
  assert.ok(names.length >= 106);
  for (let i = 0; i < 105; i++) await s.sns.send(new DeleteTopicCommand({ TopicArn: topicArn(`page-${String(i).padStart(3, '0')}`) }));
});

test('Publish and PublishBatch reach the template queue and the function subscriber', async () => {
  const { MessageId } = await s.sns.send(new PublishCommand({ TopicArn: topicArn('orders'), Message: 'order 1', Subject: 'New order' }));
  assert.match(MessageId!, /^[0-9a-f-]{36}$/);
  const batch = await s.sns.send(
    new PublishBatchCommand({
      TopicArn: topicArn('orders'),
      PublishBatchRequestEntries: [
        { Id: 'a', Message: 'order 2' },
        { Id: 'b', Message: 'order 3', MessageAttributes: { kind: { DataType: 'String', StringValue: 'x' } } },
      ],
    }),
  );
  assert.deepEqual(batch.Successful?.map((e) => e.Id), ['a', 'b']);
  assert.deepEqual(batch.Failed, []);

  const copies = (await s.sqs.send(new GetQueueUrlCommand({ QueueName: 'order-copies' }))).QueueUrl!;
  const envelopes = (await s.drain(copies, 3)).map((m) => JSON.parse(m.Body!));
  assert.deepEqual(envelopes.map((e) => e.Message).sort(), ['order 1', 'order 2', 'order 3']);
  const first = envelopes.find((e) => e.Message === 'order 1');
  assert.equal(first.MessageId, MessageId);
  assert.equal(first.Subject, 'New order');
  const second = envelopes.find((e) => e.Message === 'order 2');
  assert.equal(second.MessageId, batch.Successful?.[0].MessageId);

  // The function subscriber relays each message to function-copies through the SDK.
  const relayed = (await s.sqs.send(new GetQueueUrlCommand({ QueueName: 'function-copies' }))).QueueUrl!;
  const bodies = (await s.drain(relayed, 3, 20_000)).map((m) => m.Body).sort();
  assert.deepEqual(bodies, ['order 1', 'order 2', 'order 3']);
});
