/** Template topics and subscriptions (incl. SAM SNS events with SqsSubscription), reruns, and a restart. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { loadTemplate } from '../../src/template/index';
import type { AppModel } from '../../src/template/model';
import { TemplateError } from '../../src/shared/errors';
import { eventually, newHarness, queueArn, receiveAll, topicArn, ACCOUNT } from './harness';

const TEMPLATE = fileURLToPath(new URL('./fixtures/app/template.yaml', import.meta.url));

test('template: AWS::SNS::Topic with Subscription, AWS::SNS::Subscription, SNS events with and without SqsSubscription (SAM SNS event)', async () => {
  const h = await newHarness();
  const model = await loadTemplate(TEMPLATE, { region: 'us-east-1', accountId: ACCOUNT });
  await h.sqs.ensureTemplateQueues(model);
  const applied = await h.sns.ensureTemplateTopics(model);
  assert.deepEqual(applied.topics, [topicArn('out-of-stock')]);
  assert.equal(applied.subscriptions.length, 4);
  assert.deepEqual(h.sns.templateSqsSubscriptions(model), [{ functionName: 'Notifier', queueName: 'NotifierBufferedQueue', batchSize: 10, enabled: true }]);
  assert.equal((await h.sns.getTopicAttributes({ TopicArn: topicArn('out-of-stock') })).Attributes.DisplayName, 'Out of stock');

  await h.sns.ensureTemplateTopics(model);
  const subs = (await h.sns.listSubscriptionsByTopic({ TopicArn: topicArn('out-of-stock') })).Subscriptions;
  assert.deepEqual(subs.map((s) => [s.Protocol, s.Endpoint]).sort(), [
    ['lambda', `arn:aws:lambda:us-east-1:${ACCOUNT}:function:Notifier`],
    ['sqs', queueArn('AdsQueue')],
    ['sqs', queueArn('FactoryQueue')],
    ['sqs', queueArn('NotifierBufferedQueue')],
  ], 'rerunning does not duplicate subscriptions');

  const publish = (kind: string) => h.sns.publish({ TopicArn: topicArn('out-of-stock'), Message: `{"sku":"${kind}"}`, MessageAttributes: { kind: { DataType: 'String', StringValue: kind } } });
  await publish('ads');
  await publish('direct');
  assert.equal((await receiveAll(h.sqs, 'FactoryQueue', 2)).length, 2);
  assert.equal((await receiveAll(h.sqs, 'NotifierBufferedQueue', 2)).length, 2);
  const ads = await receiveAll(h.sqs, 'AdsQueue', 1);
  assert.deepEqual(ads.map((m) => m.Body), ['{"sku":"ads"}'], 'raw and filtered');
  await eventually(() => assert.equal(h.invocations.length, 1));
  assert.equal(JSON.parse(h.invocations[0].payload).Records[0].Sns.Message, '{"sku":"direct"}');
});

test('an invalid filter policy in the template is a TemplateError naming the resource and SNS reason', async () => {
  const h = await newHarness();
  const model = await loadTemplate(TEMPLATE, { region: 'us-east-1', accountId: ACCOUNT });
  const broken: AppModel = structuredClone(model);
  broken.resources.AdsSubscription.properties.FilterPolicy = { kind: 'ads' };
  await h.sqs.ensureTemplateQueues(broken);
  await assert.rejects(h.sns.ensureTemplateTopics(broken), (err: unknown) => {
    assert.ok(err instanceof TemplateError);
    assert.match(err.message, /AdsSubscription/);
    assert.match(err.message, /Invalid parameter: FilterPolicy: /);
    return true;
  });
});

test('persistence: a new service on the same engine file keeps topics, subscriptions and pending deliveries', async () => {
  const first = await newHarness();
  await first.sqs.createQueue({ QueueName: 'kept' });
  const { TopicArn } = await first.sns.createTopic({ Name: 'durable', Attributes: { DisplayName: 'D' } });
  const { SubscriptionArn } = await first.sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: queueArn('kept'), Attributes: { FilterPolicy: '{"a":["b"]}' } });
  const second = await first.restart();
  assert.equal((await second.sns.getTopicAttributes({ TopicArn })).Attributes.DisplayName, 'D');
  assert.equal((await second.sns.getSubscriptionAttributes({ SubscriptionArn })).Attributes.FilterPolicy, '{"a":["b"]}');
  await second.sns.publish({ TopicArn, Message: 'after restart', MessageAttributes: { a: { DataType: 'String', StringValue: 'b' } } });
  const [m] = await receiveAll(second.sqs, 'kept', 1);
  assert.equal(JSON.parse(m.Body).Message, 'after restart');
});
