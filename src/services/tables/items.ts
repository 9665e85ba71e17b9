/** GetItem, PutItem, UpdateItem and DeleteItem (API Reference of each action). */
import { type Item, itemSize, readItem } from './attribute-values';
import { consumed, readUnits, writeUnits } from './capacity';
import { type TablesContext, requireTable } from './context';
import { TablesError, conditionalCheckFailed, invalidParameter, validation } from './errors';
import { checkItemKey, checkKeyParameter, keyOf } from './keys';
import { applyProjection, compileRequestExpressions } from './request-expressions';
import type { TableSpec } from './table-spec';
import { type PreparedWrite, WriteFailure, applyWrites, parseRow, prepare } from './writes';
import { rowKeyOf } from './keys';
import { project } from './expressions/projection';
import { legacyUpdate } from './legacy';

type Raw = Record<string, unknown>;

const RETURN_VALUES = {
  PutItem: ['NONE', 'ALL_OLD'],
  DeleteItem: ['NONE', 'ALL_OLD'],
  UpdateItem: ['NONE', 'ALL_OLD', 'UPDATED_OLD', 'ALL_NEW', 'UPDATED_NEW'],
} as const;

export function returnValuesOf(input: Raw, action: keyof typeof RETURN_VALUES): string {
  const rv = input.ReturnValues ?? 'NONE';
  if (!(RETURN_VALUES[action] as readonly unknown[]).includes(rv)) throw validation('Return values set to invalid value');
  const onFailure = input.ReturnValuesOnConditionCheckFailure ?? 'NONE';
  if (onFailure !== 'NONE' && onFailure !== 'ALL_OLD') {
    throw validation(`1 validation error detected: Value '${String(onFailure)}' at 'returnValuesOnConditionCheckFailure' failed to satisfy constraint: Member must satisfy enum value set: [ALL_OLD, NONE]`);
  }
  return rv as string;
}

/** A single-item write's failure as the API reports it. */
async function runSingle(ctx: TablesContext, write: PreparedWrite) {
  try {
    return (await applyWrites(ctx, [write]))[0];
  } catch (err) {
    if (err instanceof WriteFailure) {
      if (err.error.code === 'ConditionalCheckFailedException') throw conditionalCheckFailed(err.item);
      throw err.error;
    }
    throw err;
  }
}

const attributes = (item: Item | undefined) => (item && Object.keys(item).length > 0 ? { Attributes: item } : {});

/** The pieces of a PutItem (also used by BatchWriteItem and TransactWriteItems). */
export function preparePut(spec: TableSpec, input: Raw, condition = compileRequestExpressions(input).condition): PreparedWrite {
  const item = readItem(input.Item, 'item');
  checkItemKey(spec, item);
  if (itemSize(item) > 400 * 1024) throw validation('Item size has exceeded the maximum allowed size');
  return prepare(spec, keyOf(spec, item), { condition, next: () => item, returnOldOnFailure: input.ReturnValuesOnConditionCheckFailure === 'ALL_OLD' });
}

export function prepareDelete(spec: TableSpec, input: Raw, condition = compileRequestExpressions(input).condition): PreparedWrite {
  const key = checkKeyParameter(spec, readItem(input.Key, 'key'));
  return prepare(spec, key, { condition, next: () => undefined, returnOldOnFailure: input.ReturnValuesOnConditionCheckFailure === 'ALL_OLD' });
}

export function prepareUpdate(spec: TableSpec, input: Raw): { write: PreparedWrite; paths: (string | number)[][] } {
  const key = checkKeyParameter(spec, readItem(input.Key, 'key'));
  const compiled = compileRequestExpressions(input);
  const { condition } = compiled;
  const update = input.AttributeUpdates !== undefined ? legacyUpdate(input.AttributeUpdates as Record<string, Record<string, unknown>>) : compiled.update;
  const keyNames = Object.keys(key);
  for (const path of update?.paths ?? []) {
    if (keyNames.includes(path[0] as string)) throw invalidParameter(`Cannot update attribute ${String(path[0])}. This attribute is part of the key`);
  }
  const write = prepare(spec, key, {
    condition,
    next: (current) => (update ? update.apply(current ?? key) : (current ?? key)),
    returnOldOnFailure: input.ReturnValuesOnConditionCheckFailure === 'ALL_OLD',
    tooLargeMessage: 'Item size to update has exceeded the maximum allowed size',
  });
  return { write, paths: update?.paths ?? [] };
}

export function createItemOperations(ctx: TablesContext) {
  return {
    async getItem(input: Raw) {
      const { spec } = await requireTable(ctx, input.TableName);
      const key = checkKeyParameter(spec, readItem(input.Key, 'key'));
      const { projection } = compileRequestExpressions(input);
      const [row] = await ctx.store.getItems(spec.name, [rowKeyOf(spec, key)]);
      const item = parseRow(row);
      const units = readUnits(row ? itemSize(item!) : 0, input.ConsistentRead === true);
      return { ...(item && { Item: applyProjection(item, projection) }), ...consumed(input, spec.name, units) };
    },

    async putItem(input: Raw) {
      const { spec } = await requireTable(ctx, input.TableName);
      const rv = returnValuesOf(input, 'PutItem');
      const write = preparePut(spec, input);
      const outcome = await runSingle(ctx, write);
      return { ...(rv === 'ALL_OLD' && attributes(outcome.old)), ...consumed(input, spec.name, writeUnits(itemSize(outcome.new ?? {}))) };
    },

    async deleteItem(input: Raw) {
      const { spec } = await requireTable(ctx, input.TableName);
      const rv = returnValuesOf(input, 'DeleteItem');
      const outcome = await runSingle(ctx, prepareDelete(spec, input));
      return { ...(rv === 'ALL_OLD' && attributes(outcome.old)), ...consumed(input, spec.name, writeUnits(itemSize(outcome.old ?? {}))) };
    },

    async updateItem(input: Raw) {
      const { spec } = await requireTable(ctx, input.TableName);
      const rv = returnValuesOf(input, 'UpdateItem');
      const { write, paths } = prepareUpdate(spec, input);
      const outcome = await runSingle(ctx, write);
      const returned =
        rv === 'ALL_OLD' ? outcome.old
        : rv === 'ALL_NEW' ? outcome.new
        : rv === 'UPDATED_OLD' ? outcome.old && project(outcome.old, paths)
        : rv === 'UPDATED_NEW' ? outcome.new && project(outcome.new, paths)
        : undefined;
      return { ...attributes(returned), ...consumed(input, spec.name, writeUnits(itemSize(outcome.new ?? {}))) };
    },
  };
}

export { TablesError };
