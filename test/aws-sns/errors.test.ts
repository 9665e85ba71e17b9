/**
 * SNS's errors on the wire: the query code and HTTP status of each (SNS API Reference, each
 * action's "Errors", and "Common Errors"), as `<ErrorResponse>` XML in SNS's namespace and as the
 * SDK v3 exception classes its awsQueryError traits map them to.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BatchEntryIdsNotDistinctException,
  CreateTopicCommand,
  EmptyBatchRequestException,
  GetTopicAttributesCommand,
  InvalidBatchEntryIdException,
  InvalidParameterException,
  InvalidParameterValueException,
  NotFoundException,
  PublishBatchCommand,
  PublishCommand,
  ResourceNotFoundException,
  SubscribeCommand,
  ListTagsForResourceCommand,
  TooManyEntriesInBatchRequestException,
  BatchRequestTooLongException,
} from '@aws-sdk/client-sns';
import { queryRequest, SNS_NS, startSnsApp, topicArn, xmlValues, type SnsApp } from './helpers';

let s: SnsApp;
before(async () => {
  s = await startSnsApp();
  await s.sns.send(new CreateTopicCommand({ Name: 'errors' }));
});
after(async () => {
  await s?.close();
});

const MAX_MESSAGE_BYTES = 262_144;

/** Rejects with that SDK class, the given HTTP status and query code. */
async function rejectsWith(promise: Promise<unknown>, type: new (...args: never[]) => Error, status: number, message?: RegExp) {
  await assert.rejects(promise, (err: Error & { $metadata?: { httpStatusCode?: number } }) => {
    assert.ok(err instanceof type, `${err.name}: ${err.message}`);
    assert.equal(err.$metadata?.httpStatusCode, status);
    if (message) assert.match(err.message, message);
    return true;
  });
}

test('a missing topic is NotFound (404), in XML and through the SDK', async () => {
  const missing = topicArn('no-such-topic');
  await rejectsWith(s.sns.send(new GetTopicAttributesCommand({ TopicArn: missing })), NotFoundException, 404, /Topic does not exist/);
  await rejectsWith(s.sns.send(new PublishCommand({ TopicArn: missing, Message: 'x' })), NotFoundException, 404);
  await rejectsWith(s.sns.send(new ListTagsForResourceCommand({ ResourceArn: missing })), ResourceNotFoundException, 404);

  const raw = await queryRequest(s.endpoint, { Action: 'GetTopicAttributes', TopicArn: missing });
  assert.equal(raw.status, 404);
  assert.equal(raw.headers.get('content-type'), 'text/xml');
  assert.match(
    raw.body,
    new RegExp(`^<\\?xml version="1.0"\\?>\\n<ErrorResponse xmlns="${SNS_NS}"><Error><Type>Sender</Type><Code>NotFound</Code><Message>Topic does not exist</Message></Error><RequestId>[0-9a-f-]{36}</RequestId></ErrorResponse>`),
  );
  assert.equal(xmlValues(raw.body, 'RequestId')[0], raw.headers.get('x-amzn-requestid'));
});

test('bad attributes, a malformed ARN, an oversized message and a bad filter policy are InvalidParameter (400)', async () => {
  await rejectsWith(s.sns.send(new CreateTopicCommand({ Name: 'bad-attr', Attributes: { NoSuchAttribute: 'x' } })), InvalidParameterException, 400);
  await rejectsWith(s.sns.send(new CreateTopicCommand({ Name: 'bad name!' })), InvalidParameterException, 400);
  await rejectsWith(s.sns.send(new GetTopicAttributesCommand({ TopicArn: 'not-an-arn' })), InvalidParameterException, 400, /TopicArn/);
  await rejectsWith(
    s.sns.send(new PublishCommand({ TopicArn: topicArn('errors'), Message: 'x'.repeat(MAX_MESSAGE_BYTES + 1) })),
    InvalidParameterException,
    400,
    /Message too long/,
  );
  // Exactly at the limit is accepted.
  await s.sns.send(new PublishCommand({ TopicArn: topicArn('errors'), Message: 'x'.repeat(MAX_MESSAGE_BYTES) }));
  const queue = await s.queue('errors-q');
  await rejectsWith(
    s.sns.send(new SubscribeCommand({ TopicArn: topicArn('errors'), Protocol: 'sqs', Endpoint: queue.arn, Attributes: { FilterPolicy: '{"a": "not-a-list"' } })),
    InvalidParameterException,
    400,
    /FilterPolicy/,
  );
  await rejectsWith(
    s.sns.send(new SubscribeCommand({ TopicArn: topicArn('errors'), Protocol: 'sqs', Endpoint: queue.arn, Attributes: { FilterPolicy: '{"a": [{"numeric": [">", "x"]}]}' } })),
    InvalidParameterException,
    400,
  );
  await rejectsWith(s.sns.send(new SubscribeCommand({ TopicArn: topicArn('errors'), Protocol: 'carrier-pigeon', Endpoint: 'x' })), InvalidParameterException, 400);
});

