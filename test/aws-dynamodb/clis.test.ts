/**
 * The installed `aws` CLIs (pip CLI v1 and Debian's CLI v2.9 at /usr/bin/aws) and boto3 against
 * one app: create-table, put-item, get-item, query, scan, delete-table — the "Getting started
 * with DynamoDB" steps of the Developer Guide, with its Music table. CLI v2.9 predates
 * AWS_ENDPOINT_URL, so both get --endpoint-url.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { startDynamoApp, type DynamoApp } from './helpers';

const run = promisify(execFile);
const CLI_V2 = '/usr/bin/aws';
const skipV2 = existsSync(CLI_V2) ? undefined : 'Debian awscli (CLI v2) is not installed: run scripts/install-test-tools.sh';

let s: DynamoApp;
before(async () => {
  s = await startDynamoApp();
});
after(async () => {
  await s?.close();
});

async function aws(cli: string, ...args: string[]): Promise<any> {
  const { stdout } = await run(cli, ['dynamodb', ...args, '--output', 'json', '--endpoint-url', s.endpoint], { env: s.env, timeout: 60_000 });
  return stdout.trim() === '' ? {} : JSON.parse(stdout);
}

async function scenario(cli: string, table: string) {
  const created = await aws(cli, 'create-table', '--table-name', table,
    '--attribute-definitions', 'AttributeName=Artist,AttributeType=S', 'AttributeName=SongTitle,AttributeType=S',
    '--key-schema', 'AttributeName=Artist,KeyType=HASH', 'AttributeName=SongTitle,KeyType=RANGE',
    '--billing-mode', 'PAY_PER_REQUEST');
  assert.equal(created.TableDescription.TableName, table);
  await run(cli, ['dynamodb', 'wait', 'table-exists', '--table-name', table, '--endpoint-url', s.endpoint], { env: s.env, timeout: 60_000 });
  await aws(cli, 'put-item', '--table-name', table, '--item', JSON.stringify({ Artist: { S: 'No One You Know' }, SongTitle: { S: 'Call Me Today' }, AlbumTitle: { S: 'Somewhat Famous' }, Awards: { N: '1' } }));
  await aws(cli, 'put-item', '--table-name', table, '--item', JSON.stringify({ Artist: { S: 'Acme Band' }, SongTitle: { S: 'Happy Day' }, AlbumTitle: { S: 'Songs About Life' }, Awards: { N: '10' } }));
  const got = await aws(cli, 'get-item', '--consistent-read', '--table-name', table, '--key', JSON.stringify({ Artist: { S: 'Acme Band' }, SongTitle: { S: 'Happy Day' } }));
  assert.deepEqual(got.Item.Awards, { N: '10' });
  const queried = await aws(cli, 'query', '--table-name', table, '--key-condition-expression', 'Artist = :name', '--expression-attribute-values', JSON.stringify({ ':name': { S: 'Acme Band' } }));
  assert.equal(queried.Count, 1);
  assert.equal(queried.Items[0].AlbumTitle.S, 'Songs About Life');
  const scanned = await aws(cli, 'scan', '--table-name', table, '--filter-expression', 'Awards > :n', '--expression-attribute-values', JSON.stringify({ ':n': { N: '5' } }));
  assert.equal(scanned.Count, 1);
  await aws(cli, 'update-item', '--table-name', table, '--key', JSON.stringify({ Artist: { S: 'Acme Band' }, SongTitle: { S: 'Happy Day' } }), '--update-expression', 'SET AlbumTitle = :t', '--expression-attribute-values', JSON.stringify({ ':t': { S: 'Updated Album Title' } }));
  const tables = await aws(cli, 'list-tables');
  assert.ok(tables.TableNames.includes(table));
  const failed = await run(cli, ['dynamodb', 'get-item', '--table-name', 'missing-table', '--key', '{"a":{"S":"b"}}', '--endpoint-url', s.endpoint], { env: s.env }).then(
    () => '',
    (err) => String(err.stderr),
  );
  assert.match(failed, /ResourceNotFoundException/);
  await aws(cli, 'delete-table', '--table-name', table);
  const after = await aws(cli, 'list-tables');
  assert.ok(!after.TableNames.includes(table));
}

describe('aws CLIs and boto3', { concurrency: true }, () => {
  test('aws CLI v1', async () => {
    await scenario('aws', 'MusicCli1');
  });

  test('aws CLI v2.9', { skip: skipV2 }, async () => {
    await scenario(CLI_V2, 'MusicCli2');
  });

  test('boto3: resource API, conditions, batch writer, query with Key()', async () => {
    const script = String.raw`
import boto3, json, sys
from boto3.dynamodb.conditions import Key, Attr
from botocore.exceptions import ClientError
db = boto3.resource('dynamodb')
t = db.create_table(TableName='boto', KeySchema=[{'AttributeName':'pk','KeyType':'HASH'},{'AttributeName':'sk','KeyType':'RANGE'}],
  AttributeDefinitions=[{'AttributeName':'pk','AttributeType':'S'},{'AttributeName':'sk','AttributeType':'N'}], BillingMode='PAY_PER_REQUEST')
t.wait_until_exists()
with t.batch_writer() as b:
    for i in range(30): b.put_item(Item={'pk':'p','sk':i,'even': i % 2 == 0})
r = t.query(KeyConditionExpression=Key('pk').eq('p') & Key('sk').between(5, 9), FilterExpression=Attr('even').eq(True))
out = {'items': [int(i['sk']) for i in r['Items']], 'scanned': r['ScannedCount']}
try:
    t.put_item(Item={'pk':'p','sk':1}, ConditionExpression='attribute_not_exists(pk)')
except ClientError as e:
    out['error'] = e.response['Error']['Code']
print(json.dumps(out))
`;
    const { stdout } = await run('python3', ['-c', script], { env: s.env, timeout: 60_000 });
    assert.deepEqual(JSON.parse(stdout), { items: [6, 8], scanned: 5, error: 'ConditionalCheckFailedException' });
  });
});
