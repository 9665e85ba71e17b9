/**
 * What a table is: its key schema, attribute definitions, secondary indexes and settings, read
 * from CreateTable input (or a template) with DynamoDB's validation, and kept in the engine as
 * JSON. Rules: CreateTable in the Amazon DynamoDB API Reference ("Service, account, and table
 * quotas" for the index limits).
 */
import { constraint, invalidParameter, validation } from './errors';

export type KeyType = 'S' | 'N' | 'B';

export interface KeyDef {
  name: string;
  type: KeyType;
}

export type ProjectionType = 'ALL' | 'KEYS_ONLY' | 'INCLUDE';

export interface IndexSpec {
  name: string;
  kind: 'GSI' | 'LSI';
  hash: KeyDef;
  range?: KeyDef;
  projection: { type: ProjectionType; nonKeyAttributes?: string[] };
  throughput?: Throughput;
}

export interface Throughput {
  read: number;
  write: number;
}

export interface TableSpec {
  name: string;
  tableId: string;
  hash: KeyDef;
  range?: KeyDef;
  attributeDefinitions: KeyDef[];
  indexes: IndexSpec[];
  billingMode: 'PROVISIONED' | 'PAY_PER_REQUEST';
  throughput?: Throughput;
  ttl?: { attribute: string; enabled: boolean };
  stream?: { viewType: StreamViewType };
  deletionProtection: boolean;
  tags: { Key: string; Value: string }[];
  tableClass?: string;
}

export type StreamViewType = 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES';

export const MAX_GSIS = 20;
export const MAX_LSIS = 5;
const NAME = /^[a-zA-Z0-9_.-]+$/;

export function checkTableName(name: unknown, member = 'tableName'): string {
  if (typeof name !== 'string') throw constraint(null, member, 'Member must not be null');
  if (name.length < 3) throw constraint(name, member, 'Member must have length greater than or equal to 3');
  if (name.length > 255) throw constraint(name, member, 'Member must have length less than or equal to 255');
  if (!NAME.test(name)) throw constraint(name, member, 'Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+');
  return name;
}

type Raw = Record<string, unknown>;
const list = (v: unknown): Raw[] => (Array.isArray(v) ? (v as Raw[]) : []);