test('bad message attributes are InvalidParameterValue (ParameterValueInvalid, 400)', async () => {
  await rejectsWith(
    s.sns.send(new PublishCommand({ TopicArn: topicArn('errors'), Message: 'x', MessageAttributes: { n: { DataType: 'Number', StringValue: 'abc' } } })),
    InvalidParameterValueException,
    400,
  );
  const raw = await queryRequest(s.endpoint, {
    Action: 'Publish',
    TopicArn: topicArn('errors'),
    Message: 'x',
    'MessageAttributes.entry.1.Name': 'AWS.reserved',
    'MessageAttributes.entry.1.Value.DataType': 'String',
    'MessageAttributes.entry.1.Value.StringValue': 'v',
  });
  assert.equal(raw.status, 400);
  assert.deepEqual(xmlValues(raw.body, 'Code'), ['ParameterValueInvalid']);
});

test('PublishBatch: whole-batch errors, and per-entry failures in Failed', async () => {
  const TopicArn = topicArn('errors');
  await rejectsWith(s.sns.send(new PublishBatchCommand({ TopicArn, PublishBatchRequestEntries: [] })), EmptyBatchRequestException, 400);
  const eleven = Array.from({ length: 11 }, (_, i) => ({ Id: `e${i}`, Message: 'm' }));
  await rejectsWith(s.sns.send(new PublishBatchCommand({ TopicArn, PublishBatchRequestEntries: eleven })), TooManyEntriesInBatchRequestException, 400);
  await rejectsWith(
    s.sns.send(new PublishBatchCommand({ TopicArn, PublishBatchRequestEntries: [{ Id: 'same', Message: 'a' }, { Id: 'same', Message: 'b' }] })),
    BatchEntryIdsNotDistinctException,
    400,
  );
  await rejectsWith(s.sns.send(new PublishBatchCommand({ TopicArn, PublishBatchRequestEntries: [{ Id: 'bad id!', Message: 'a' }] })), InvalidBatchEntryIdException, 400);
  const half = 'x'.repeat(MAX_MESSAGE_BYTES / 2 + 1);
  await rejectsWith(
    s.sns.send(new PublishBatchCommand({ TopicArn, PublishBatchRequestEntries: [{ Id: 'a', Message: half }, { Id: 'b', Message: half }] })),
    BatchRequestTooLongException,
    400,
  );

  const mixed = await s.sns.send(
    new PublishBatchCommand({
      TopicArn,
      PublishBatchRequestEntries: [
        { Id: 'ok', Message: 'fine' },
        { Id: 'subject', Message: 'x', Subject: '\nbad subject' },
        { Id: 'attr', Message: 'x', MessageAttributes: { n: { DataType: 'Number', StringValue: 'NaN-ish' } } },
        { Id: 'dedup', Message: 'x', MessageDeduplicationId: 'not on a standard topic' },
      ],
    }),
  );
  assert.deepEqual(mixed.Successful?.map((e) => e.Id), ['ok']);
  assert.deepEqual(
    mixed.Failed?.map((f) => [f.Id, f.Code, f.SenderFault]),
    [
      ['subject', 'InvalidParameter', true],
      ['attr', 'ParameterValueInvalid', true],
      ['dedup', 'InvalidParameter', true],
    ],
  );
});

test('missing parameters, unknown actions and structured values where a value belongs', async () => {
  const noMessage = await queryRequest(s.endpoint, { Action: 'Publish', TopicArn: topicArn('errors') });
  assert.equal(noMessage.status, 400);
  assert.deepEqual(xmlValues(noMessage.body, 'Code'), ['ValidationError']);
  assert.match(noMessage.body, /Value null at &apos;message&apos; failed to satisfy constraint/);

  const noName = await queryRequest(s.endpoint, { Action: 'CreateTopic' });
  assert.equal(noName.status, 400);
  assert.deepEqual(xmlValues(noName.body, 'Code'), ['ValidationError']);

  const structured = await queryRequest(s.endpoint, { Action: 'CreateTopic', 'Name.member.1': 'x' });
  assert.equal(structured.status, 400);
  assert.deepEqual(xmlValues(structured.body, 'Code'), ['InvalidParameter']);

  // Signed for SNS (credential scope), an unknown action answers in SNS's namespace.
  const unknown = await queryRequest(s.endpoint, { Action: 'AddPermissionz' }, {
    authorization: 'AWS4-HMAC-SHA256 Credential=AKIDSNSTEST/20260101/us-east-1/sns/aws4_request, SignedHeaders=host, Signature=00',
  });
  assert.equal(unknown.status, 400);
  assert.match(unknown.body, new RegExp(`<ErrorResponse xmlns="${SNS_NS}"><Error><Type>Sender</Type><Code>InvalidAction</Code>`));
});
