/** Topic management: CreateTopic (standard and FIFO), attributes, ListTopics, DeleteTopic, tags. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newHarness, rejectsWith, topicArn, ACCOUNT } from './harness';

test('CreateTopic: ARN form, idempotent with the same attributes, InvalidParameter when they differ (CreateTopic API Reference)', async () => {
  const { sns } = await newHarness();
  const first = await sns.createTopic({ Name: 'orders', Attributes: { DisplayName: 'Orders' } });
  assert.deepEqual(first, { TopicArn: topicArn('orders') });
  assert.deepEqual(await sns.createTopic({ Name: 'orders', Attributes: { DisplayName: 'Orders' } }), first);
  assert.deepEqual(await sns.createTopic({ Name: 'orders' }), first);
  await rejectsWith(sns.createTopic({ Name: 'orders', Attributes: { DisplayName: 'Other' } }), 'InvalidParameter', 'Invalid parameter: Attributes Reason: Topic already exists with different attributes', 400);
});

test('topic names: 1–256 of alphanumerics, - and _; FIFO names end in .fifo (CreateTopic, Name)', async () => {
  const { sns } = await newHarness();
  await sns.createTopic({ Name: 'a'.repeat(256) });
  await rejectsWith(sns.createTopic({ Name: 'a'.repeat(257) }), 'InvalidParameter', 'Invalid parameter: Topic Name');
  await rejectsWith(sns.createTopic({ Name: 'bad name' }), 'InvalidParameter', 'Invalid parameter: Topic Name');
  await rejectsWith(sns.createTopic({ Name: '' }), 'InvalidParameter', 'Invalid parameter: Topic Name');
  await rejectsWith(sns.createTopic({ Name: 'plain.fifo' }), 'InvalidParameter', 'Invalid parameter: Topic Name');
  await rejectsWith(sns.createTopic({ Name: 'nofifo', Attributes: { FifoTopic: 'true' } }), 'InvalidParameter', /Fifo Topic names must end with \.fifo/);
  const fifo = await sns.createTopic({ Name: 'jobs.fifo', Attributes: { FifoTopic: 'true', ContentBasedDeduplication: 'true' } });
  assert.equal(fifo.TopicArn, topicArn('jobs.fifo'));
  await rejectsWith(sns.createTopic({ Name: 'std', Attributes: { ContentBasedDeduplication: 'true' } }), 'InvalidParameter', /ContentBasedDeduplication/);
});

test('GetTopicAttributes: owner, ARN, default policy, subscription counts, effective delivery policy (GetTopicAttributes)', async () => {
  const { sns } = await newHarness();
  const { TopicArn } = await sns.createTopic({ Name: 'attrs' });
  await sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: `arn:aws:sqs:us-east-1:${ACCOUNT}:q` });
  await sns.subscribe({ TopicArn, Protocol: 'email', Endpoint: 'dev@example.com' });
  const { Attributes: a } = await sns.getTopicAttributes({ TopicArn });
  assert.equal(a.TopicArn, TopicArn);
  assert.equal(a.Owner, ACCOUNT);
  assert.equal(a.DisplayName, '');
  assert.equal(a.SubscriptionsConfirmed, '1');
  assert.equal(a.SubscriptionsPending, '1');
  assert.equal(a.SubscriptionsDeleted, '0');
  assert.equal(JSON.parse(a.Policy).Statement[0].Resource, TopicArn);
  assert.deepEqual(JSON.parse(a.EffectiveDeliveryPolicy).http.defaultHealthyRetryPolicy, {
    minDelayTarget: 20, maxDelayTarget: 20, numRetries: 3, numMaxDelayRetries: 0, numNoDelayRetries: 0, numMinDelayRetries: 0, backoffFunction: 'linear',
  });
  assert.equal(a.FifoTopic, undefined);
  const fifo = await sns.createTopic({ Name: 'f.fifo', Attributes: { FifoTopic: 'true' } });
  const { Attributes: f } = await sns.getTopicAttributes(fifo);
  assert.deepEqual([f.FifoTopic, f.ContentBasedDeduplication], ['true', 'false']);
});

test('SetTopicAttributes validates names and values; FifoTopic cannot change (SetTopicAttributes)', async () => {
  const { sns } = await newHarness();
  const { TopicArn } = await sns.createTopic({ Name: 'set' });
  await sns.setTopicAttributes({ TopicArn, AttributeName: 'DisplayName', AttributeValue: 'Shown' });
  assert.equal((await sns.getTopicAttributes({ TopicArn })).Attributes.DisplayName, 'Shown');
  await rejectsWith(sns.setTopicAttributes({ TopicArn, AttributeName: 'Bogus', AttributeValue: 'x' }), 'InvalidParameter', 'Invalid parameter: AttributeName');
  await rejectsWith(sns.setTopicAttributes({ TopicArn, AttributeName: 'FifoTopic', AttributeValue: 'true' }), 'InvalidParameter');
  await rejectsWith(sns.setTopicAttributes({ TopicArn, AttributeName: 'DeliveryPolicy', AttributeValue: '{"http":{"defaultHealthyRetryPolicy":{"minDelayTarget":0}}}' }), 'InvalidParameter', /DeliveryPolicy/);
  await rejectsWith(sns.setTopicAttributes({ TopicArn: topicArn('nope'), AttributeName: 'DisplayName', AttributeValue: 'x' }), 'NotFound', 'Topic does not exist', 404);
  await rejectsWith(sns.getTopicAttributes({ TopicArn: 'not-an-arn' }), 'InvalidParameter', 'Invalid parameter: TopicArn');
});

test('ListTopics pages by 100 with NextToken; DeleteTopic removes the topic and its subscriptions, and is idempotent', async () => {
  const { sns } = await newHarness();
  for (let i = 0; i < 105; i++) await sns.createTopic({ Name: `t${String(i).padStart(3, '0')}` });
  const first = await sns.listTopics();
  assert.equal(first.Topics.length, 100);
  assert.ok(first.NextToken);
  const second = await sns.listTopics({ NextToken: first.NextToken });
  assert.deepEqual(second.Topics.map((t) => t.TopicArn), [100, 101, 102, 103, 104].map((i) => topicArn(`t${i}`)));
  assert.equal(second.NextToken, undefined);
  const { SubscriptionArn } = await sns.subscribe({ TopicArn: topicArn('t000'), Protocol: 'sqs', Endpoint: `arn:aws:sqs:us-east-1:${ACCOUNT}:q` });
  await sns.deleteTopic({ TopicArn: topicArn('t000') });
  await sns.deleteTopic({ TopicArn: topicArn('t000') });
  await rejectsWith(sns.getSubscriptionAttributes({ SubscriptionArn }), 'NotFound');
  assert.equal((await sns.listTopics()).Topics[0].TopicArn, topicArn('t001'));
});

test('tags: TagResource, UntagResource, ListTagsForResource; 50 at most; unknown topic is ResourceNotFound (SNS tags)', async () => {
  const { sns } = await newHarness();
  const { TopicArn } = await sns.createTopic({ Name: 'tagged', Tags: [{ Key: 'team', Value: 'a' }] });
  await sns.tagResource({ ResourceArn: TopicArn, Tags: [{ Key: 'env', Value: 'dev' }] });
  assert.deepEqual((await sns.listTagsForResource({ ResourceArn: TopicArn })).Tags, [{ Key: 'team', Value: 'a' }, { Key: 'env', Value: 'dev' }]);
  await sns.untagResource({ ResourceArn: TopicArn, TagKeys: ['team'] });
  assert.deepEqual((await sns.listTagsForResource({ ResourceArn: TopicArn })).Tags, [{ Key: 'env', Value: 'dev' }]);
  const many = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
  await rejectsWith(sns.tagResource({ ResourceArn: TopicArn, Tags: many }), 'TagLimitExceeded');
  await rejectsWith(sns.listTagsForResource({ ResourceArn: topicArn('none') }), 'ResourceNotFound', undefined, 404);
  await rejectsWith(sns.createTopic({ Name: 'tagged', Tags: [{ Key: 'team', Value: 'b' }] }), 'InvalidParameter', /different tags/);
});