export function readTableSpec(input: Raw, tableId: string): TableSpec {
  const name = checkTableName(input.TableName);
  const definitions = readDefinitions(input.AttributeDefinitions);
  const keys = readKeySchema(input.KeySchema, 'keySchema', definitions);
  const billingMode = input.BillingMode === 'PAY_PER_REQUEST' ? 'PAY_PER_REQUEST' : 'PROVISIONED';
  if (input.BillingMode !== undefined && input.BillingMode !== 'PAY_PER_REQUEST' && input.BillingMode !== 'PROVISIONED') {
    throw constraint(input.BillingMode, 'billingMode', 'Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]');
  }
  const throughput = readThroughput(input.ProvisionedThroughput, billingMode);
  const indexes: IndexSpec[] = [];
  for (const raw of list(input.GlobalSecondaryIndexes)) indexes.push(readIndex(raw, 'GSI', definitions, billingMode));
  for (const raw of list(input.LocalSecondaryIndexes)) {
    const index = readIndex(raw, 'LSI', definitions, billingMode);
    if (!keys.range) throw invalidParameter('Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex');
    if (index.hash.name !== keys.hash.name) {
      throw invalidParameter(`Index KeySchema does not have the same leading hash key as table KeySchema for index: ${index.name}. index hash key: ${index.hash.name}, table hash key: ${keys.hash.name}`);
    }
    indexes.push(index);
  }
  if (indexes.filter((i) => i.kind === 'GSI').length > MAX_GSIS) throw validation(`One or more parameter values were invalid: GlobalSecondaryIndex count exceeds the per-table limit of ${MAX_GSIS}`);
  if (indexes.filter((i) => i.kind === 'LSI').length > MAX_LSIS) throw validation(`One or more parameter values were invalid: Number of LocalSecondaryIndexes exceeds per-table limit of ${MAX_LSIS}`);
  const names = indexes.map((i) => i.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw invalidParameter(`Duplicate index name: ${dup}`);
  checkDefinitionsUsed(definitions, [keys.hash, keys.range, ...indexes.flatMap((i) => [i.hash, i.range])]);
  return {
    name,
    tableId,
    ...keys,
    attributeDefinitions: definitions,
    indexes,
    billingMode,
    throughput,
    stream: readStreamSpec(input.StreamSpecification),
    deletionProtection: input.DeletionProtectionEnabled === true,
    tags: list(input.Tags).map((t) => ({ Key: String(t.Key), Value: String(t.Value ?? '') })),
    tableClass: typeof input.TableClass === 'string' ? input.TableClass : undefined,
  };
}

function readDefinitions(raw: unknown): KeyDef[] {
  if (!Array.isArray(raw)) throw constraint(null, 'attributeDefinitions', 'Member must not be null');
  return (raw as Raw[]).map((d, i) => {
    const type = d?.AttributeType;
    if (type !== 'S' && type !== 'N' && type !== 'B') {
      throw constraint(type ?? null, `attributeDefinitions.${i + 1}.member.attributeType`, 'Member must satisfy enum value set: [B, N, S]');
    }
    if (typeof d.AttributeName !== 'string' || d.AttributeName === '') throw constraint(null, `attributeDefinitions.${i + 1}.member.attributeName`, 'Member must not be null');
    return { name: d.AttributeName, type };
  });
}

export function readKeySchema(raw: unknown, member: string, definitions: KeyDef[]): { hash: KeyDef; range?: KeyDef } {
  if (!Array.isArray(raw) || raw.length === 0) throw constraint(null, member, 'Member must not be null');
  if (raw.length > 2) throw constraint(JSON.stringify(raw), member, 'Member must have length less than or equal to 2');
  const entries = raw as Raw[];
  entries.forEach((k, i) => {
    if (k?.KeyType !== 'HASH' && k?.KeyType !== 'RANGE') throw constraint(k?.KeyType ?? null, `${member}.${i + 1}.member.keyType`, 'Member must satisfy enum value set: [HASH, RANGE]');
  });
  const hash = entries.filter((k) => k.KeyType === 'HASH');
  const range = entries.filter((k) => k.KeyType === 'RANGE');
  if (hash.length !== 1 || entries[0].KeyType !== 'HASH') throw invalidParameter('Invalid KeySchema: The first KeySchemaElement is not a HASH key type');
  if (range.length > 1) throw invalidParameter('Too many range keys');
  const define = (k: Raw): KeyDef => {
    const def = definitions.find((d) => d.name === k.AttributeName);
    if (!def) {
      throw invalidParameter(
        `Some index key attributes are not defined in AttributeDefinitions. Keys: [${entries.map((e) => e.AttributeName).join(', ')}], AttributeDefinitions: [${definitions.map((d) => d.name).join(', ')}]`,
      );
    }
    return def;
  };
  if (range[0] && range[0].AttributeName === hash[0].AttributeName) throw invalidParameter('Both the Hash Key and the Range Key element in the KeySchema have the same name');
  return { hash: define(hash[0]), range: range[0] ? define(range[0]) : undefined };
}

function readIndex(raw: Raw, kind: 'GSI' | 'LSI', definitions: KeyDef[], billingMode: string): IndexSpec {
  const member = kind === 'GSI' ? 'globalSecondaryIndexes' : 'localSecondaryIndexes';
  const name = typeof raw?.IndexName === 'string' ? raw.IndexName : '';
  if (name.length < 3 || name.length > 255 || !NAME.test(name)) throw constraint(name, `${member}.member.indexName`, 'Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+');
  const keys = readKeySchema(raw.KeySchema, `${member}.member.keySchema`, definitions);
  const p = (raw.Projection ?? {}) as Raw;
  const type = p.ProjectionType ?? 'ALL';
  if (type !== 'ALL' && type !== 'KEYS_ONLY' && type !== 'INCLUDE') throw constraint(type, `${member}.member.projection.projectionType`, 'Member must satisfy enum value set: [ALL, INCLUDE, KEYS_ONLY]');
  const nonKey = Array.isArray(p.NonKeyAttributes) ? p.NonKeyAttributes.map(String) : undefined;
  if (type !== 'INCLUDE' && nonKey) throw invalidParameter(`ProjectionType is ${type}, but NonKeyAttributes is specified`);
  if (type === 'INCLUDE' && !nonKey?.length) throw invalidParameter('ProjectionType is INCLUDE, but NonKeyAttributes is not specified');
  const throughput = kind === 'GSI' ? readThroughput(raw.ProvisionedThroughput, billingMode, name) : undefined;
  return { name, kind, ...keys, projection: { type, ...(nonKey && { nonKeyAttributes: nonKey }) }, ...(throughput && { throughput }) };
}

function readThroughput(raw: unknown, billingMode: string, index?: string): Throughput | undefined {
  const t = raw as Raw | undefined;
  if (billingMode === 'PAY_PER_REQUEST') {
    if (t && (t.ReadCapacityUnits !== undefined || t.WriteCapacityUnits !== undefined)) {
      throw invalidParameter('Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST');
    }
    return undefined;
  }
  if (!t || typeof t.ReadCapacityUnits !== 'number' || typeof t.WriteCapacityUnits !== 'number') {
    throw invalidParameter(
      index ? `ProvisionedThroughput is not specified for index: ${index}` : 'ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED',
    );
  }
  if (t.ReadCapacityUnits < 1 || t.WriteCapacityUnits < 1) throw invalidParameter('Provisioned throughput must be at least 1');
  return { read: t.ReadCapacityUnits, write: t.WriteCapacityUnits };
}

export function readStreamSpec(raw: unknown): TableSpec['stream'] {
  const s = raw as Raw | undefined;
  if (!s || s.StreamEnabled === false) return undefined;
  if (s.StreamEnabled !== true) throw constraint(null, 'streamSpecification.streamEnabled', 'Member must not be null');
  const viewType = s.StreamViewType;
  if (viewType !== 'KEYS_ONLY' && viewType !== 'NEW_IMAGE' && viewType !== 'OLD_IMAGE' && viewType !== 'NEW_AND_OLD_IMAGES') {
    throw invalidParameter('You must specify a StreamViewType when a stream is enabled');
  }
  return { viewType };
}

/** Every attribute definition must be a key of the table or of an index, and nothing else. */
function checkDefinitionsUsed(definitions: KeyDef[], keys: (KeyDef | undefined)[]): void {
  const used = new Set(keys.filter(Boolean).map((k) => k!.name));
  if (definitions.length !== new Set(definitions.map((d) => d.name)).size) throw invalidParameter('Duplicate AttributeName in AttributeDefinitions');
  if (definitions.some((d) => !used.has(d.name))) {
    throw invalidParameter('Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions');
  }
}

/** The key attributes of the table and of one index (what KEYS_ONLY projects). */
export function keyNames(spec: TableSpec, index?: IndexSpec): string[] {
  const names = [spec.hash.name, spec.range?.name, index?.hash.name, index?.range?.name].filter((n): n is string => !!n);
  return [...new Set(names)];
}

export const STREAM_LABEL = '1970-01-01T00:00:00.000';
