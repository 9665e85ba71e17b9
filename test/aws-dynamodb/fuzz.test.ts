/**
 * Malformed DynamoDB requests from a seeded generator — random and truncated bodies, members of
 * the wrong type, random AttributeValues, random expressions built from expression tokens — each
 * answered with a well-formed DynamoDB JSON error (4xx, `__type` in DynamoDB's namespace; never a
 * 5xx), the process still up, and nothing stored changed by any refused request (the few the
 * generator makes valid succeed, and become the new baseline).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BatchWriteItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { rawRequest, startDynamoApp, type DynamoApp } from './helpers';
import { seededFuzzer } from '../support/fuzz';

let s: DynamoApp;
let stored: string;
before(async () => {
  s = await startDynamoApp();
  const puts = Array.from({ length: 20 }, (_, i) => ({ PutRequest: { Item: { customer: { S: `kept-${i % 4}` }, orderId: { N: String(i) }, note: { S: `stored ${i} ✓` } } } }));
  await s.ddb.send(new BatchWriteItemCommand({ RequestItems: { orders: puts } }));
  stored = await snapshot();
});
after(async () => {
  await s?.close();
});

const snapshot = async () => JSON.stringify((await s.ddb.send(new ScanCommand({ TableName: 'orders', ConsistentRead: true }))).Items?.sort((a, b) => Number(a.orderId.N) - Number(b.orderId.N)));

const { int, pick } = seededFuzzer(7007);

const TOKENS = ['SET', 'REMOVE', 'ADD', 'DELETE', 'AND', 'OR', 'NOT', 'BETWEEN', 'IN', '=', '<>', '<', '<=', '>', '>=', '(', ')', ',', '.', '[', ']', '0', '12', '+', '-', ':v', ':w', '#n', '#', ':', 'note', 'customer', 'orderId', 'size', 'attribute_exists', 'begins_with', 'contains', 'if_not_exists', 'list_append', 'status', '"', "'", '\u0000', '💥'];
const expression = () => Array.from({ length: 1 + int(8) }, () => pick(TOKENS)).join(pick([' ', '', '  ']));
const junkValue = (depth = 0): unknown =>
  pick<() => unknown>([
    () => ({ S: pick(['', 'x', 5, null, ['a']]) }),
    () => ({ N: pick(['1', 'abc', '1e999', '', '0x10', '1'.repeat(40), 7]) }),
    () => ({ B: pick(['!!!', 'AAAA', 12]) }),
    () => ({ SS: pick([[], ['a', 'a'], [1], 'a']) }),
    () => ({ NS: pick([[], ['1', '1.0'], ['x']]) }),
    () => ({ NULL: pick([true, false, 'yes']) }),
    () => ({ BOOL: pick([true, 'false', 0]) }),
    () => ({ L: depth > 3 ? 'deep' : [junkValue(depth + 1)] }),
    () => ({ M: depth > 3 ? [] : { k: junkValue(depth + 1) } }),
    () => ({}),
    () => ({ S: 'a', N: '1' }),
    () => pick([null, 'str', 42, []]),
  ])();

// Every target aims at the stored items (customer kept-0…3, orderIds 0…19), so success would show up in the snapshot.
const key = () => ({ customer: pick([{ S: `kept-${int(4)}` }, junkValue()]), orderId: pick([{ N: String(int(20)) }, junkValue()]) });
const OPS: Record<string, () => unknown> = {
  PutItem: () => ({ TableName: 'orders', Item: { ...key(), note: junkValue() }, ConditionExpression: pick([undefined, expression()]) }),
  UpdateItem: () => ({ TableName: 'orders', Key: key(), UpdateExpression: expression(), ExpressionAttributeValues: pick([undefined, { ':v': junkValue() }, {}]), ExpressionAttributeNames: pick([undefined, { '#n': 'note' }, { n: 'x' }]) }),
  DeleteItem: () => ({ TableName: 'orders', Key: key(), ConditionExpression: expression(), ExpressionAttributeValues: { ':v': junkValue() } }),
  Query: () => ({ TableName: pick(['orders', 'nope', 5]), KeyConditionExpression: expression(), FilterExpression: pick([undefined, expression()]), ExpressionAttributeValues: { ':v': junkValue() }, Limit: pick([undefined, 0, -1, 'x']) }),
  Scan: () => ({ TableName: 'orders', FilterExpression: expression(), Segment: pick([undefined, -1, 5, 'x']), TotalSegments: pick([undefined, 0, 2]), ExpressionAttributeValues: { ':v': junkValue() } }),
  BatchWriteItem: () => ({ RequestItems: pick([{}, { orders: [{ PutRequest: { Item: { ...key(), x: junkValue() } } }, { DeleteRequest: { Key: 5 } }] }, { orders: 'x' }, null]) }),
  TransactWriteItems: () => ({ TransactItems: pick([[], [{ Put: { TableName: 'orders', Item: key() }, Delete: {} }], [{ Update: { TableName: 'orders', Key: key(), UpdateExpression: expression() } }], 'x']) }),
  CreateTable: () => ({ TableName: pick(['orders', '', 'a', 'x'.repeat(300), 'fuzz!']), KeySchema: pick([[], [{ AttributeName: 'a', KeyType: 'RANGE' }], 'x']), AttributeDefinitions: pick([[{ AttributeName: 'a', AttributeType: 'Q' }], null]) }),
  GetItem: () => ({ TableName: 'orders', Key: key(), ProjectionExpression: expression() }),
};

test('seeded fuzz: every malformed request gets a DynamoDB 4xx JSON error, and nothing stored changes', { timeout: 120_000 }, async () => {
  const ops = Object.keys(OPS);
  let ok = 0;
  let baseline = stored;
  for (let i = 0; i < 400; i++) {
    const op = pick(ops);
    const kind = int(10);
    let body: string;
    const input = JSON.stringify(OPS[op]());
    if (kind === 0) body = input.slice(0, int(input.length)); // truncated JSON
    else if (kind === 1) body = Buffer.from(Array.from({ length: int(64) }, () => int(256))).toString('latin1');
    else body = input;
    const r = await rawRequest(s.endpoint, op, body);
    if (r.status === 200) {
      ok++;
      baseline = await snapshot();
      continue;
    }
    assert.ok(r.status >= 400 && r.status < 500, `${op} ${body.slice(0, 200)} → ${r.status} ${r.text.slice(0, 300)}`);
    assert.match(String(r.json?.__type), /^com\.amazonaws\.dynamodb\.v20120810#\w+$/, `${op} ${body.slice(0, 200)} → ${r.text.slice(0, 300)}`);
    assert.equal(typeof r.json?.message, 'string');
    assert.equal(await snapshot(), baseline, `${op} ${body.slice(0, 200)} was refused (${r.text.slice(0, 200)}) yet changed stored items`);
  }
  // Sanity: the generator makes mostly bad requests, yet a few valid reads succeed.
  assert.ok(ok < 400);
});
