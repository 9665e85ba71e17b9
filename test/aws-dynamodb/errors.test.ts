/**
 * Bad input gets DynamoDB's error and changes nothing stored. Shapes: the API Reference "Common
 * Errors" (`__type` is `com.amazonaws.dynamodb.v20120810#<Code>`, HTTP 400) and each action's
 * errors; messages as DynamoDB words them. After every case the stored items are compared with
 * a snapshot taken before.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { GetItemCommand, PutItemCommand, QueryCommand, ScanCommand, UpdateItemCommand, DescribeTableCommand, CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { rawRequest, startDynamoApp, type DynamoApp } from './helpers';

let s: DynamoApp;
before(async () => {
  s = await startDynamoApp();
  for (let i = 0; i < 5; i++) await s.ddb.send(new PutItemCommand({ TableName: 'orders', Item: { customer: { S: 'c' }, orderId: { N: String(i) }, total: { N: String(i * 10) } } }));
});
after(async () => {
  await s?.close();
});

const snapshot = async () => JSON.stringify((await s.ddb.send(new ScanCommand({ TableName: 'orders' }))).Items);

async function unchanged(fn: () => Promise<unknown>) {
  const before = await snapshot();
  await fn();
  assert.equal(await snapshot(), before);
}

test('malformed JSON, a non-object body and an unknown operation get JSON errors, not 5xx', async () => {
  await unchanged(async () => {
    const bad = await rawRequest(s.endpoint, 'PutItem', '{"TableName": "orders", "Item": ');
    assert.equal(bad.status, 400);
    assert.equal(bad.json?.__type, 'com.amazonaws.dynamodb.v20120810#SerializationException');
    const array = await rawRequest(s.endpoint, 'PutItem', '[1,2]');
    assert.equal(array.status, 400);
    const unknown = await rawRequest(s.endpoint, 'FlyToTheMoon', '{}');
    assert.equal(unknown.status, 400);
    assert.match(String(unknown.json?.__type), /UnknownOperationException$/);
    const wrongMember = await rawRequest(s.endpoint, 'PutItem', JSON.stringify({ TableName: 'orders', Item: { customer: { S: 5 }, orderId: { N: '9' } } }));
    assert.equal(wrongMember.status, 400);
    assert.equal(wrongMember.json?.__type, 'com.amazonaws.dynamodb.v20120810#SerializationException');
  });
});

test('unknown tables: ResourceNotFoundException "Requested resource not found"', async () => {
  const r = await rawRequest(s.endpoint, 'GetItem', JSON.stringify({ TableName: 'nope', Key: { id: { S: 'x' } } }));
  assert.deepEqual([r.status, r.json], [400, { __type: 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException', message: 'Requested resource not found' }]);
  await assert.rejects(s.ddb.send(new DescribeTableCommand({ TableName: 'nope' })), { name: 'ResourceNotFoundException' });
  await assert.rejects(s.ddb.send(new DescribeTableCommand({ TableName: 'x' })), {
    name: 'ValidationException',
    message: "1 validation error detected: Value 'x' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3",
  });
});

test('wrong key types and shapes', async () => {
  await unchanged(async () => {
    await assert.rejects(s.ddb.send(new PutItemCommand({ TableName: 'orders', Item: { customer: { S: 'c' }, orderId: { S: '1' } } })), {
      name: 'ValidationException',
      message: 'One or more parameter values were invalid: Type mismatch for key orderId expected: N actual: S',
    });
    await assert.rejects(s.ddb.send(new PutItemCommand({ TableName: 'orders', Item: { customer: { S: 'c' } } })), { message: 'One or more parameter values were invalid: Missing the key orderId in the item' });
    await assert.rejects(s.ddb.send(new GetItemCommand({ TableName: 'orders', Key: { customer: { S: 'c' } } })), { message: 'The provided key element does not match the schema' });
    await assert.rejects(s.ddb.send(new GetItemCommand({ TableName: 'orders', Key: { customer: { S: 'c' }, orderId: { S: '1' } } })), { message: 'The provided key element does not match the schema' });
    await assert.rejects(s.ddb.send(new PutItemCommand({ TableName: 'orders', Item: { customer: { S: '' }, orderId: { N: '1' } } })), {
      message: 'One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: customer',
    });
    await assert.rejects(s.ddb.send(new PutItemCommand({ TableName: 'orders', Item: { customer: { S: 'c' }, orderId: { N: '1' }, status: { N: '3' } } })), {
      message: 'One or more parameter values were invalid: Type mismatch for Index Key status Expected: S Actual: N IndexName: byStatus',
    });
    // A key-condition value of the wrong type.
    await assert.rejects(s.ddb.send(new QueryCommand({ TableName: 'orders', KeyConditionExpression: 'customer = :c', ExpressionAttributeValues: { ':c': { N: '1' } } })), {
      message: 'One or more parameter values were invalid: Condition parameter type does not match schema type',
    });
    await assert.rejects(s.ddb.send(new QueryCommand({ TableName: 'orders', KeyConditionExpression: 'qty = :c', ExpressionAttributeValues: { ':c': { N: '1' } } })), { message: 'Query condition missed key schema element: customer' });
  });
});

test('values DynamoDB refuses: bad numbers, 39 digits, empty and duplicate sets, NULL false', async () => {
  const put = (extra: Record<string, unknown>) => s.ddb.send(new PutItemCommand({ TableName: 'orders', Item: { customer: { S: 'c' }, orderId: { N: '0' }, ...extra } as never }));
  await unchanged(async () => {
    await assert.rejects(put({ x: { N: 'abc' } }), { message: 'The parameter cannot be converted to a numeric value: abc' });
    await assert.rejects(put({ x: { N: '1234567890123456789012345678901234567890' } }), { message: 'Attempting to store more than 38 significant digits in a Number' });
    await assert.rejects(put({ x: { N: '1E126' } }), { message: 'Number overflow. Attempting to store a number with magnitude larger than supported range' });
    await assert.rejects(put({ x: { SS: [] } }), { message: 'One or more parameter values were invalid: An string set  may not be empty' });
    await assert.rejects(put({ x: { SS: ['a', 'a'] } }), { message: 'One or more parameter values were invalid: Input collection [a, a] contains duplicates.' });
    await assert.rejects(put({ x: { NS: ['1', '1.0'] } }), /contains duplicates/);
    await assert.rejects(put({ x: { NULL: false } }), { message: 'One or more parameter values were invalid: Null attribute value types must have the value of true' });
    await assert.rejects(put({ x: {} }), { message: 'Supplied AttributeValue is empty, must contain exactly one of the supported datatypes' });
  });
});

test('items over 400 KB are refused, on put and on update', async () => {
  await unchanged(async () => {
    const big = 'x'.repeat(400 * 1024);
    await assert.rejects(s.ddb.send(new PutItemCommand({ TableName: 'orders', Item: { customer: { S: 'c' }, orderId: { N: '1' }, big: { S: big } } })), {
      name: 'ValidationException',
      message: 'Item size has exceeded the maximum allowed size',
    });
  });
  // An item of 300 KB that one more 300 KB attribute would take past the limit.
  const half = 'y'.repeat(300 * 1024);
  await s.ddb.send(new PutItemCommand({ TableName: 'orders', Item: { customer: { S: 'big' }, orderId: { N: '1' }, a: { S: half } } }));
  await assert.rejects(
    s.ddb.send(new UpdateItemCommand({ TableName: 'orders', Key: { customer: { S: 'big' }, orderId: { N: '1' } }, UpdateExpression: 'SET b = :b', ExpressionAttributeValues: { ':b': { S: half } } })),
    { message: 'Item size to update has exceeded the maximum allowed size' },
  );
  const kept = await s.ddb.send(new GetItemCommand({ TableName: 'orders', Key: { customer: { S: 'big' }, orderId: { N: '1' } } }));
  assert.equal(kept.Item?.b, undefined);
  assert.equal(kept.Item?.a.S?.length, half.length);
});

test('invalid expressions change nothing', async () => {
  await unchanged(async () => {
    const upd = (UpdateExpression: string, values: Record<string, unknown> = { ':v': { N: '1' } }) =>
      s.ddb.send(new UpdateItemCommand({ TableName: 'orders', Key: { customer: { S: 'c' }, orderId: { N: '1' } }, UpdateExpression, ExpressionAttributeValues: values as never }));
    await assert.rejects(upd('SET qty = = :v'), { message: 'Invalid UpdateExpression: Syntax error; token: "=", near: "= = :v"' });
    await assert.rejects(upd('SET qty = :v,'), { message: 'Invalid UpdateExpression: Syntax error; token: "<EOF>", near: ","' });
    await assert.rejects(upd('SET qty = :v SET x = :v'), { message: 'Invalid UpdateExpression: The "SET" section can only be used once in an update expression;' });
    await assert.rejects(upd('SET qty = :w'), { message: 'Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: :w' });
    await assert.rejects(
      s.ddb.send(new UpdateItemCommand({ TableName: 'orders', Key: { customer: { S: 'c' }, orderId: { N: '1' } }, UpdateExpression: 'SET qty = :v', ConditionExpression: 'qty >', ExpressionAttributeValues: { ':v': { N: '1' } } })),
      { message: 'Invalid ConditionExpression: Syntax error; token: "<EOF>", near: ">"' },
    );
  });
});

test('CreateTable validation', async () => {
  await assert.rejects(
    s.ddb.send(new CreateTableCommand({ TableName: 'badtable', AttributeDefinitions: [{ AttributeName: 'a', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'b', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' })),
    { message: 'One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [b], AttributeDefinitions: [a]' },
  );
  await assert.rejects(
    s.ddb.send(
      new CreateTableCommand({
        TableName: 'badtable',
        AttributeDefinitions: [{ AttributeName: 'a', AttributeType: 'S' }, { AttributeName: 'extra', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'a', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    ),
    { message: 'One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions' },
  );
  await assert.rejects(s.ddb.send(new CreateTableCommand({ TableName: 'badtable', AttributeDefinitions: [{ AttributeName: 'a', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'a', KeyType: 'HASH' }] })), {
    message: 'One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED',
  });
  await assert.rejects(s.ddb.send(new DescribeTableCommand({ TableName: 'badtable' })), { name: 'ResourceNotFoundException' });
});
