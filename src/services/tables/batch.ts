/**
 * BatchGetItem and BatchWriteItem (API Reference). Everything is checked before anything is
 * written, as DynamoDB rejects the whole request on a bad entry; the writes then go in one
 * transaction, so UnprocessedItems / UnprocessedKeys are always empty locally.
 */
import { type Item, readItem } from './attribute-values';
import { type TablesContext, requireTable } from './context';
import { TablesError, constraint, invalidParameter, validation } from './errors';
import { checkKeyParameter, rowKeyOf } from './keys';
import { prepareDelete, preparePut } from './items';
import { applyProjection, compileRequestExpressions } from './request-expressions';
import { type PreparedWrite, WriteFailure, applyWrites, parseRow } from './writes';

type Raw = Record<string, unknown>;
export const MAX_BATCH_GET_KEYS = 100;
export const MAX_BATCH_WRITES = 25;

const requestItems = (input: Raw): [string, unknown][] => {
  const r = input.RequestItems;
  if (typeof r !== 'object' || r === null || Array.isArray(r)) throw constraint(null, 'requestItems', 'Member must not be null');
  const entries = Object.entries(r);
  if (entries.length === 0) throw constraint('{}', 'requestItems', 'Member must have length greater than or equal to 1');
  return entries;
};

const keyId = (item: Item, names: string[]) => JSON.stringify(names.map((n) => item[n]));

export function createBatchOperations(ctx: TablesContext) {
  return {
    async batchGetItem(input: Raw) {
      const tables = requestItems(input);
      const total = tables.reduce((n, [, t]) => n + (Array.isArray((t as Raw)?.Keys) ? ((t as Raw).Keys as unknown[]).length : 0), 0);
      if (total > MAX_BATCH_GET_KEYS) throw validation('Too many items requested for the BatchGetItem call');
      const plans = [];
      for (const [name, raw] of tables) {
        const request = (raw ?? {}) as Raw;
        const { spec } = await requireTable(ctx, name);
        if (!Array.isArray(request.Keys) || request.Keys.length === 0) throw constraint('[]', `requestItems.${name}.member.keys`, 'Member must have length greater than or equal to 1');
        const keys = (request.Keys as unknown[]).map((k) => checkKeyParameter(spec, readItem(k, 'keys')));
        const names = [spec.hash.name, ...(spec.range ? [spec.range.name] : [])];
        if (new Set(keys.map((k) => keyId(k, names))).size !== keys.length) throw invalidParameter('Provided list of item keys contains duplicates');
        plans.push({ spec, keys, projection: compileRequestExpressions(request).projection });
      }
      const responses: Record<string, Item[]> = {};
      for (const plan of plans) {
        const rows = await ctx.store.getItems(plan.spec.name, plan.keys.map((k) => rowKeyOf(plan.spec, k)));
        responses[plan.spec.name] = rows.map(parseRow).filter((i): i is Item => !!i).map((i) => applyProjection(i, plan.projection));
      }
      return { Responses: responses, UnprocessedKeys: {} };
    },

    async batchWriteItem(input: Raw) {
      const tables = requestItems(input);
      const writes: PreparedWrite[] = [];
      for (const [name, raw] of tables) {
        const { spec } = await requireTable(ctx, name);
        if (!Array.isArray(raw) || raw.length === 0) throw constraint('[]', `requestItems.${name}.member`, 'Member must have length greater than or equal to 1');
        for (const entry of raw as Raw[]) {
          const put = entry?.PutRequest as Raw | undefined;
          const del = entry?.DeleteRequest as Raw | undefined;
          if (!put === !del) throw validation('Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes');
          writes.push(put ? preparePut(spec, { Item: put.Item }, undefined) : prepareDelete(spec, { Key: del!.Key }, undefined));
        }
      }
      if (writes.length > MAX_BATCH_WRITES) {
        throw validation(`1 validation error detected: Value at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to ${MAX_BATCH_WRITES}, Member must have length greater than or equal to 1]`);
      }
      const ids = writes.map((w) => `${w.spec.name}\0${w.target.pk.toString('hex')}\0${w.target.sk.toString('hex')}`);
      if (new Set(ids).size !== ids.length) throw invalidParameter('Provided list of item keys contains duplicates');
      try {
        await applyWrites(ctx, writes);
      } catch (err) {
        throw err instanceof WriteFailure ? err.error : err;
      }
      return { UnprocessedItems: {} };
    },
  };
}

export { TablesError };
