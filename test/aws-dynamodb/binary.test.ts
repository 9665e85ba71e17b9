/**
 * The bundled binary (`stratus start`, dist/cli.js built by scripts/build.mjs): the expression
 * parser is generated from the grammar at first use inside the bundle too, and template tables
 * with their items are kept across a restart on the same state folder.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { startStratus, tempDir, removeDir, type StratusProcess } from '../support/stratus-process';
import { CREDENTIALS } from './helpers';

const stateDir = tempDir('stratus-ddb-bin-');
let proc: StratusProcess | undefined;
after(async () => {
  await proc?.stop();
  removeDir(stateDir);
});

const client = (endpoint: string) => DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: CREDENTIALS, maxAttempts: 1 }));

test('stratus start serves DynamoDB; items survive a restart', { timeout: 60_000 }, async () => {
  proc = await startStratus(['test/aws-dynamodb/fixture'], { stateDir });
  let doc = client(proc.edgeUrl);
  assert.deepEqual((await doc.send(new ListTablesCommand({}))).TableNames, ['Users', 'orders']);
  await doc.send(new UpdateCommand({ TableName: 'orders', Key: { customer: 'bin', orderId: 1 }, UpdateExpression: 'SET #s = :s, placedAt = :p ADD n :one', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': 'open', ':p': '2026-01-01', ':one': 1 } }));
  await assert.rejects(doc.send(new UpdateCommand({ TableName: 'orders', Key: { customer: 'bin', orderId: 1 }, UpdateExpression: 'SET = :s', ExpressionAttributeValues: { ':s': 'x' } })), {
    message: 'Invalid UpdateExpression: Syntax error; token: "=", near: "SET = :s"',
  });
  doc.destroy();
  await proc.stop();
  proc = await startStratus(['test/aws-dynamodb/fixture'], { stateDir });
  doc = client(proc.edgeUrl);
  assert.deepEqual((await doc.send(new GetCommand({ TableName: 'orders', Key: { customer: 'bin', orderId: 1 } }))).Item, { customer: 'bin', orderId: 1, status: 'open', placedAt: '2026-01-01', n: 1 });
  const byStatus = await doc.send(new QueryCommand({ TableName: 'orders', IndexName: 'byStatus', KeyConditionExpression: '#s = :s', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': 'open' } }));
  assert.deepEqual(byStatus.Items, [{ customer: 'bin', orderId: 1, status: 'open', placedAt: '2026-01-01' }]);
  doc.destroy();
});
