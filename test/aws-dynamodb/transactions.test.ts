/**
 * TransactWriteItems and TransactGetItems through the SDK: all-or-nothing, cancellation reasons
 * in request order, ClientRequestToken idempotency, BatchWriteItem rejected whole on a bad entry.
 * Source: "Amazon DynamoDB Transactions: How it works" and the TransactWriteItems API Reference.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TransactWriteItemsCommand, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, GetCommand, PutCommand, ScanCommand, TransactGetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { startDynamoApp, type DynamoApp } from './helpers';

let s: DynamoApp;
before(async () => {
  s = await startDynamoApp();
  await s.doc.send(new PutCommand({ TableName: 'Users', Item: { id: 'alice', balance: 100 } }));
  await s.doc.send(new PutCommand({ TableName: 'Users', Item: { id: 'bob', balance: 5 } }));
});
after(async () => {
  await s?.close();
});

const balance = async (id: string) => (await s.doc.send(new GetCommand({ TableName: 'Users', Key: { id } }))).Item?.balance;

const transfer = (from: string, to: string, amount: number, token?: string) =>
  s.doc.send(
    new TransactWriteCommand({
      ClientRequestToken: token,
      TransactItems: [
        { Update: { TableName: 'Users', Key: { id: from }, UpdateExpression: 'SET balance = balance - :a', ConditionExpression: 'balance >= :a', ExpressionAttributeValues: { ':a': amount } } },
        { Update: { TableName: 'Users', Key: { id: to }, UpdateExpression: 'SET balance = balance + :a', ExpressionAttributeValues: { ':a': amount } } },
        { Put: { TableName: 'orders', Item: { customer: from, orderId: token ? token.length : Date.now(), kind: 'transfer' } } },
      ],
    }),
  );

test('a transfer commits every action', async () => {
  await transfer('alice', 'bob', 30);
  assert.equal(await balance('alice'), 70);
  assert.equal(await balance('bob'), 35);
});

test('a failed condition cancels all actions, with one reason per action in order', async () => {
  const ordersBefore = (await s.doc.send(new ScanCommand({ TableName: 'orders', Select: 'COUNT' }))).Count;
  await assert.rejects(transfer('bob', 'alice', 1000), (err: TransactionCanceledException) => {
    assert.equal(err.name, 'TransactionCanceledException');
    assert.equal(err.message, 'Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed, None, None]');
    assert.deepEqual(err.CancellationReasons, [{ Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' }, { Code: 'None' }, { Code: 'None' }]);
    return true;
  });
  assert.equal(await balance('bob'), 35);
  assert.equal(await balance('alice'), 70);
  assert.equal((await s.doc.send(new ScanCommand({ TableName: 'orders', Select: 'COUNT' }))).Count, ordersBefore);
});

test('every failed condition is named; ConditionCheck; ReturnValuesOnConditionCheckFailure gives the item', async () => {
  await assert.rejects(
    s.ddb.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { ConditionCheck: { TableName: 'Users', Key: { id: { S: 'alice' } }, ConditionExpression: 'balance > :n', ExpressionAttributeValues: { ':n': { N: '1000' } }, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } },
          { Put: { TableName: 'Users', Item: { id: { S: 'carol' } }, ConditionExpression: 'attribute_not_exists(id)' } },
          { Delete: { TableName: 'Users', Key: { id: { S: 'bob' } }, ConditionExpression: 'attribute_not_exists(id)' } },
        ],
      }),
    ),
    (err: TransactionCanceledException) => {
      assert.deepEqual(err.CancellationReasons?.map((r) => r.Code), ['ConditionalCheckFailed', 'None', 'ConditionalCheckFailed']);
      assert.deepEqual(err.CancellationReasons?.[0].Item, { id: { S: 'alice' }, balance: { N: '70' } });
      return true;
    },
  );
  assert.equal((await s.doc.send(new GetCommand({ TableName: 'Users', Key: { id: 'carol' } }))).Item, undefined);
});

test('two actions on one item are refused before anything runs', async () => {
  await assert.rejects(
    s.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: 'Users', Item: { id: 'dave' } } },
          { Delete: { TableName: 'Users', Key: { id: 'dave' } } },
        ],
      }),
    ),
    { name: 'ValidationException', message: 'Transaction request cannot include multiple operations on one item' },
  );
  assert.equal((await s.doc.send(new GetCommand({ TableName: 'Users', Key: { id: 'dave' } }))).Item, undefined);
});

test('a ClientRequestToken retry returns the first answer without applying again', async () => {
  await transfer('alice', 'bob', 10, 'token-1');
  await transfer('alice', 'bob', 10, 'token-1');
  assert.equal(await balance('alice'), 60);
  await assert.rejects(transfer('alice', 'bob', 11, 'token-1'), { name: 'IdempotentParameterMismatchException' });
});

test('TransactGetItems reads several tables; missing items are empty responses', async () => {
  const r = await s.doc.send(
    new TransactGetCommand({
      TransactItems: [{ Get: { TableName: 'Users', Key: { id: 'alice' }, ProjectionExpression: 'balance' } }, { Get: { TableName: 'Users', Key: { id: 'nobody' } } }],
    }),
  );
  assert.deepEqual(r.Responses, [{ Item: { balance: 60 } }, {}]);
});

test('BatchWriteItem with one bad entry writes nothing', async () => {
  await assert.rejects(
    s.doc.send(new BatchWriteCommand({ RequestItems: { Users: [{ PutRequest: { Item: { id: 'ok-1' } } }, { PutRequest: { Item: { id: 42 } } }] } })),
    { name: 'ValidationException', message: 'One or more parameter values were invalid: Type mismatch for key id expected: S actual: N' },
  );
  assert.equal((await s.doc.send(new GetCommand({ TableName: 'Users', Key: { id: 'ok-1' } }))).Item, undefined);
});
