/**
 * The legacy conditional parameters through the tables service ("Legacy conditional
 * parameters", Amazon DynamoDB Developer Guide: Expected, AttributeUpdates, KeyConditions,
 * QueryFilter, ScanFilter, ConditionalOperator), and DynamoDB's refusal to mix them with
 * expressions.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openEngine } from '../../src/engine/index';
import type { Engine } from '../../src/engine/types';
import { AdjustableClock } from '../../src/shared/clock';
import { createTableService, type TableService } from '../../src/services/tables';

let engine: Engine;
let tables: TableService;
before(async () => {
  engine = await openEngine('sqlite::memory:');
  tables = createTableService({ store: engine.tables, clock: new AdjustableClock(), region: 'us-east-1', accountId: '000000000000', onError: () => {} });
  await tables.createTable({
    TableName: 'Thread',
    AttributeDefinitions: [{ AttributeName: 'ForumName', AttributeType: 'S' }, { AttributeName: 'Subject', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'ForumName', KeyType: 'HASH' }, { AttributeName: 'Subject', KeyType: 'RANGE' }],
    BillingMode: 'PAY_PER_REQUEST',
  });
  for (const [subject, replies] of [['DynamoDB Thread 1', 3], ['DynamoDB Thread 2', 0], ['S3 Thread', 7]] as const) {
    await tables.putItem({ TableName: 'Thread', Item: { ForumName: { S: 'Amazon DynamoDB' }, Subject: { S: subject }, Replies: { N: String(replies) } } });
  }
});
after(async () => {
  await tables.close();
  await engine.close();
});

const key = { ForumName: { S: 'Amazon DynamoDB' }, Subject: { S: 'DynamoDB Thread 1' } };

test('KeyConditions with BEGINS_WITH, QueryFilter, ScanFilter with ConditionalOperator OR', async () => {
  const q = (await tables.query({
    TableName: 'Thread',
    KeyConditions: { ForumName: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'Amazon DynamoDB' }] }, Subject: { ComparisonOperator: 'BEGINS_WITH', AttributeValueList: [{ S: 'DynamoDB' }] } },
    QueryFilter: { Replies: { ComparisonOperator: 'GT', AttributeValueList: [{ N: '0' }] } },
  })) as { Items: Record<string, { S?: string }>[]; ScannedCount: number };
  assert.deepEqual(q.Items.map((i) => i.Subject.S), ['DynamoDB Thread 1']);
  assert.equal(q.ScannedCount, 2);
  const s = (await tables.scan({
    TableName: 'Thread',
    ScanFilter: { Replies: { ComparisonOperator: 'EQ', AttributeValueList: [{ N: '0' }] }, Subject: { ComparisonOperator: 'CONTAINS', AttributeValueList: [{ S: 'S3' }] } },
    ConditionalOperator: 'OR',
  })) as { Count: number };
  assert.equal(s.Count, 2);
});

test('Expected guards writes; AttributeUpdates PUT, ADD and DELETE', async () => {
  await assert.rejects(tables.putItem({ TableName: 'Thread', Item: key, Expected: { ForumName: { Exists: false } } }), { code: 'ConditionalCheckFailedException' });
  const out = (await tables.updateItem({
    TableName: 'Thread',
    Key: key,
    Expected: { Replies: { Value: { N: '3' } } },
    AttributeUpdates: { Replies: { Action: 'ADD', Value: { N: '1' } }, Tags: { Action: 'PUT', Value: { SS: ['a', 'b'] } }, Gone: { Action: 'DELETE' } },
    ReturnValues: 'ALL_NEW',
  })) as { Attributes: Record<string, unknown> };
  assert.deepEqual(out.Attributes.Replies, { N: '4' });
  assert.deepEqual(out.Attributes.Tags, { SS: ['a', 'b'] });
  const shrunk = (await tables.updateItem({ TableName: 'Thread', Key: key, AttributeUpdates: { Tags: { Action: 'DELETE', Value: { SS: ['a'] } } }, ReturnValues: 'UPDATED_NEW' })) as { Attributes: unknown };
  assert.deepEqual(shrunk.Attributes, { Tags: { SS: ['b'] } });
  await assert.rejects(tables.deleteItem({ TableName: 'Thread', Key: key, Expected: { Replies: { ComparisonOperator: 'LT', AttributeValueList: [{ N: '2' }] } } }), { code: 'ConditionalCheckFailedException' });
});

test('mixing legacy and expression parameters is refused', async () => {
  await assert.rejects(tables.updateItem({ TableName: 'Thread', Key: key, UpdateExpression: 'SET a = :a', ExpressionAttributeValues: { ':a': { S: 'x' } }, Expected: { Replies: { Exists: true, Value: { N: '4' } } } }), {
    message: 'Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {Expected} Expression parameters: {UpdateExpression}',
  });
});
