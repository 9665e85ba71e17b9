/**
 * DynamoDB through the real SDK v3 clients (@aws-sdk/client-dynamodb and the lib-dynamodb
 * DocumentClient) against Stratus's edge port. Behaviours pinned to the Amazon DynamoDB API
 * Reference (CreateTable, PutItem, UpdateItem, Query, Scan, …) and Developer Guide pages named
 * in each test.
 */
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  UpdateItemCommand,
  UpdateTableCommand,
  waitUntilTableExists,
  paginateScan,
  paginateQuery,
} from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, BatchWriteCommand, DeleteCommand, GetCommand, PutCommand, QueryCommand as DocQuery, ScanCommand as DocScan, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { startDynamoApp, type DynamoApp } from './helpers';

let s: DynamoApp;
before(async () => {
  s = await startDynamoApp();
  await s.ddb.send(
    new CreateTableCommand({
      TableName: 'music',
      AttributeDefinitions: [
        { AttributeName: 'Artist', AttributeType: 'S' },
        { AttributeName: 'SongTitle', AttributeType: 'S' },
        { AttributeName: 'Year', AttributeType: 'N' },
      ],
      KeySchema: [
        { AttributeName: 'Artist', KeyType: 'HASH' },
        { AttributeName: 'SongTitle', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        { IndexName: 'byYear', KeySchema: [{ AttributeName: 'Year', KeyType: 'HASH' }, { AttributeName: 'SongTitle', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
});
after(async () => {
  await s?.close();
});

describe('tables', () => {
  test('template tables exist: SimpleTable keyed by id (String), the Table with its indexes, TTL and stream', async () => {
    const users = (await s.ddb.send(new DescribeTableCommand({ TableName: 'Users' }))).Table!;
    assert.deepEqual(users.KeySchema, [{ AttributeName: 'id', KeyType: 'HASH' }]);
    assert.deepEqual(users.AttributeDefinitions, [{ AttributeName: 'id', AttributeType: 'S' }]);
    assert.equal(users.BillingModeSummary?.BillingMode, 'PAY_PER_REQUEST');
    const orders = (await s.ddb.send(new DescribeTableCommand({ TableName: 'orders' }))).Table!;
    assert.equal(orders.TableStatus, 'ACTIVE');
    assert.equal(orders.TableArn, 'arn:aws:dynamodb:us-east-1:000000000000:table/orders');
    assert.equal(orders.GlobalSecondaryIndexes?.[0].IndexName, 'byStatus');
    assert.deepEqual(orders.LocalSecondaryIndexes?.[0].Projection, { ProjectionType: 'INCLUDE', NonKeyAttributes: ['total'] });
    assert.equal(orders.StreamSpecification?.StreamViewType, 'NEW_AND_OLD_IMAGES');
    assert.equal(orders.LatestStreamArn, 'arn:aws:dynamodb:us-east-1:000000000000:table/orders/stream/1970-01-01T00:00:00.000');
    const ttl = await s.ddb.send(new DescribeTimeToLiveCommand({ TableName: 'orders' }));
    assert.deepEqual(ttl.TimeToLiveDescription, { TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' });
  });

  test('CreateTable, the SDK waiter, ListTables pagination, DeleteTable; a second create is ResourceInUseException', async () => {
    const input = {
      TableName: 'scratch',
      AttributeDefinitions: [{ AttributeName: 'k', AttributeType: 'S' as const }],
      KeySchema: [{ AttributeName: 'k', KeyType: 'HASH' as const }],
      ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
    };
    const created = await s.ddb.send(new CreateTableCommand(input));
    assert.equal(created.TableDescription?.ProvisionedThroughput?.ReadCapacityUnits, 5);
    assert.ok(created.TableDescription?.CreationDateTime instanceof Date);
    await waitUntilTableExists({ client: s.ddb, maxWaitTime: 30 }, { TableName: 'scratch' });
    await assert.rejects(s.ddb.send(new CreateTableCommand(input)), { name: 'ResourceInUseException', message: 'Table already exists: scratch' });
    const page = await s.ddb.send(new ListTablesCommand({ Limit: 2 }));
    assert.deepEqual(page.TableNames, ['Users', 'music']);
    assert.equal(page.LastEvaluatedTableName, 'music');
    const rest = await s.ddb.send(new ListTablesCommand({ ExclusiveStartTableName: page.LastEvaluatedTableName }));
    assert.deepEqual(rest.TableNames, ['orders', 'scratch']);
    const deleted = await s.ddb.send(new DeleteTableCommand({ TableName: 'scratch' }));
    assert.equal(deleted.TableDescription?.TableStatus, 'DELETING');
    await assert.rejects(s.ddb.send(new DescribeTableCommand({ TableName: 'scratch' })), { name: 'ResourceNotFoundException', message: 'Requested resource not found' });
  });
});

describe('items', () => {
  test('PutItem / GetItem keep every type; numbers come back normalised; ReturnValues ALL_OLD', async () => {
    const item = {
      Artist: { S: 'No One You Know' },
      SongTitle: { S: 'Call Me Today' },
      Year: { N: '2.0E3' },
      Tags: { SS: ['a', 'b'] },
      Ratings: { NS: ['1', '2.50'] },
      Blob: { B: new Uint8Array([0, 1, 255]) },
      Info: { M: { nested: { L: [{ S: 'x' }, { NULL: true }, { BOOL: false }] } } },
      Empty: { S: '' },
    };
    await s.ddb.send(new PutItemCommand({ TableName: 'music', Item: item }));
    const got = (await s.ddb.send(new GetItemCommand({ TableName: 'music', Key: { Artist: item.Artist, SongTitle: item.SongTitle }, ConsistentRead: true }))).Item!;
    assert.equal(got.Year.N, '2000');
    assert.deepEqual(got.Ratings.NS, ['1', '2.5']);
    assert.deepEqual(got.Blob.B, new Uint8Array([0, 1, 255]));
    assert.deepEqual(got.Info, item.Info);
    assert.deepEqual(got.Empty, { S: '' });
    const replaced = await s.ddb.send(new PutItemCommand({ TableName: 'music', Item: { ...item, Year: { N: '2001' } }, ReturnValues: 'ALL_OLD' }));
    assert.equal(replaced.Attributes?.Year.N, '2000');
    const missing = await s.ddb.send(new GetItemCommand({ TableName: 'music', Key: { Artist: { S: 'nobody' }, SongTitle: { S: 'x' } } }));
    assert.equal(missing.Item, undefined);
  });

  test('DocumentClient: put, update with SET/REMOVE/ADD/DELETE, UPDATED_NEW, conditional delete', async () => {
    // "Update expressions", Amazon DynamoDB Developer Guide (the ProductCatalog examples).
    await s.doc.send(new PutCommand({ TableName: 'music', Item: { Artist: 'doc', SongTitle: 's1', Price: 10, Colors: new Set(['red', 'blue']), Nums: [1, 2, 3], Info: { a: 1 } } }));
    const updated = await s.doc.send(
      new UpdateCommand({
        TableName: 'music',
        Key: { Artist: 'doc', SongTitle: 's1' },
        UpdateExpression: 'SET Price = Price - :p, #i.b = :b, Nums[1] = :two, More = list_append(if_not_exists(More, :empty), :more) REMOVE Nums[0] ADD Plays :one, Colors :green',
        ExpressionAttributeNames: { '#i': 'Info' },
        ExpressionAttributeValues: { ':p': 2.5, ':b': 'bee', ':two': 22, ':empty': [], ':more': ['m'], ':one': 1, ':green': new Set(['green']) },
        ReturnValues: 'ALL_NEW',
      }),
    );
    const a = updated.Attributes!;
    assert.equal(a.Price, 7.5);
    assert.deepEqual(a.Info, { a: 1, b: 'bee' });
    assert.deepEqual(a.Nums, [22, 3]);
    assert.deepEqual(a.More, ['m']);
    assert.equal(a.Plays, 1);
    assert.deepEqual([...(a.Colors as Set<string>)].sort(), ['blue', 'green', 'red']);
    // The same path in two actions is refused ("Two document paths overlap with each other").
    await assert.rejects(
      s.doc.send(new UpdateCommand({ TableName: 'music', Key: { Artist: 'doc', SongTitle: 's1' }, UpdateExpression: 'ADD Colors :c DELETE Colors :c', ExpressionAttributeValues: { ':c': new Set(['red']) } })),
      { name: 'ValidationException', message: /^Invalid UpdateExpression: Two document paths overlap with each other/ },
    );
    const shrunk = await s.doc.send(new UpdateCommand({ TableName: 'music', Key: { Artist: 'doc', SongTitle: 's1' }, UpdateExpression: 'DELETE Colors :red', ExpressionAttributeValues: { ':red': new Set(['red']) }, ReturnValues: 'UPDATED_OLD' }));
    assert.deepEqual([...(shrunk.Attributes!.Colors as Set<string>)].sort(), ['blue', 'green', 'red']);
    const partial = await s.doc.send(new UpdateCommand({ TableName: 'music', Key: { Artist: 'doc', SongTitle: 's1' }, UpdateExpression: 'ADD Plays :one', ExpressionAttributeValues: { ':one': 1 }, ReturnValues: 'UPDATED_NEW' }));
    assert.deepEqual(partial.Attributes, { Plays: 2 });
    await assert.rejects(
      s.doc.send(new DeleteCommand({ TableName: 'music', Key: { Artist: 'doc', SongTitle: 's1' }, ConditionExpression: 'Plays > :n', ExpressionAttributeValues: { ':n': 5 }, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' })),
      (err: Error & { Item?: Record<string, unknown> }) => {
        assert.equal(err.name, 'ConditionalCheckFailedException');
        assert.equal(err.message, 'The conditional request failed');
        assert.deepEqual((err.Item as Record<string, { N: string }>).Plays, { N: '2' });
        return true;
      },
    );
    const gone = await s.doc.send(new DeleteCommand({ TableName: 'music', Key: { Artist: 'doc', SongTitle: 's1' }, ConditionExpression: 'attribute_exists(Plays)', ReturnValues: 'ALL_OLD' }));
    assert.equal(gone.Attributes?.Plays, 2);
    assert.equal((await s.doc.send(new GetCommand({ TableName: 'music', Key: { Artist: 'doc', SongTitle: 's1' } }))).Item, undefined);
  });

  test('a handler inside Stratus uses the SDK against AWS_ENDPOINT_URL', async () => {
    const run = async () => {
      const outcome = await s.app.functions.invoke('CounterFunction', JSON.stringify({ id: 'u1' }));
      assert.equal(outcome.status, 'success', JSON.stringify(outcome));
      return JSON.parse((outcome as { payload: string }).payload);
    };
    assert.deepEqual(await run(), { hits: 1, read: 1, ordersArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/orders' });
    assert.equal((await run()).hits, 2);
    const item = await s.doc.send(new GetCommand({ TableName: 'Users', Key: { id: 'u1' } }));
    assert.equal(item.Item?.hits, 2);
  });
});

describe('query and scan', () => {
  before(async () => {
    const puts = [];
    for (let i = 0; i < 30; i++) puts.push({ PutRequest: { Item: { Artist: 'band', SongTitle: `song-${String(i).padStart(2, '0')}`, Year: 1990 + (i % 3), n: i } } });
    for (let i = 0; i < puts.length; i += 25) await s.doc.send(new BatchWriteCommand({ RequestItems: { music: puts.slice(i, i + 25) } }));
  });

  test('Query by partition key with sort-key conditions, both directions, Limit and pagination', async () => {
    const all = await s.doc.send(new DocQuery({ TableName: 'music', KeyConditionExpression: 'Artist = :a', ExpressionAttributeValues: { ':a': 'band' } }));
    assert.equal(all.Count, 30);
    assert.deepEqual(all.Items!.slice(0, 2).map((i) => i.SongTitle), ['song-00', 'song-01']);
    const between = await s.doc.send(
      new DocQuery({ TableName: 'music', KeyConditionExpression: 'Artist = :a AND SongTitle BETWEEN :lo AND :hi', ExpressionAttributeValues: { ':a': 'band', ':lo': 'song-10', ':hi': 'song-12' }, ScanIndexForward: false }),
    );
    assert.deepEqual(between.Items!.map((i) => i.SongTitle), ['song-12', 'song-11', 'song-10']);
    const prefix = await s.doc.send(new DocQuery({ TableName: 'music', KeyConditionExpression: 'Artist = :a AND begins_with(SongTitle, :p)', ExpressionAttributeValues: { ':a': 'band', ':p': 'song-2' } }));
    assert.equal(prefix.Count, 10);
    const titles: string[] = [];
    for await (const page of paginateQuery({ client: s.ddb, pageSize: 7 }, { TableName: 'music', KeyConditionExpression: 'Artist = :a AND SongTitle > :s', ExpressionAttributeValues: { ':a': { S: 'band' }, ':s': { S: 'song-05' } } })) {
      assert.ok(page.Items!.length <= 7);
      titles.push(...page.Items!.map((i) => i.SongTitle.S!));
    }
    assert.equal(titles.length, 24);
    assert.equal(titles[0], 'song-06');
  });

  test('FilterExpression applies after Limit (Count vs ScannedCount); Select COUNT; ProjectionExpression', async () => {
    // Query, API Reference: "A filter expression is applied after a Query finishes, but before the results are returned."
    const r = await s.doc.send(new DocQuery({ TableName: 'music', KeyConditionExpression: 'Artist = :a', FilterExpression: 'n >= :min', ExpressionAttributeValues: { ':a': 'band', ':min': 25 }, Limit: 28 }));
    assert.equal(r.ScannedCount, 28);
    assert.equal(r.Count, 3);
    assert.deepEqual(r.LastEvaluatedKey, { Artist: 'band', SongTitle: 'song-27' });
    const count = await s.ddb.send(new QueryCommand({ TableName: 'music', KeyConditionExpression: 'Artist = :a', ExpressionAttributeValues: { ':a': { S: 'band' } }, Select: 'COUNT' }));
    assert.equal(count.Count, 30);
    assert.equal(count.Items, undefined);
    const projected = await s.doc.send(new DocQuery({ TableName: 'music', KeyConditionExpression: 'Artist = :a', ProjectionExpression: 'n, #y', ExpressionAttributeNames: { '#y': 'Year' }, ExpressionAttributeValues: { ':a': 'band' }, Limit: 1 }));
    assert.deepEqual(projected.Items, [{ n: 0, Year: 1990 }]);
  });

  test('Query a GSI; numbers order numerically in index keys', async () => {
    const r = await s.doc.send(new DocQuery({ TableName: 'music', IndexName: 'byYear', KeyConditionExpression: '#y = :y', ExpressionAttributeNames: { '#y': 'Year' }, ExpressionAttributeValues: { ':y': 1991 } }));
    assert.equal(r.Count, 10);
    assert.ok(r.Items!.every((i) => i.Year === 1991));
    await assert.rejects(
      s.doc.send(new DocQuery({ TableName: 'music', IndexName: 'byYear', ConsistentRead: true, KeyConditionExpression: '#y = :y', ExpressionAttributeNames: { '#y': 'Year' }, ExpressionAttributeValues: { ':y': 1991 } })),
      { name: 'ValidationException', message: 'Consistent reads are not supported on global secondary indexes' },
    );
  });

  test('Scan with filter, pagination, and parallel segments that partition the table', async () => {
    const seen: string[] = [];
    for await (const page of paginateScan({ client: s.ddb, pageSize: 4 }, { TableName: 'music', FilterExpression: 'Artist = :a', ExpressionAttributeValues: { ':a': { S: 'band' } } })) {
      seen.push(...page.Items!.map((i) => i.SongTitle.S!));
    }
    assert.equal(seen.length, 30);
    const segments = await Promise.all([0, 1, 2].map((Segment) => s.doc.send(new DocScan({ TableName: 'music', Segment, TotalSegments: 3 }))));
    const total = segments.reduce((n, r) => n + (r.Count ?? 0), 0);
    const full = await s.ddb.send(new ScanCommand({ TableName: 'music' }));
    assert.equal(total, full.Count);
  });

  test('an LSI with an INCLUDE projection: projected attributes, or ALL_ATTRIBUTES from the table; sparse GSI', async () => {
    // "Local secondary indexes" (Developer Guide): a query of an LSI may fetch unprojected attributes from the table.
    for (const [orderId, placedAt] of [[1, '2026-03-01'], [2, '2026-01-01'], [3, '2026-02-01']] as const) {
      await s.doc.send(new PutCommand({ TableName: 'orders', Item: { customer: 'lsi', orderId, placedAt, total: orderId * 10, note: `n${orderId}` } }));
    }
    await s.doc.send(new PutCommand({ TableName: 'orders', Item: { customer: 'lsi', orderId: 4, total: 1 } }));
    const q = (Select?: 'ALL_ATTRIBUTES' | 'ALL_PROJECTED_ATTRIBUTES') =>
      s.doc.send(new DocQuery({ TableName: 'orders', IndexName: 'byPlacedAt', KeyConditionExpression: 'customer = :c AND placedAt > :p', ExpressionAttributeValues: { ':c': 'lsi', ':p': '2026-01-15' }, Select }));
    const projected = await q();
    assert.deepEqual(projected.Items, [
      { customer: 'lsi', orderId: 3, placedAt: '2026-02-01', total: 30 },
      { customer: 'lsi', orderId: 1, placedAt: '2026-03-01', total: 10 },
    ]);
    const all = await q('ALL_ATTRIBUTES');
    assert.deepEqual(all.Items?.map((i) => i.note), ['n3', 'n1']);
    // The item without placedAt is in no index on it.
    const count = await s.ddb.send(new QueryCommand({ TableName: 'orders', IndexName: 'byPlacedAt', KeyConditionExpression: 'customer = :c', ExpressionAttributeValues: { ':c': { S: 'lsi' } }, Select: 'COUNT' }));
    assert.equal(count.Count, 3);
    await assert.rejects(s.doc.send(new DocQuery({ TableName: 'orders', IndexName: 'byStatus', KeyConditionExpression: '#s = :s', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': 'x' }, Select: 'ALL_ATTRIBUTES' })), {
      message: 'One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index byStatus because its projection type is not ALL',
    });
  });

  test('BatchGetItem returns the items that exist', async () => {
    const r = await s.doc.send(new BatchGetCommand({ RequestItems: { music: { Keys: [{ Artist: 'band', SongTitle: 'song-01' }, { Artist: 'band', SongTitle: 'nope' }], ProjectionExpression: 'n' } } }));
    assert.deepEqual(r.Responses?.music, [{ n: 1 }]);
    assert.deepEqual(r.UnprocessedKeys, {});
  });
});

describe('UpdateTable', () => {
  test('adds a GSI that is backfilled with existing items, then removes it', async () => {
    await s.ddb.send(
      new UpdateTableCommand({
        TableName: 'music',
        AttributeDefinitions: [{ AttributeName: 'n', AttributeType: 'N' }],
        GlobalSecondaryIndexUpdates: [{ Create: { IndexName: 'byN', KeySchema: [{ AttributeName: 'n', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } } }],
      }),
    );
    const r = await s.ddb.send(new QueryCommand({ TableName: 'music', IndexName: 'byN', KeyConditionExpression: 'n = :n', ExpressionAttributeValues: { ':n': { N: '7' } } }));
    assert.deepEqual(r.Items, [{ Artist: { S: 'band' }, SongTitle: { S: 'song-07' }, n: { N: '7' } }]);
    await s.ddb.send(new UpdateTableCommand({ TableName: 'music', GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'byN' } }] }));
    await assert.rejects(s.ddb.send(new QueryCommand({ TableName: 'music', IndexName: 'byN', KeyConditionExpression: 'n = :n', ExpressionAttributeValues: { ':n': { N: '7' } } })), {
      message: 'The table does not have the specified index: byN',
    });
  });
});
