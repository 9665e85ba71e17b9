/**
 * Two Stratus nodes on one PostgreSQL engine, each with its own edge port: template tables made
 * once, conditional writes, atomic counters and transactions stay correct when requests race
 * across the nodes (the per-key transaction locks of engine/postgres/tables), and what one node
 * writes the other reads, indexes included; a stream record reaches its function once, not once
 * per node (the consumer lease).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { startTestDatabase, type TestDatabase } from '../engine/fixtures/pg-cluster';
import { startDynamoApp, type DynamoApp } from './helpers';

let database: TestDatabase;
let a: DynamoApp;
let b: DynamoApp;
before(async () => {
  database = await startTestDatabase('dynamodb');
  [a, b] = await Promise.all([startDynamoApp({ engineUrl: database.url }), startDynamoApp({ engineUrl: database.url })]);
});
after(async () => {
  await a?.close();
  await b?.close();
  await database?.stop();
});

test('racing conditional puts of one new item from two nodes: exactly one succeeds', async () => {
  const attempts = Array.from({ length: 16 }, (_, i) =>
    (i % 2 ? a : b).doc
      .send(new PutCommand({ TableName: 'Users', Item: { id: 'race', winner: i }, ConditionExpression: 'attribute_not_exists(id)' }))
      .then(() => 'won', (err) => (err instanceof ConditionalCheckFailedException ? 'lost' : Promise.reject(err))),
  );
  const outcomes = await Promise.all(attempts);
  assert.equal(outcomes.filter((o) => o === 'won').length, 1);
  const item = (await b.doc.send(new GetCommand({ TableName: 'Users', Key: { id: 'race' }, ConsistentRead: true }))).Item!;
  assert.equal(outcomes[item.winner as number], 'won');
});

test('counters incremented from both nodes at once lose no update', async () => {
  await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      (i % 2 ? a : b).doc.send(new UpdateCommand({ TableName: 'Users', Key: { id: 'counter' }, UpdateExpression: 'ADD hits :one', ExpressionAttributeValues: { ':one': 1 } })),
    ),
  );
  assert.equal((await a.doc.send(new GetCommand({ TableName: 'Users', Key: { id: 'counter' } }))).Item?.hits, 20);
});

test('a cancelled transaction on one node leaves nothing for the other to see; a GSI written on one is queried on the other', async () => {
  await a.doc.send(new PutCommand({ TableName: 'Users', Item: { id: 'acct', balance: 10 } }));
  await assert.rejects(
    a.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: 'orders', Item: { customer: 'pg', orderId: 1, status: 'open', placedAt: '2026-01-01' } } },
          { Update: { TableName: 'Users', Key: { id: 'acct' }, UpdateExpression: 'SET balance = balance - :n', ConditionExpression: 'balance >= :n', ExpressionAttributeValues: { ':n': 50 } } },
        ],
      }),
    ),
    { name: 'TransactionCanceledException' },
  );
  assert.equal((await b.doc.send(new GetCommand({ TableName: 'orders', Key: { customer: 'pg', orderId: 1 } }))).Item, undefined);
  await a.doc.send(new PutCommand({ TableName: 'orders', Item: { customer: 'pg', orderId: 2, status: 'open', placedAt: '2026-01-02' } }));
  const open = await b.doc.send(new QueryCommand({ TableName: 'orders', IndexName: 'byStatus', KeyConditionExpression: '#s = :s', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': 'open' } }));
  assert.deepEqual(open.Items, [{ customer: 'pg', orderId: 2, status: 'open', placedAt: '2026-01-02' }]);
});

test('a stream record is delivered by one node only', async () => {
  const seen: string[] = [];
  const subscriptions = [a, b].map((node, i) =>
    node.app.logs.subscribe((e) => {
      if (e.group === '/aws/lambda/OrderStreamFunction' && e.message.includes('"once-only"')) seen.push(`node${i}`);
    }),
  );
  try {
    await b.doc.send(new PutCommand({ TableName: 'orders', Item: { customer: 'once-only', orderId: 1 } }));
    const deadline = Date.now() + 20_000;
    while (seen.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.equal(seen.length, 1);
    // Give the other node's poller several of its polls to (wrongly) deliver it too.
    await new Promise((r) => setTimeout(r, 2500));
    assert.equal(seen.length, 1);
  } finally {
    subscriptions.forEach((unsubscribe) => unsubscribe());
  }
});
