/** TableDescription as DescribeTable (and Create/Update/DeleteTable) return it (API Reference, "TableDescription"). */
import type { TablesContext } from './context';
import { tableArn } from './context';
import { STREAM_LABEL, type IndexSpec, type KeyDef, type TableSpec } from './table-spec';

const keySchema = (hash: KeyDef, range?: KeyDef) => [
  { AttributeName: hash.name, KeyType: 'HASH' },
  ...(range ? [{ AttributeName: range.name, KeyType: 'RANGE' }] : []),
];

const projection = (i: IndexSpec) => ({
  ProjectionType: i.projection.type,
  ...(i.projection.nonKeyAttributes && { NonKeyAttributes: i.projection.nonKeyAttributes }),
});

const throughput = (t?: { read: number; write: number }) => ({ NumberOfDecreasesToday: 0, ReadCapacityUnits: t?.read ?? 0, WriteCapacityUnits: t?.write ?? 0 });

export const streamArn = (ctx: Pick<TablesContext, 'region' | 'accountId'>, name: string) => `${tableArn(ctx, name)}/stream/${STREAM_LABEL}`;

export async function describeTable(ctx: TablesContext, spec: TableSpec, createdAt: number, status = 'ACTIVE'): Promise<Record<string, unknown>> {
  const stats = status === 'ACTIVE' ? await ctx.store.tableStats(spec.name) : { itemCount: 0, sizeBytes: 0, indexCounts: {} as Record<string, number> };
  const arn = tableArn(ctx, spec.name);
  const index = (i: IndexSpec) => ({
    IndexName: i.name,
    KeySchema: keySchema(i.hash, i.range),
    Projection: projection(i),
    ...(i.kind === 'GSI' && { IndexStatus: 'ACTIVE', ProvisionedThroughput: throughput(i.throughput) }),
    IndexSizeBytes: 0,
    ItemCount: stats.indexCounts[i.name] ?? 0,
    IndexArn: `${arn}/index/${i.name}`,
  });
  const gsis = spec.indexes.filter((i) => i.kind === 'GSI');
  const lsis = spec.indexes.filter((i) => i.kind === 'LSI');
  return {
    AttributeDefinitions: spec.attributeDefinitions.map((d) => ({ AttributeName: d.name, AttributeType: d.type })),
    TableName: spec.name,
    KeySchema: keySchema(spec.hash, spec.range),
    TableStatus: status,
    CreationDateTime: new Date(createdAt),
    ProvisionedThroughput: throughput(spec.throughput),
    TableSizeBytes: stats.sizeBytes,
    ItemCount: stats.itemCount,
    TableArn: arn,
    TableId: spec.tableId,
    ...(spec.billingMode === 'PAY_PER_REQUEST' && { BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST', LastUpdateToPayPerRequestDateTime: new Date(createdAt) } }),
    ...(lsis.length > 0 && { LocalSecondaryIndexes: lsis.map(index) }),
    ...(gsis.length > 0 && { GlobalSecondaryIndexes: gsis.map(index) }),
    ...(spec.stream && {
      StreamSpecification: { StreamEnabled: true, StreamViewType: spec.stream.viewType },
      LatestStreamLabel: STREAM_LABEL,
      LatestStreamArn: streamArn(ctx, spec.name),
    }),
    ...(spec.tableClass && { TableClassSummary: { TableClass: spec.tableClass } }),
    DeletionProtectionEnabled: spec.deletionProtection,
  };
}
