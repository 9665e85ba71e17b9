/**
 * Table operations: Create/Describe/List/Update/DeleteTable, TTL settings and tags (API
 * Reference for each action). Tables are ACTIVE as soon as they are created (nothing to
 * provision locally), so waiters return at their first poll.
 */
import { randomUUID } from 'node:crypto';
import type { StoredRow } from '../../engine/types';
import type { Item } from './attribute-values';
import { type TablesContext, requireTable, tableArn } from './context';
import { describeTable } from './describe';
import { TablesError, constraint, invalidParameter, resourceInUse, resourceNotFound, validation } from './errors';
import { hashKey, HASH_SPACE } from './key-encoding';
import { itemPut, projectForIndex } from './keys';
import { itemKeyOf } from '../../engine/shared/table-sql';
import { encodeKeyValue } from './key-encoding';
import { type IndexSpec, type TableSpec, readStreamSpec, readTableSpec } from './table-spec';

type Raw = Record<string, unknown>;
const SCAN_PAGE = 500;

export function createAdmin(ctx: TablesContext) {
  const save = async (spec: TableSpec) => {
    if (!(await ctx.store.updateTable(spec.name, JSON.stringify(spec)))) throw resourceNotFound();
  };

  /** Every base row of a table, page by page (index backfill, TTL backfill). */
  async function* allRows(table: string): AsyncGenerator<StoredRow[]> {
    let after: { hash: number; pk: Buffer; sk: Buffer; itemKey: Buffer } | undefined;
    for (;;) {
      const rows = await ctx.store.scan({ table, index: '', hashFrom: 0, hashTo: HASH_SPACE, after, limit: SCAN_PAGE });
      if (rows.length === 0) return;
      yield rows;
      const last = rows[rows.length - 1];
      after = { hash: last.hash, pk: last.pk, sk: last.sk, itemKey: last.itemKey };
      if (rows.length < SCAN_PAGE) return;
    }
  }

  async function backfillIndex(spec: TableSpec, index: IndexSpec): Promise<void> {
    const entries = [];
    for await (const rows of allRows(spec.name)) {
      for (const row of rows) {
        const item = JSON.parse(row.item) as Item;
        const hash = item[index.hash.name];
        const range = index.range ? item[index.range.name] : undefined;
        if (!hash || (index.range && !range)) continue;
        if (Object.keys(hash)[0] !== index.hash.type || (range && Object.keys(range)[0] !== index.range!.type)) continue;
        const pk = encodeKeyValue(hash);
        entries.push({ index: index.name, pk, sk: range ? encodeKeyValue(range) : Buffer.alloc(0), hash: hashKey(pk), item: JSON.stringify(projectForIndex(spec, index, item)), itemKey: itemKeyOf(row.pk, row.sk) });
      }
    }
    await ctx.store.replaceIndex(spec.name, index.name, entries);
  }

  /** Rewrites every item so its TTL expiry follows the table's current TTL setting. */
  async function backfillTtl(spec: TableSpec): Promise<void> {
    for await (const rows of allRows(spec.name)) {
      const targets = rows.map((r) => ({ table: spec.name, pk: r.pk, sk: r.sk }));
      await ctx.store.transact(targets, (current) => ({
        writes: current.map((row) => (row ? itemPut(spec, JSON.parse(row.item) as Item) : undefined)),
        result: undefined,
      }));
    }
  }

  return {
    async createTable(input: Raw) {
      const spec = readTableSpec(input, randomUUID());
      const createdAt = ctx.clock.now();
      if (!(await ctx.store.createTable({ name: spec.name, spec: JSON.stringify(spec), createdAt }))) {
        throw resourceInUse(`Table already exists: ${spec.name}`);
      }
      return { TableDescription: await describeTable(ctx, spec, createdAt) };
    },

    async describeTable(input: Raw) {
      const { spec, createdAt } = await requireTable(ctx, input.TableName);
      return { Table: await describeTable(ctx, spec, createdAt) };
    },

    async listTables(input: Raw) {
      const limit = input.Limit === undefined ? 100 : Number(input.Limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
        throw constraint(input.Limit, 'limit', limit > 100 ? 'Member must have value less than or equal to 100' : 'Member must have value greater than or equal to 1');
      }
      const start = typeof input.ExclusiveStartTableName === 'string' ? input.ExclusiveStartTableName : undefined;
      const names = (await ctx.store.listTables()).map((t) => t.name).filter((n) => start === undefined || n > start);
      const page = names.slice(0, limit);
      return { TableNames: page, ...(names.length > limit && { LastEvaluatedTableName: page[page.length - 1] }) };
    },

    async deleteTable(input: Raw) {
      const { spec, createdAt } = await requireTable(ctx, input.TableName);
      if (spec.deletionProtection) throw validation('Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.');
      const description = await describeTable(ctx, spec, createdAt);
      if (!(await ctx.store.deleteTable(spec.name))) throw resourceNotFound();
      return { TableDescription: { ...description, TableStatus: 'DELETING' } };
    },

    async updateTable(input: Raw) {
      const { spec, createdAt } = await requireTable(ctx, input.TableName);
      const next: TableSpec = structuredClone(spec);
      if (Array.isArray(input.AttributeDefinitions)) {
        for (const d of input.AttributeDefinitions as Raw[]) {
          const known = next.attributeDefinitions.find((a) => a.name === d.AttributeName);
          if (known && known.type !== d.AttributeType) throw invalidParameter(`Cannot change the type of attribute ${String(d.AttributeName)}`);
          if (!known && (d.AttributeType === 'S' || d.AttributeType === 'N' || d.AttributeType === 'B')) next.attributeDefinitions.push({ name: String(d.AttributeName), type: d.AttributeType });
        }
      }
      if (input.BillingMode === 'PAY_PER_REQUEST' || input.BillingMode === 'PROVISIONED') next.billingMode = input.BillingMode;
      const pt = input.ProvisionedThroughput as Raw | undefined;
      if (pt) next.throughput = { read: Number(pt.ReadCapacityUnits), write: Number(pt.WriteCapacityUnits) };
      if (next.billingMode === 'PAY_PER_REQUEST') delete next.throughput;
      if (typeof input.DeletionProtectionEnabled === 'boolean') next.deletionProtection = input.DeletionProtectionEnabled;
      if (input.StreamSpecification !== undefined) {
        const stream = readStreamSpec(input.StreamSpecification);
        if (stream && spec.stream) throw validation(`Table already has an enabled stream: TableName: ${spec.name}`);
        if (!stream && !spec.stream) throw validation('Table already has no stream enabled');
        next.stream = stream;
      }
      const updates = Array.isArray(input.GlobalSecondaryIndexUpdates) ? (input.GlobalSecondaryIndexUpdates as Raw[]) : [];
      if (updates.filter((u) => u.Create || u.Delete).length > 1) {
        throw new TablesError('LimitExceededException', 'Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table');
      }
      let created: IndexSpec | undefined;
      for (const u of updates) {
        if (u.Create) {
          const raw = u.Create as Raw;
          if (next.indexes.some((i) => i.name === raw.IndexName)) throw validation(`One or more parameter values were invalid: Index with name ${String(raw.IndexName)} already exists`);
          // Reuse CreateTable's reading of one index (key schema against the definitions, projection).
          const probe = readTableSpec(
            {
              TableName: spec.name,
              KeySchema: [{ AttributeName: spec.hash.name, KeyType: 'HASH' }],
              AttributeDefinitions: next.attributeDefinitions.filter((d) => d.name === spec.hash.name || keyAttrs(raw).includes(d.name)).map((d) => ({ AttributeName: d.name, AttributeType: d.type })),
              BillingMode: next.billingMode,
              ProvisionedThroughput: next.billingMode === 'PROVISIONED' ? { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } : undefined,
              GlobalSecondaryIndexes: [raw],
            },
            spec.tableId,
          );
          created = probe.indexes[0];
          next.indexes.push(created);
        } else if (u.Delete) {
          const name = (u.Delete as Raw).IndexName;
          if (!next.indexes.some((i) => i.name === name && i.kind === 'GSI')) throw new TablesError('ResourceNotFoundException', `Requested resource not found: Index: ${String(name)} not found`);
          next.indexes = next.indexes.filter((i) => i.name !== name);
          await ctx.store.replaceIndex(spec.name, String(name), []);
        } else if (u.Update) {
          const raw = u.Update as Raw;
          const index = next.indexes.find((i) => i.name === raw.IndexName);
          if (!index) throw new TablesError('ResourceNotFoundException', `Requested resource not found: Index: ${String(raw.IndexName)} not found`);
          const t = raw.ProvisionedThroughput as Raw | undefined;
          if (t) index.throughput = { read: Number(t.ReadCapacityUnits), write: Number(t.WriteCapacityUnits) };
        }
      }
      await save(next);
      if (created) await backfillIndex(next, created);
      return { TableDescription: await describeTable(ctx, next, createdAt) };
    },

    async updateTimeToLive(input: Raw) {
      const { spec } = await requireTable(ctx, input.TableName);
      const t = input.TimeToLiveSpecification as Raw | undefined;
      if (!t || typeof t.Enabled !== 'boolean') throw constraint(null, 'timeToLiveSpecification', 'Member must not be null');
      const attribute = typeof t.AttributeName === 'string' ? t.AttributeName : '';
      if (attribute === '') throw constraint(attribute, 'timeToLiveSpecification.attributeName', 'Member must have length greater than or equal to 1');
      if (t.Enabled && spec.ttl?.enabled) throw validation('TimeToLive is already enabled');
      if (!t.Enabled && !spec.ttl?.enabled) throw validation('TimeToLive is already disabled');
      if (!t.Enabled && spec.ttl && spec.ttl.attribute !== attribute) throw invalidParameter(`TimeToLive AttributeName ${attribute} does not match the enabled AttributeName ${spec.ttl.attribute}`);
      const next = { ...spec, ttl: { attribute, enabled: t.Enabled } };
      await save(next);
      await backfillTtl(next);
      return { TimeToLiveSpecification: { Enabled: t.Enabled, AttributeName: attribute } };
    },

    async describeTimeToLive(input: Raw) {
      const { spec } = await requireTable(ctx, input.TableName);
      return {
        TimeToLiveDescription: spec.ttl?.enabled ? { TimeToLiveStatus: 'ENABLED', AttributeName: spec.ttl.attribute } : { TimeToLiveStatus: 'DISABLED' },
      };
    },

    async tagResource(input: Raw) {
      const spec = await tableOfArn(input.ResourceArn);
      const tags = Array.isArray(input.Tags) ? (input.Tags as Raw[]) : [];
      for (const t of tags) {
        spec.tags = spec.tags.filter((x) => x.Key !== t.Key);
        spec.tags.push({ Key: String(t.Key), Value: String(t.Value ?? '') });
      }
      await save(spec);
      return {};
    },

    async untagResource(input: Raw) {
      const spec = await tableOfArn(input.ResourceArn);
      const keys = Array.isArray(input.TagKeys) ? input.TagKeys.map(String) : [];
      spec.tags = spec.tags.filter((t) => !keys.includes(t.Key));
      await save(spec);
      return {};
    },

    async listTagsOfResource(input: Raw) {
      const spec = await tableOfArn(input.ResourceArn);
      return { Tags: spec.tags };
    },
  };

  async function tableOfArn(arn: unknown): Promise<TableSpec> {
    const name = typeof arn === 'string' ? arn.slice(arn.indexOf(':table/') + 7) : '';
    if (typeof arn !== 'string' || !arn.includes(':table/')) throw validation(`Invalid TableArn: Invalid ResourceArn provided as input ${String(arn)}`);
    const { spec } = await requireTable(ctx, name.split('/')[0]);
    if (arn !== tableArn(ctx, spec.name)) throw resourceNotFound();
    return structuredClone(spec) as TableSpec;
  }
}

function keyAttrs(raw: Raw): string[] {
  return Array.isArray(raw.KeySchema) ? (raw.KeySchema as Raw[]).map((k) => String(k.AttributeName)) : [];
}

