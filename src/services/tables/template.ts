/**
 * Creates the template's tables at start when they do not exist yet (existing ones keep their
 * items: state lives in the engine across restarts). Reads AWS::DynamoDB::Table (its
 * CloudFormation properties are CreateTable's members) and AWS::Serverless::SimpleTable
 * (PrimaryKey, default `{Name: id, Type: String}`; ProvisionedThroughput, else on-demand) —
 * AWS SAM Developer Guide, "AWS::Serverless::SimpleTable".
 */
import type { AppModel, ResolvedResource } from '../../template/model';
import { UserError } from '../../shared/errors';
import type { createAdmin } from './admin';
import type { TablesContext } from './context';

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

export async function ensureTemplateTables(ctx: TablesContext, admin: ReturnType<typeof createAdmin>, model: AppModel): Promise<string[]> {
  const names: string[] = [];
  for (const resource of Object.values(model.resources).filter(isTableResource)) {
    names.push(resource.physicalName);
    if (await ctx.store.getTable(resource.physicalName)) continue;
    try {
      await admin.createTable(createTableInput(resource));
      const ttl = resource.properties.TimeToLiveSpecification as Raw | undefined;
      if (ttl && (ttl.Enabled === true || ttl.Enabled === 'true')) {
        await admin.updateTimeToLive({ TableName: resource.physicalName, TimeToLiveSpecification: { Enabled: true, AttributeName: ttl.AttributeName } });
      }
    } catch (err) {
      if ((err as { code?: string }).code === 'ResourceInUseException') continue;
      throw new UserError('BadTable', `${resource.logicalId} (${resource.type}): ${(err as Error).message}`);
    }
  }
  return names;
}
