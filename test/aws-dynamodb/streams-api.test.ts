/**
 * The DynamoDB Streams API through the pip `aws` CLI v1 (`aws dynamodbstreams …`; the SDK v3
 * streams client is not installed): list-streams, describe-stream, get-shard-iterator and
 * get-records return the table's changes in order, the shapes of the Amazon DynamoDB Streams
 * API Reference; a bad iterator is a ValidationException, an unknown stream ResourceNotFound.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { rawRequest, startDynamoApp, type DynamoApp } from './helpers';

const run = promisify(execFile);
let s: DynamoApp;
before(async () => {
  s = await startDynamoApp();
});
after(async () => {
  await s?.close();
});

const streams = async (...args: string[]) => JSON.parse((await run('aws', ['dynamodbstreams', ...args, '--endpoint-url', s.endpoint, '--output', 'json'], { env: s.env, timeout: 60_000 })).stdout);

test('list, describe, iterate and read a table stream', async () => {
  await s.doc.send(new PutCommand({ TableName: 'orders', Item: { customer: 'api', orderId: 1 } }));
  await s.doc.send(new DeleteCommand({ TableName: 'orders', Key: { customer: 'api', orderId: 1 } }));
  const list = await streams('list-streams');
  assert.deepEqual(list.Streams, [{ StreamArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/orders/stream/1970-01-01T00:00:00.000', TableName: 'orders', StreamLabel: '1970-01-01T00:00:00.000' }]);
  const arn = list.Streams[0].StreamArn;
  const described = (await streams('describe-stream', '--stream-arn', arn)).StreamDescription;
  assert.equal(described.StreamStatus, 'ENABLED');
  assert.equal(described.StreamViewType, 'NEW_AND_OLD_IMAGES');
  assert.equal(described.Shards.length, 1);
  const { ShardIterator } = await streams('get-shard-iterator', '--stream-arn', arn, '--shard-id', described.Shards[0].ShardId, '--shard-iterator-type', 'TRIM_HORIZON');
  const page = await streams('get-records', '--shard-iterator', ShardIterator, '--limit', '1');
  assert.equal(page.Records.length, 1);
  assert.equal(page.Records[0].eventName, 'INSERT');
  assert.equal(page.Records[0].eventSourceARN, undefined);
  const rest = await streams('get-records', '--shard-iterator', page.NextShardIterator);
  assert.deepEqual(rest.Records.map((r: { eventName: string }) => r.eventName), ['REMOVE']);
  assert.ok(BigInt(rest.Records[0].dynamodb.SequenceNumber) > BigInt(page.Records[0].dynamodb.SequenceNumber));
  const after = await streams('get-shard-iterator', '--stream-arn', arn, '--shard-id', described.Shards[0].ShardId, '--shard-iterator-type', 'AFTER_SEQUENCE_NUMBER', '--sequence-number', page.Records[0].dynamodb.SequenceNumber);
  assert.deepEqual((await streams('get-records', '--shard-iterator', after.ShardIterator)).Records.map((r: { eventName: string }) => r.eventName), ['REMOVE']);
});

test('bad iterators and unknown streams get DynamoDB Streams errors', async () => {
  const target = (op: string, body: unknown) =>
    fetch(s.endpoint, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `DynamoDBStreams_20120810.${op}` }, body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, json: (await r.json()) as Record<string, unknown> }));
  const bad = await target('GetRecords', { ShardIterator: 'garbage' });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.__type, 'com.amazonaws.dynamodb.v20120810#ValidationException');
  const missing = await target('DescribeStream', { StreamArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/Users/stream/1970-01-01T00:00:00.000' });
  assert.equal(missing.json.__type, 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException');
  // DynamoDB's own target is unaffected.
  assert.equal((await rawRequest(s.endpoint, 'ListTables', '{}')).status, 200);
});
