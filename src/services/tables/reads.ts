/**
 * Query and Scan: read pages from the engine until Limit items were evaluated or 1 MB was read,
 * filter after reading (FilterExpression does not change what counts toward Limit or 1 MB,
 * ScannedCount counts what was read), then project. API Reference, Query and Scan.
 */
import type { StoredRow } from '../../engine/types';
import { itemKeyOf } from '../../engine/shared/table-sql';
import { type Item, itemSize, readItem, typeOf } from './attribute-values';
import { consumed, readUnits } from './capacity';
import { type TablesContext, requireTable } from './context';
import { constraint, invalidParameter, validation } from './errors';
import { encodeKeyValue, hashKey, HASH_SPACE } from './key-encoding';
import { readKeyCondition } from './key-condition';
import { legacyKeyRange } from './legacy';
import { applyProjection, compileRequestExpressions, type RequestExpressions } from './request-expressions';
import { keyNames, type IndexSpec, type TableSpec } from './table-spec';
import { parseRow } from './writes';
import { rowKeyOf } from './keys';

type Raw = Record<string, unknown>;
const EMPTY = Buffer.alloc(0);
/** A Query or Scan page stops at 1 MB of items read. */
export const MAX_PAGE_BYTES = 1024 * 1024;
const ENGINE_PAGE = 1000;

interface ReadPlan {
  spec: TableSpec;
  index?: IndexSpec;
  exprs: RequestExpressions;
  select: string;
  limit?: number;
}

function planRead(input: Raw, spec: TableSpec, exprs: RequestExpressions): ReadPlan {
  let index: IndexSpec | undefined;
  if (input.IndexName !== undefined) {
    index = spec.indexes.find((i) => i.name === input.IndexName);
    if (!index) throw validation(`The table does not have the specified index: ${String(input.IndexName)}`);
    if (index.kind === 'GSI' && input.ConsistentRead === true) throw validation('Consistent reads are not supported on global secondary indexes');
  }
  const specific = exprs.projection !== undefined;
  const select = (input.Select as string | undefined) ?? (specific ? 'SPECIFIC_ATTRIBUTES' : index ? 'ALL_PROJECTED_ATTRIBUTES' : 'ALL_ATTRIBUTES');
  if (!['ALL_ATTRIBUTES', 'ALL_PROJECTED_ATTRIBUTES', 'SPECIFIC_ATTRIBUTES', 'COUNT'].includes(select)) {
    throw constraint(select, 'select', 'Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]');
  }
  if (select === 'SPECIFIC_ATTRIBUTES' && !specific) throw invalidParameter('Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES');
  if (select !== 'SPECIFIC_ATTRIBUTES' && specific) throw invalidParameter(`Cannot specify the ProjectionExpression when choosing to get ${select}`);
  if (select === 'ALL_PROJECTED_ATTRIBUTES' && !index) throw validation('One or more parameter values were invalid: ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName');
  if (select === 'ALL_ATTRIBUTES' && index?.kind === 'GSI' && index.projection.type !== 'ALL') {
    throw invalidParameter(`Select type ALL_ATTRIBUTES is not supported for global secondary index ${index.name} because its projection type is not ALL`);
  }
  let limit: number | undefined;
  if (input.Limit !== undefined) {
    limit = Number(input.Limit);
    if (!Number.isInteger(limit) || limit < 1) throw constraint(input.Limit, 'limit', 'Member must have value greater than or equal to 1');
  }
  return { spec, index, exprs, select, limit };
}

/** ExclusiveStartKey: the table's key attributes, plus the index's for index reads. */
function startKey(plan: ReadPlan, raw: unknown): Item | undefined {
  if (raw === undefined || raw === null) return undefined;
  const key = readItem(raw, 'exclusiveStartKey');
  const defs = [plan.spec.hash, plan.spec.range, plan.index?.hash, plan.index?.range].filter((d) => !!d);
  const names = new Set(defs.map((d) => d!.name));
  if (Object.keys(key).length !== names.size || defs.some((d) => !key[d!.name] || typeOf(key[d!.name]) !== d!.type)) {
    throw validation('The provided starting key is invalid: The provided key element does not match the schema');
  }
  return key;
}

/** The position of an item in the table or index: its keys as the engine orders them. */
function positionOf(plan: ReadPlan, key: Item) {
  const base = rowKeyOf(plan.spec, key);
  if (!plan.index) return { pk: base.pk, sk: base.sk, itemKey: EMPTY };
  const pk = encodeKeyValue(key[plan.index.hash.name]);
  const sk = plan.index.range ? encodeKeyValue(key[plan.index.range.name]) : EMPTY;
  return { pk, sk, itemKey: itemKeyOf(base.pk, base.sk) };
}

const lastKeyOf = (plan: ReadPlan, item: Item): Item =>
  Object.fromEntries(keyNames(plan.spec, plan.index).map((n) => [n, item[n]]));

