/**
 * The XML of SNS answers, compared with the SNS API Reference's example responses: lists in
 * `<member>` elements (`Topics.member.N`, `Subscriptions.member.N`, `Successful.member.N`,
 * `Tags.member.N`), attribute maps as `<entry><key/><value/></entry>`, and operations without a
 * result answering only ResponseMetadata. Requests are raw, unsigned form POSTs.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { queryRequest, SNS_NS, startSnsApp, topicArn, type SnsApp } from './helpers';

let s: SnsApp;
before(async () => {
  s = await startSnsApp();
});
after(async () => {
  await s?.close();
});

const META = '<ResponseMetadata><RequestId>[0-9a-f-]{36}</RequestId></ResponseMetadata>';
const UUID = '[0-9a-f-]{36}';

async function ok(form: Record<string, string>): Promise<string> {
  const res = await queryRequest(s.endpoint, form);
  assert.equal(res.status, 200, res.body);
  assert.equal(res.headers.get('content-type'), 'text/xml');
  return res.body;
}

const wrapped = (action: string, result: string) => new RegExp(`^<\\?xml version="1.0"\\?>\\n<${action}Response xmlns="${SNS_NS}">${result}${META}</${action}Response>\\n$`);

test('CreateTopic, ListTopics and GetTopicAttributes', async () => {
  const arn = topicArn('xml-topic');
  assert.match(await ok({ Action: 'CreateTopic', Name: 'xml-topic', 'Tags.member.1.Key': 'team', 'Tags.member.1.Value': 'a' }), wrapped('CreateTopic', `<CreateTopicResult><TopicArn>${arn}</TopicArn></CreateTopicResult>`));
  const topics = `<member><TopicArn>${topicArn('orders')}</TopicArn></member><member><TopicArn>${arn}</TopicArn></member>`;
  assert.match(await ok({ Action: 'ListTopics' }), wrapped('ListTopics', `<ListTopicsResult><Topics>${topics}</Topics></ListTopicsResult>`));
  const attributes = await ok({ Action: 'GetTopicAttributes', TopicArn: arn });
  assert.match(attributes, wrapped('GetTopicAttributes', '<GetTopicAttributesResult><Attributes>(<entry><key>\\w+</key><value>[^<]*</value></entry>)+</Attributes></GetTopicAttributesResult>'));
  assert.match(attributes, new RegExp(`<entry><key>TopicArn</key><value>${arn}</value></entry>`));
  // The policy's JSON quotes are escaped as text.
  assert.match(attributes, /<entry><key>Policy<\/key><value>\{&quot;Version&quot;:&quot;2008-10-17&quot;/);
});

test('Subscribe, ListSubscriptionsByTopic, GetSubscriptionAttributes', async () => {
  const arn = topicArn('orders');
  const queue = await s.queue('xml-q');
  const subscribed = await ok({ Action: 'Subscribe', TopicArn: arn, Protocol: 'sqs', Endpoint: queue.arn, 'Attributes.entry.1.key': 'RawMessageDelivery', 'Attributes.entry.1.value': 'true' });
  assert.match(subscribed, wrapped('Subscribe', `<SubscribeResult><SubscriptionArn>${arn}:${UUID}</SubscriptionArn></SubscribeResult>`));
  const listed = await ok({ Action: 'ListSubscriptionsByTopic', TopicArn: arn });
  const member = `<member><SubscriptionArn>${arn}:${UUID}</SubscriptionArn><Owner>000000000000</Owner><Protocol>\\w+</Protocol><Endpoint>[^<]+</Endpoint><TopicArn>${arn}</TopicArn></member>`;
  assert.match(listed, wrapped('ListSubscriptionsByTopic', `<ListSubscriptionsByTopicResult><Subscriptions>(${member}){3}</Subscriptions></ListSubscriptionsByTopicResult>`));
  const subscriptionArn = /<SubscriptionArn>([^<]+)<\/SubscriptionArn>/.exec(subscribed)![1];
  const attributes = await ok({ Action: 'GetSubscriptionAttributes', SubscriptionArn: subscriptionArn });
  assert.match(attributes, /<GetSubscriptionAttributesResult><Attributes><entry><key>/);
  assert.match(attributes, /<entry><key>RawMessageDelivery<\/key><value>true<\/value><\/entry>/);
});

test('Publish and PublishBatch with Successful and Failed members', async () => {
  assert.match(await ok({ Action: 'Publish', TopicArn: topicArn('orders'), Message: 'xml' }), wrapped('Publish', `<PublishResult><MessageId>${UUID}</MessageId></PublishResult>`));
  const batch = await ok({
    Action: 'PublishBatch',
    TopicArn: topicArn('orders'),
    'PublishBatchRequestEntries.member.1.Id': 'good',
    'PublishBatchRequestEntries.member.1.Message': 'one',
    'PublishBatchRequestEntries.member.2.Id': 'bad',
    'PublishBatchRequestEntries.member.2.Message': '',
  });
  assert.match(
    batch,
    wrapped(
      'PublishBatch',
      `<PublishBatchResult><Successful><member><Id>good</Id><MessageId>${UUID}</MessageId></member></Successful>` +
        '<Failed><member><Id>bad</Id><Code>InvalidParameter</Code><Message>Invalid parameter: Empty message</Message><SenderFault>true</SenderFault></member></Failed></PublishBatchResult>',
    ),
  );
});

test('tags, and operations without a result', async () => {
  const arn = topicArn('xml-tags');
  await ok({ Action: 'CreateTopic', Name: 'xml-tags' });
  assert.match(await ok({ Action: 'TagResource', ResourceArn: arn, 'Tags.member.1.Key': 'k', 'Tags.member.1.Value': 'v' }), wrapped('TagResource', '<TagResourceResult></TagResourceResult>'));
  assert.match(await ok({ Action: 'ListTagsForResource', ResourceArn: arn }), wrapped('ListTagsForResource', '<ListTagsForResourceResult><Tags><member><Key>k</Key><Value>v</Value></member></Tags></ListTagsForResourceResult>'));
  assert.match(await ok({ Action: 'UntagResource', ResourceArn: arn, 'TagKeys.member.1': 'k' }), wrapped('UntagResource', '<UntagResourceResult></UntagResourceResult>'));
  assert.match(await ok({ Action: 'SetTopicAttributes', TopicArn: arn, AttributeName: 'DisplayName', AttributeValue: 'x' }), wrapped('SetTopicAttributes', ''));
  assert.match(await ok({ Action: 'DeleteTopic', TopicArn: arn }), wrapped('DeleteTopic', ''));
});
