/**
 * Template tables: SimpleTable's defaults (AWS SAM "AWS::Serverless::SimpleTable": PrimaryKey
 * defaults to {Name: id, Type: String}; PAY_PER_REQUEST without ProvisionedThroughput), the
 * AWS::DynamoDB::Table properties, and two nodes making the template's tables at the same time
 * (several Stratus nodes starting on one engine) ending with each table made once and whole.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEngine } from '../../src/engine/index';
import { AdjustableClock } from '../../src/shared/clock';
import { createTableService } from '../../src/services/tables';
import { loadTemplate } from '../../src/template';
import { FIXTURE } from '../aws-dynamodb/helpers';

const service = (engine: Awaited<ReturnType<typeof openEngine>>) =>
  createTableService({ store: engine.tables, clock: new AdjustableClock(), region: 'us-east-1', accountId: '000000000000', onError: () => {} });

test('SimpleTable defaults and properties; DynamoDB::Table indexes, TTL and stream', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'stratus-tables-template-'));
  try {
    const template = join(dir, 'template.yaml');
    writeFileSync(
      template,
      `Transform: AWS::Serverless-2016-10-31
Globals:
  SimpleTable:
    SSESpecification: { SSEEnabled: true }
Resources:
  Plain:
    Type: AWS::Serverless::SimpleTable
  Keyed:
    Type: AWS::Serverless::SimpleTable
    Properties:
      TableName: keyed-table
      PrimaryKey: { Name: n, Type: Number }
      ProvisionedThroughput: { ReadCapacityUnits: 2, WriteCapacityUnits: 3 }
      Tags: { team: core }
`,
    );
    const model = await loadTemplate(template, { parameterOverrides: {}, region: 'us-east-1', accountId: '000000000000' });
    const engine = await openEngine('sqlite::memory:');
    const tables = service(engine);
    assert.deepEqual(await tables.ensureTemplateTables(model), ['Plain', 'keyed-table']);
    const plain = ((await tables.describeTable({ TableName: 'Plain' })) as { Table: Record<string, any> }).Table;
    assert.deepEqual(plain.KeySchema, [{ AttributeName: 'id', KeyType: 'HASH' }]);
    assert.equal(plain.BillingModeSummary.BillingMode, 'PAY_PER_REQUEST');
    const keyed = ((await tables.describeTable({ TableName: 'keyed-table' })) as { Table: Record<string, any> }).Table;
    assert.deepEqual(keyed.AttributeDefinitions, [{ AttributeName: 'n', AttributeType: 'N' }]);
    assert.equal(keyed.ProvisionedThroughput.WriteCapacityUnits, 3);
    assert.deepEqual(((await tables.listTagsOfResource({ ResourceArn: keyed.TableArn })) as { Tags: unknown }).Tags, [{ Key: 'team', Value: 'core' }]);
    await tables.close();
    await engine.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('two nodes making the template tables at once: each table once, with its indexes, TTL and stream', async () => {
  const model = await loadTemplate(FIXTURE, { parameterOverrides: {}, region: 'us-east-1', accountId: '000000000000' });
  const dir = mkdtempSync(join(tmpdir(), 'stratus-tables-race-'));
  try {
    for (let round = 0; round < 3; round++) {
      const url = `sqlite:${join(dir, `race-${round}.db`)}`;
      const [e1, e2] = [await openEngine(url), await openEngine(url)];
      const [a, b] = [service(e1), service(e2)];
      await Promise.all([a.ensureTemplateTables(model), b.ensureTemplateTables(model)]);
      const orders = ((await b.describeTable({ TableName: 'orders' })) as { Table: Record<string, any> }).Table;
      assert.deepEqual(orders.GlobalSecondaryIndexes.map((i: { IndexName: string }) => i.IndexName), ['byStatus']);
      assert.equal(orders.StreamSpecification.StreamViewType, 'NEW_AND_OLD_IMAGES');
      assert.deepEqual(((await a.describeTimeToLive({ TableName: 'orders' })) as { TimeToLiveDescription: unknown }).TimeToLiveDescription, { TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' });
      assert.deepEqual(((await a.listTables({})) as { TableNames: string[] }).TableNames, ['Users', 'orders']);
      await Promise.all([a.close(), b.close()]);
      await Promise.all([e1.close(), e2.close()]);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
