/**
 * Creates the template's tables at start when they do not exist yet (existing ones keep their
 * items: state lives in the engine across restarts), and brings existing ones in line with an
 * edited template as a stack update would: GSIs added or removed, TTL and the stream turned on
 * or off. A changed key schema or LSI cannot be updated in place (CloudFormation replaces the
 * table): the stored table is kept and a warning says so. Reads AWS::DynamoDB::Table (its
 * CloudFormation properties are CreateTable's members) and AWS::Serverless::SimpleTable
 * (PrimaryKey, default `{Name: id, Type: String}`; ProvisionedThroughput, else on-demand) —
 * AWS SAM Developer Guide, "AWS::Serverless::SimpleTable".
 */
import type { AppModel, ResolvedResource } from '../../template/model';
import { UserError } from '../../shared/errors';
import type { createAdmin } from './admin';
import type { TablesContext } from './context';
import { readTableSpec, type KeyDef, type TableSpec } from './table-spec';

type Raw = Record<string, unknown>;
const SIMPLE_TYPES: Record<string, string> = { String: 'S', Number: 'N', Binary: 'B' };

export function createTableInput(resource: ResolvedResource): Raw {
  const p = resource.properties;
  if (resource.type === 'AWS::Serverless::SimpleTable') {
    const key = (p.PrimaryKey ?? { Name: 'id', Type: 'String' }) as Raw;
    const type = SIMPLE_TYPES[String(key.Type ?? 'String')];
    if (!type) throw new UserError('BadTable', `${resource.logicalId}.PrimaryKey.Type must be String, Number or Binary, got ${String(key.Type)}`);
    const name = String(key.Name ?? 'id');
    return {
      TableName: resource.physicalName,
      KeySchema: [{ AttributeName: name, KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: name, AttributeType: type }],
      ...(p.ProvisionedThroughput ? { BillingMode: 'PROVISIONED', ProvisionedThroughput: p.ProvisionedThroughput } : { BillingMode: 'PAY_PER_REQUEST' }),
      ...(typeof p.Tags === "object" && p.Tags !== null && { Tags: Object.entries(p.Tags as Raw).map(([Key, Value]) => ({ Key, Value: String(Value) })) }),
    };
  }
  const billing = p.BillingMode ?? (p.ProvisionedThroughput ? 'PROVISIONED' : 'PAY_PER_REQUEST');
  return {
    TableName: resource.physicalName,
    KeySchema: p.KeySchema,
    AttributeDefinitions: p.AttributeDefinitions,
    BillingMode: billing,
    ...(p.ProvisionedThroughput !== undefined && billing === 'PROVISIONED' && { ProvisionedThroughput: numbers(p.ProvisionedThroughput as Raw) }),
    ...(p.GlobalSecondaryIndexes !== undefined && {
      GlobalSecondaryIndexes: (p.GlobalSecondaryIndexes as Raw[]).map((g) => ({ ...g, ...(g.ProvisionedThroughput !== undefined && { ProvisionedThroughput: numbers(g.ProvisionedThroughput as Raw) }) })),
    }),
    ...(p.LocalSecondaryIndexes !== undefined && { LocalSecondaryIndexes: p.LocalSecondaryIndexes }),
    ...(p.StreamSpecification !== undefined && { StreamSpecification: { StreamEnabled: true, ...(p.StreamSpecification as Raw) } }),
    ...(p.DeletionProtectionEnabled !== undefined && { DeletionProtectionEnabled: p.DeletionProtectionEnabled === true || p.DeletionProtectionEnabled === 'true' }),
    ...(Array.isArray(p.Tags) && { Tags: p.Tags }),
  };
}

/** CloudFormation templates often give capacity units as strings. */
const numbers = (t: Raw) => ({ ReadCapacityUnits: Number(t.ReadCapacityUnits), WriteCapacityUnits: Number(t.WriteCapacityUnits) });

export const isTableResource = (r: ResolvedResource) => r.type === 'AWS::DynamoDB::Table' || r.type === 'AWS::Serverless::SimpleTable';

type Admin = ReturnType<typeof createAdmin>;

