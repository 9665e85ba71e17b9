/**
 * Strict mode (SigV4 enforced): SNS operations need a valid signature, except the links SNS
 * hands subscribers — the SubscribeURL (ConfirmSubscription "requires an AWS signature only when
 * the AuthenticateOnUnsubscribe flag is set to true", ConfirmSubscription API Reference) and the
 * UnsubscribeURL — which a subscriber fetches as a plain GET.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { CreateTopicCommand, ListSubscriptionsByTopicCommand, PublishCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { eventually, queryRequest, REGION, startSnsApp, startSubscriber, topicArn, xmlValues, type SnsApp } from './helpers';

let s: SnsApp;
before(async () => {
  s = await startSnsApp({ strict: true });
  await s.sns.send(new CreateTopicCommand({ Name: 'strict' }));
});
after(async () => {
  await s?.close();
});

test('unsigned and wrongly signed requests are refused with the query API\'s codes', async () => {
  const unsigned = await queryRequest(s.endpoint, { Action: 'Publish', TopicArn: topicArn('strict'), Message: 'x' });
  assert.equal(unsigned.status, 403);
  assert.deepEqual(xmlValues(unsigned.body, 'Code'), ['MissingAuthenticationToken']);

  const wrong = new SNSClient({ endpoint: s.endpoint, region: REGION, credentials: { accessKeyId: 'AKIDSNSTEST', secretAccessKey: 'not-the-secret' }, maxAttempts: 1 });
  try {
    await assert.rejects(wrong.send(new PublishCommand({ TopicArn: topicArn('strict'), Message: 'x' })), (err: Error & { $metadata: { httpStatusCode?: number } }) => {
      assert.equal(err.name, 'SignatureDoesNotMatch');
      assert.equal(err.$metadata.httpStatusCode, 403);
      return true;
    });
  } finally {
    wrong.destroy();
  }
  // ConfirmSubscription asking for authenticated unsubscribes must itself be signed.
  const confirmAuthenticated = await fetch(`${s.endpoint}/?Action=ConfirmSubscription&TopicArn=${topicArn('strict')}&Token=00&AuthenticateOnUnsubscribe=true`);
  assert.equal(confirmAuthenticated.status, 403);
});

test('the SubscribeURL and UnsubscribeURL work as plain unsigned GETs', async () => {
  const hook = await startSubscriber();
  try {
    const TopicArn = topicArn('strict');
    await s.sns.send(new SubscribeCommand({ TopicArn, Protocol: 'http', Endpoint: hook.url }));
    const { body } = await eventually('SubscriptionConfirmation', () => hook.posts[0]);
    const confirmed = await fetch(body.SubscribeURL);
    assert.equal(confirmed.status, 200);
    const [subscriptionArn] = xmlValues(await confirmed.text(), 'SubscriptionArn');

    await s.sns.send(new PublishCommand({ TopicArn, Message: 'signed publish' }));
    const note = await eventually('Notification', () => hook.posts.find((p) => p.body.Type === 'Notification'));
    assert.equal(note.body.UnsubscribeURL, `${s.endpoint}/?Action=Unsubscribe&SubscriptionArn=${subscriptionArn}`);
    const unsubscribed = await fetch(note.body.UnsubscribeURL);
    assert.equal(unsubscribed.status, 200);
    assert.deepEqual((await s.sns.send(new ListSubscriptionsByTopicCommand({ TopicArn }))).Subscriptions, []);
  } finally {
    await hook.close();
  }
});