/** Drives one page: `fetch(after, n)` returns rows after a position; returns DynamoDB's output members. */
async function readPage(
  ctx: TablesContext,
  plan: ReadPlan,
  input: Raw,
  fetch: (after: StoredRow | undefined, n: number) => Promise<StoredRow[]>,
): Promise<Record<string, unknown>> {
  const items: Item[] = [];
  let scanned = 0;
  let bytes = 0;
  let last: Item | undefined;
  let more = false;
  let after: StoredRow | undefined;
  outer: for (;;) {
    const want = plan.limit === undefined ? ENGINE_PAGE : Math.min(ENGINE_PAGE, plan.limit - scanned + 1);
    const rows = await fetch(after, want);
    for (const row of rows) {
      if ((plan.limit !== undefined && scanned === plan.limit) || bytes >= MAX_PAGE_BYTES) {
        more = true;
        break outer;
      }
      const item = parseRow(row)!;
      scanned++;
      bytes += itemSize(item);
      last = item;
      if (!plan.exprs.filter || plan.exprs.filter(item)) items.push(item);
    }
    if (rows.length < want) break;
    after = rows[rows.length - 1];
  }
  let out = items;
  // An LSI whose projection lacks attributes: ALL_ATTRIBUTES reads them from the table.
  if (plan.select === 'ALL_ATTRIBUTES' && plan.index && plan.index.projection.type !== 'ALL' && out.length > 0) {
    const rows = await ctx.store.getItems(plan.spec.name, out.map((i) => rowKeyOf(plan.spec, i)));
    out = rows.map((r, i) => parseRow(r) ?? out[i]);
  }
  const units = readUnits(bytes, input.ConsistentRead === true);
  return {
    ...(plan.select !== 'COUNT' && { Items: out.map((i) => applyProjection(i, plan.exprs.projection)) }),
    Count: out.length,
    ScannedCount: scanned,
    ...(more && last && { LastEvaluatedKey: lastKeyOf(plan, last) }),
    ...consumed(input, plan.spec.name, units),
  };
}

export function createReadOperations(ctx: TablesContext) {
  return {
    async query(input: Raw) {
      const { spec } = await requireTable(ctx, input.TableName);
      const exprs = compileRequestExpressions(input, { deferCheck: true });
      const plan = planRead(input, spec, exprs);
      const [hash, sortKey] = [plan.index?.hash ?? spec.hash, plan.index ? plan.index.range : spec.range];
      let range;
      if (exprs.keyCondition) range = readKeyCondition(exprs.keyCondition, exprs.ctx, hash, sortKey);
      else if (typeof input.KeyConditions === 'object' && input.KeyConditions !== null) range = legacyKeyRange(input.KeyConditions as Record<string, unknown>, hash, sortKey);
      else throw validation('Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.');
      exprs.ctx.checkAllUsed();
      const forward = input.ScanIndexForward !== false;
      const start = startKey(plan, input.ExclusiveStartKey);
      const startAt = start && positionOf(plan, start);
      return readPage(ctx, plan, input, (after, n) =>
        ctx.store.query({
          table: spec.name,
          index: plan.index?.name ?? '',
          pk: range.pk,
          sort: range.sort,
          forward,
          after: after ? { sk: after.sk, itemKey: after.itemKey } : startAt,
          limit: n,
        }),
      );
    },

    async scan(input: Raw) {
      const { spec } = await requireTable(ctx, input.TableName);
      const exprs = compileRequestExpressions(input);
      const plan = planRead(input, spec, exprs);
      const [from, to] = segmentRange(input);
      const start = startKey(plan, input.ExclusiveStartKey);
      const startAt = start && positionOf(plan, start);
      return readPage(ctx, plan, input, async (after, n) =>
        ctx.store.scan({
          table: spec.name,
          index: plan.index?.name ?? '',
          hashFrom: from,
          hashTo: to,
          after: after ? { hash: (after as StoredRow & { hash: number }).hash, pk: after.pk, sk: after.sk, itemKey: after.itemKey } : startAt && { hash: hashKey(startAt.pk), ...startAt },
          limit: n,
        }),
      );
    },
  };
}

/** Parallel scan: segment s of n covers hashes [s·2³²/n, (s+1)·2³²/n). */
function segmentRange(input: Raw): [number, number] {
  const { Segment: segment, TotalSegments: total } = input;
  if (segment === undefined && total === undefined) return [0, HASH_SPACE];
  if (total === undefined) throw validation('The TotalSegments parameter is required but was not present in the request when Segment parameter is present');
  if (segment === undefined) throw validation('The Segment parameter is required but was not present in the request when parameter TotalSegments is present');
  const s = Number(segment);
  const n = Number(total);
  if (!Number.isInteger(n) || n < 1 || n > 1_000_000) throw constraint(total, 'totalSegments', 'Member must have value less than or equal to 1000000');
  if (!Number.isInteger(s) || s < 0) throw constraint(segment, 'segment', 'Member must have value greater than or equal to 0');
  if (s >= n) throw validation(`The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: ${s} is out of bounds for TotalSegments: ${n}`);
  return [Math.floor((s * HASH_SPACE) / n), Math.floor(((s + 1) * HASH_SPACE) / n)];
}
