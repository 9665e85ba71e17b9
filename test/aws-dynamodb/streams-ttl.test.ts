/**
 * DynamoDB Streams to a function's `DynamoDB` event, TTL expiry on the moved clock, and tables
 * kept across a restart. Record shape: "DynamoDB Streams and AWS Lambda triggers" and the
 * StreamRecord type of the DynamoDB Streams API Reference; TTL deletions carry
 * userIdentity {type: Service, principalId: dynamodb.amazonaws.com} ("Using DynamoDB Streams and
 * Time to Live").
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { FIXTURE, startDynamoApp, type DynamoApp } from './helpers';

let s: DynamoApp;
const lines: string[] = [];
const removals: string[] = [];
let unsubscribe: () => void = () => {};

function subscribe(app: DynamoApp) {
  unsubscribe = app.app.logs.subscribe((e) => {
    if (e.group === '/aws/lambda/OrderStreamFunction') lines.push(e.message);
    if (e.group === '/aws/lambda/RemovalsFunction') removals.push(e.message);
  });
}

before(async () => {
  s = await startDynamoApp();
  subscribe(s);
});
after(async () => {
  unsubscribe();
  await s?.close();
});

async function records(count: number, timeoutMs = 15_000): Promise<Record<string, any>[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = lines.filter((l) => l.includes('RECORD ')).map((l) => JSON.parse(l.slice(l.indexOf('RECORD ') + 7)));
    if (got.length >= count) return got;
    if (Date.now() > deadline) throw new Error(`expected ${count} records, got ${got.length}:\n${lines.join('\n')}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

test('INSERT, MODIFY and REMOVE records reach the function in order, with NEW_AND_OLD_IMAGES', async () => {
  await s.doc.send(new PutCommand({ TableName: 'orders', Item: { customer: 'c1', orderId: 1, total: 5 } }));
  await s.doc.send(new UpdateCommand({ TableName: 'orders', Key: { customer: 'c1', orderId: 1 }, UpdateExpression: 'SET #t = :t', ExpressionAttributeNames: { '#t': 'total' }, ExpressionAttributeValues: { ':t': 7 } }));
  // A write that changes nothing makes no record.
  await s.doc.send(new PutCommand({ TableName: 'orders', Item: { customer: 'c1', orderId: 1, total: 7 } }));
  await s.doc.send(new DeleteCommand({ TableName: 'orders', Key: { customer: 'c1', orderId: 1 } }));
  const [insert, modify, remove] = await records(3);
  assert.equal(insert.eventName, 'INSERT');
  assert.equal(insert.eventVersion, '1.1');
  assert.equal(insert.eventSource, 'aws:dynamodb');
  assert.equal(insert.awsRegion, 'us-east-1');
  assert.equal(insert.eventSourceARN, 'arn:aws:dynamodb:us-east-1:000000000000:table/orders/stream/1970-01-01T00:00:00.000');
  assert.match(insert.eventID, /^[0-9a-f]{32}$/);
  assert.deepEqual(insert.dynamodb.Keys, { customer: { S: 'c1' }, orderId: { N: '1' } });
  assert.deepEqual(insert.dynamodb.NewImage, { customer: { S: 'c1' }, orderId: { N: '1' }, total: { N: '5' } });
  assert.equal(insert.dynamodb.OldImage, undefined);
  assert.equal(insert.dynamodb.StreamViewType, 'NEW_AND_OLD_IMAGES');
  assert.equal(typeof insert.dynamodb.ApproximateCreationDateTime, 'number');
  assert.ok(insert.dynamodb.SizeBytes > 0);
  assert.equal(modify.eventName, 'MODIFY');
  assert.deepEqual(modify.dynamodb.OldImage.total, { N: '5' });
  assert.deepEqual(modify.dynamodb.NewImage.total, { N: '7' });
  assert.equal(remove.eventName, 'REMOVE');
  assert.equal(remove.dynamodb.NewImage, undefined);
  assert.ok(BigInt(insert.dynamodb.SequenceNumber) < BigInt(modify.dynamodb.SequenceNumber));
  assert.ok(BigInt(modify.dynamodb.SequenceNumber) < BigInt(remove.dynamodb.SequenceNumber));
  // RemovalsFunction's FilterCriteria lets only REMOVE records of customers starting with "c" through.
  const deadline = Date.now() + 15_000;
  while (!removals.some((l) => l.includes('"REMOVE"'))) {
    assert.ok(Date.now() < deadline, `no removal delivered: ${removals.join('\n')}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  const delivered = removals.filter((l) => l.includes('RECORD ')).map((l) => JSON.parse(l.slice(l.indexOf('RECORD ') + 7)));
  assert.deepEqual(delivered.map((r) => [r.eventName, r.dynamodb.Keys.customer.S]), [['REMOVE', 'c1']]);
});

test('ReportBatchItemFailures: a failed record is delivered again, and those after it too', async () => {
  const before = (await records(0)).length;
  await s.doc.send(new PutCommand({ TableName: 'orders', Item: { customer: 'c2', orderId: 1, fail: true } }));
  const got = await records(before + 2);
  const again = got.slice(before);
  assert.equal(again[0].dynamodb.SequenceNumber, again[1].dynamodb.SequenceNumber);
});

test('TTL: an expired item is deleted once the clock passes its time, with a service REMOVE record', async () => {
  const at = Math.floor(s.clock.now() / 1000) + 3600;
  await s.doc.send(new PutCommand({ TableName: 'orders', Item: { customer: 'ttl', orderId: 1, expiresAt: at } }));
  await s.doc.send(new PutCommand({ TableName: 'orders', Item: { customer: 'ttl', orderId: 2, expiresAt: at + 7200 } }));
  const start = (await records(0)).length;
  await records(start); // settle
  assert.equal(await s.app.tables.sweepExpired(), 0);
  s.clock.advance(3601_000);
  assert.equal(await s.app.tables.sweepExpired(), 1);
  assert.equal((await s.doc.send(new GetCommand({ TableName: 'orders', Key: { customer: 'ttl', orderId: 1 } }))).Item, undefined);
  assert.ok((await s.doc.send(new GetCommand({ TableName: 'orders', Key: { customer: 'ttl', orderId: 2 } }))).Item);
  const all = await records(start + 1);
  const removal = all.find((r) => r.eventName === 'REMOVE' && r.dynamodb.Keys.customer.S === 'ttl');
  assert.deepEqual(removal?.userIdentity, { type: 'Service', principalId: 'dynamodb.amazonaws.com' });
});

test('stream records older than 24 hours are dropped by the sweep ("Change data capture for DynamoDB Streams")', async () => {
  const before = await s.app.tables.store.readStream('orders', 0, 100);
  assert.ok(before.length > 1);
  s.clock.advance(25 * 3600_000);
  // This sweep also expires the second TTL item: its REMOVE record is the only one young enough to stay.
  assert.equal(await s.app.tables.sweepExpired(), 1);
  const after = await s.app.tables.store.readStream('orders', 0, 100);
  assert.deepEqual(after.map((r) => JSON.parse(r.record).dynamodb.Keys), [{ customer: { S: 'ttl' }, orderId: { N: '2' } }]);
  // Let the function get that record before the next test counts deliveries.
  const deadline = Date.now() + 15_000;
  while (!(await records(0)).some((r) => r.eventName === 'REMOVE' && r.dynamodb.Keys.orderId.N === '2' && r.dynamodb.Keys.customer.S === 'ttl')) {
    assert.ok(Date.now() < deadline, 'the TTL REMOVE record was not delivered');
    await new Promise((r) => setTimeout(r, 25));
  }
});

test('tables, items and the stream checkpoint survive a restart', async () => {
  await s.doc.send(new PutCommand({ TableName: 'Users', Item: { id: 'persist', v: 1 } }));
  const seen = (await records(0)).length;
  const stateDir = s.stateDir;
  unsubscribe();
  await s.close(true);
  s = await startDynamoApp({ stateDir });
  subscribe(s);
  assert.deepEqual((await s.doc.send(new GetCommand({ TableName: 'Users', Key: { id: 'persist' } }))).Item, { id: 'persist', v: 1 });
  await s.doc.send(new PutCommand({ TableName: 'orders', Item: { customer: 'after-restart', orderId: 1 } }));
  const got = await records(seen + 1);
  // Only the new record: the checkpoint kept the old ones from being delivered again.
  assert.deepEqual(got.slice(seen).map((r) => r.dynamodb.Keys.customer.S), ['after-restart']);
});

test('an edited template updates the kept table as a stack update would: GSIs swapped (backfilled), TTL and stream off', async () => {
  await s.doc.send(new PutCommand({ TableName: 'orders', Item: { customer: 'edit', orderId: 1, total: 42, placedAt: '2026-05-01' } }));
  const stateDir = s.stateDir;
  unsubscribe();
  await s.close(true);
  s = await startDynamoApp({ stateDir, templatePath: join(dirname(FIXTURE), 'updated.yaml') });
  subscribe(s);
  const table = (await s.ddb.send(new DescribeTableCommand({ TableName: 'orders' }))).Table!;
  assert.deepEqual(table.GlobalSecondaryIndexes?.map((i) => i.IndexName), ['byTotal']);
  assert.equal(table.StreamSpecification, undefined);
  assert.equal((await s.ddb.send(new DescribeTimeToLiveCommand({ TableName: 'orders' }))).TimeToLiveDescription?.TimeToLiveStatus, 'DISABLED');
  const byTotal = await s.doc.send(new QueryCommand({ TableName: 'orders', IndexName: 'byTotal', KeyConditionExpression: '#t = :t', ExpressionAttributeNames: { '#t': 'total' }, ExpressionAttributeValues: { ':t': 42 } }));
  assert.deepEqual(byTotal.Items, [{ customer: 'edit', orderId: 1, total: 42, placedAt: '2026-05-01' }]);
});
