import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { EVENT_KINDS, generateEvent } from '../../src/cli/commands/generate-event';
import { isUserError } from '../../src/shared/errors';

const gen = (kind: string, options: Record<string, string> = {}) => JSON.parse(JSON.stringify(generateEvent(kind, options)));

describe('generate-event', () => {
  it('lists the kinds SAM names', () => {
    assert.deepEqual([...EVENT_KINDS].sort(), [
      'apigateway-aws-proxy', 'apigateway-http-api-proxy', 'cloudwatch-scheduled-event', 'eventbridge-event',
      's3-delete', 's3-put', 'sns-notification', 'sqs-receive-message',
    ]);
  });

  it('apigateway-aws-proxy: a REST proxy event with path parameters from --resource', () => {
    const e = gen('apigateway-aws-proxy', { method: 'GET', path: '/users/7', resource: '/users/{id}', body: 'hi', region: 'eu-west-1' });
    assert.equal(e.httpMethod, 'GET');
    assert.equal(e.resource, '/users/{id}');
    assert.equal(e.path, '/users/7');
    assert.deepEqual(e.pathParameters, { id: '7' });
    assert.equal(e.body, 'hi');
    assert.equal(e.isBase64Encoded, false);
    assert.equal(e.requestContext.stage, 'prod');
    assert.equal(e.requestContext.path, '/prod/users/7');
    assert.equal(e.requestContext.domainName, `${e.requestContext.apiId}.execute-api.eu-west-1.amazonaws.com`);
    assert.deepEqual(e.queryStringParameters, { foo: 'bar' });
    assert.ok(Array.isArray(e.multiValueHeaders.Host));
  });

  it('apigateway-http-api-proxy: a 2.0 event on $default by default', () => {
    const e = gen('apigateway-http-api-proxy', { path: '/my/path' });
    assert.equal(e.version, '2.0');
    assert.equal(e.routeKey, '$default');
    assert.equal(e.rawPath, '/my/path');
    assert.equal(e.requestContext.http.method, 'POST');
    assert.equal(e.body, '{"test":"body"}');
    assert.equal(e.headers['content-type'], 'application/json');
  });

  it('rejects a path that does not match the resource as a user error', () => {
    assert.throws(() => generateEvent('apigateway-aws-proxy', { path: '/a', resource: '/b' }), isUserError);
  });

  it('sqs-receive-message: one record with the MD5 of the body and the queue ARN', () => {
    const r = gen('sqs-receive-message', { queueName: 'Work', body: 'job', accountId: '111122223333' }).Records[0];
    assert.equal(r.body, 'job');
    assert.equal(r.md5OfBody, createHash('md5').update('job').digest('hex'));
    assert.equal(r.eventSource, 'aws:sqs');
    assert.equal(r.eventSourceARN, 'arn:aws:sqs:us-east-1:111122223333:Work');
    assert.equal(r.attributes.ApproximateReceiveCount, '1');
    assert.equal(r.awsRegion, 'us-east-1');
  });

  it('sns-notification: a Notification on the topic', () => {
    const r = gen('sns-notification', { topic: 'Orders', message: 'm' }).Records[0];
    assert.equal(r.EventSource, 'aws:sns');
    assert.equal(r.Sns.Type, 'Notification');
    assert.equal(r.Sns.TopicArn, 'arn:aws:sns:us-east-1:123456789012:Orders');
    assert.equal(r.Sns.Message, 'm');
    assert.ok(r.EventSubscriptionArn.startsWith(r.Sns.TopicArn + ':'));
  });

  it('s3-put and s3-delete: bucket, URL-encoded key, event names', () => {
    const put = gen('s3-put', { bucket: 'b', key: 'dir/a file.txt' }).Records[0];
    assert.equal(put.eventName, 'ObjectCreated:Put');
    assert.equal(put.s3.bucket.name, 'b');
    assert.equal(put.s3.bucket.arn, 'arn:aws:s3:::b');
    assert.equal(put.s3.object.key, 'dir/a+file.txt');
    assert.equal(put.s3.object.size, 1024);
    const del = gen('s3-delete', {}).Records[0];
    assert.equal(del.eventName, 'ObjectRemoved:Delete');
    assert.equal('size' in del.s3.object, false);
  });

  it('cloudwatch-scheduled-event and eventbridge-event: the EventBridge envelope', () => {
    const s = gen('cloudwatch-scheduled-event', { rule: 'Nightly' });
    assert.equal(s['detail-type'], 'Scheduled Event');
    assert.equal(s.source, 'aws.events');
    assert.deepEqual(s.resources, ['arn:aws:events:us-east-1:123456789012:rule/Nightly']);
    assert.match(s.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const b = gen('eventbridge-event', { source: 'shop', detailType: 'OrderPlaced', detail: '{"id":1}' });
    assert.equal(b.source, 'shop');
    assert.equal(b['detail-type'], 'OrderPlaced');
    assert.deepEqual(b.detail, { id: 1 });
    assert.equal(b.version, '0');
  });

  it('rejects unknown kinds as a user error', () => {
    assert.throws(() => generateEvent('nope', {}), isUserError);
  });
});