export async function ensureTemplateTables(ctx: TablesContext, admin: Admin, model: AppModel, warn: (err: Error) => void = () => {}): Promise<string[]> {
  const names: string[] = [];
  for (const resource of Object.values(model.resources).filter(isTableResource)) {
    names.push(resource.physicalName);
    try {
      const input = createTableInput(resource);
      const existing = await ctx.store.getTable(resource.physicalName);
      if (!existing) await admin.createTable(input).catch((err) => ((err as { code?: string }).code === 'ResourceInUseException' ? undefined : Promise.reject(err)));
      else await reconcile(admin, resource, JSON.parse(existing.spec) as TableSpec, readTableSpec(input, ''), warn);
      await reconcileTtl(admin, resource);
    } catch (err) {
      throw new UserError('BadTable', `${resource.logicalId} (${resource.type}): ${(err as Error).message}`);
    }
  }
  return names;
}

/**
 * Nodes sharing a PostgreSQL engine start together and make the same changes: one finding the
 * change already made by another ("TimeToLive is already enabled", "Index … already exists") is
 * where it wanted to be.
 */
const ALREADY = /already (enabled|disabled|exists|has an enabled stream|has no stream)|Index: .* not found/;
const idempotent = (change: Promise<unknown>) => change.catch((err) => (ALREADY.test(String((err as Error)?.message)) ? undefined : Promise.reject(err)));

const sameKey = (a?: KeyDef, b?: KeyDef) => a?.name === b?.name && a?.type === b?.type;

async function reconcile(admin: Admin, resource: ResolvedResource, stored: TableSpec, wanted: TableSpec, warn: (err: Error) => void): Promise<void> {
  const lsis = (s: TableSpec) => JSON.stringify(s.indexes.filter((i) => i.kind === 'LSI'));
  if (!sameKey(stored.hash, wanted.hash) || !sameKey(stored.range, wanted.range) || lsis(stored) !== lsis(wanted)) {
    warn(new Error(`${resource.logicalId}: table ${stored.name} was created by an earlier run with another key schema or other LSIs; it is kept as it is (delete the table or the state folder to recreate it)`));
  }
  const table = stored.name;
  for (const index of stored.indexes.filter((i) => i.kind === 'GSI' && !wanted.indexes.some((w) => w.name === i.name))) {
    await idempotent(admin.updateTable({ TableName: table, GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: index.name } }] }));
  }
  for (const index of wanted.indexes.filter((i) => i.kind === 'GSI' && !stored.indexes.some((s) => s.name === i.name))) {
    await idempotent(admin.updateTable({
      TableName: table,
      AttributeDefinitions: wanted.attributeDefinitions.map((d) => ({ AttributeName: d.name, AttributeType: d.type })),
      GlobalSecondaryIndexUpdates: [
        {
          Create: {
            IndexName: index.name,
            KeySchema: [{ AttributeName: index.hash.name, KeyType: 'HASH' }, ...(index.range ? [{ AttributeName: index.range.name, KeyType: 'RANGE' }] : [])],
            Projection: { ProjectionType: index.projection.type, ...(index.projection.nonKeyAttributes && { NonKeyAttributes: index.projection.nonKeyAttributes }) },
            ...(index.throughput && { ProvisionedThroughput: { ReadCapacityUnits: index.throughput.read, WriteCapacityUnits: index.throughput.write } }),
          },
        },
      ],
    }));
  }
  if (JSON.stringify(stored.stream) !== JSON.stringify(wanted.stream)) {
    if (stored.stream) await idempotent(admin.updateTable({ TableName: table, StreamSpecification: { StreamEnabled: false } }));
    if (wanted.stream) await idempotent(admin.updateTable({ TableName: table, StreamSpecification: { StreamEnabled: true, StreamViewType: wanted.stream.viewType } }));
  }
}

async function reconcileTtl(admin: Admin, resource: ResolvedResource): Promise<void> {
  const ttl = resource.properties.TimeToLiveSpecification as Raw | undefined;
  const wanted = ttl && (ttl.Enabled === true || ttl.Enabled === 'true') ? String(ttl.AttributeName) : undefined;
  const current = (await admin.describeTimeToLive({ TableName: resource.physicalName })).TimeToLiveDescription as { TimeToLiveStatus: string; AttributeName?: string };
  const enabled = current.TimeToLiveStatus === 'ENABLED' ? current.AttributeName : undefined;
  if (enabled === wanted) return;
  if (enabled) await idempotent(admin.updateTimeToLive({ TableName: resource.physicalName, TimeToLiveSpecification: { Enabled: false, AttributeName: enabled } }));
  if (wanted) await idempotent(admin.updateTimeToLive({ TableName: resource.physicalName, TimeToLiveSpecification: { Enabled: true, AttributeName: wanted } }));
}
