/**
 * From items to engine rows: the item's key (checked against the schema with DynamoDB's
 * messages), its encoded row key, and the entries it has in each secondary index (sparse: an
 * item without an index's key attributes is not in that index).
 */
import type { IndexEntry, ItemPut, ItemTarget, RowKey } from '../../engine/types';
import { type AttributeValue, type Item, itemSize, typeOf } from './attribute-values';
import { invalidParameter, keySchemaMismatch, validation } from './errors';
import { encodeKeyValue, hashKey } from './key-encoding';
import type { IndexSpec, KeyDef, TableSpec } from './table-spec';
import { keyNames } from './table-spec';

const EMPTY = Buffer.alloc(0);
export const MAX_PARTITION_KEY_BYTES = 2048;
export const MAX_SORT_KEY_BYTES = 1024;

const emptyKey = (name: string) =>
  validation(`One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: ${name}`);

function checkKeyValue(def: KeyDef, value: AttributeValue, isRange: boolean): void {
  const bytes = encodeKeyValue(value).length;
  if (bytes === 0) throw emptyKey(def.name);
  if (!isRange && bytes > MAX_PARTITION_KEY_BYTES) throw invalidParameter(`Size of hashkey has exceeded the maximum size limit of${MAX_PARTITION_KEY_BYTES} bytes`);
  if (isRange && bytes > MAX_SORT_KEY_BYTES) throw invalidParameter(`Aggregated size of all range keys has exceeded the size limit of ${MAX_SORT_KEY_BYTES} bytes`);
}

/** PutItem's Item: the key attributes must be there, of the declared type, not empty. */
export function checkItemKey(spec: TableSpec, item: Item): void {
  for (const [def, isRange] of [[spec.hash, false], [spec.range, true]] as const) {
    if (!def) continue;
    const value = item[def.name];
    if (!value) throw invalidParameter(`Missing the key ${def.name} in the item`);
    if (typeOf(value) !== def.type) throw invalidParameter(`Type mismatch for key ${def.name} expected: ${def.type} actual: ${typeOf(value)}`);
    checkKeyValue(def, value, isRange);
  }
  for (const index of spec.indexes) indexKeyOf(index, item);
}

/** A Key parameter (GetItem, DeleteItem, UpdateItem…): exactly the key attributes. */
export function checkKeyParameter(spec: TableSpec, key: Item): Item {
  const names = Object.keys(key);
  const expected = [spec.hash, spec.range].filter((d): d is KeyDef => !!d);
  if (names.length !== expected.length || expected.some((d) => !key[d.name] || typeOf(key[d.name]) !== d.type)) throw keySchemaMismatch();
  expected.forEach((d, i) => checkKeyValue(d, key[d.name], i === 1));
  return key;
}

export const keyOf = (spec: TableSpec, item: Item): Item => {
  const key: Item = { [spec.hash.name]: item[spec.hash.name] };
  if (spec.range) key[spec.range.name] = item[spec.range.name];
  return key;
};

export function rowKeyOf(spec: TableSpec, item: Item): RowKey {
  return { pk: encodeKeyValue(item[spec.hash.name]), sk: spec.range ? encodeKeyValue(item[spec.range.name]) : EMPTY };
}

export const targetOf = (spec: TableSpec, item: Item): ItemTarget => ({ table: spec.name, ...rowKeyOf(spec, item) });

/** The index's key of an item, or undefined when the item is not in the index (sparse). */
function indexKeyOf(index: IndexSpec, item: Item): RowKey | undefined {
  const hash = item[index.hash.name];
  const range = index.range ? item[index.range.name] : undefined;
  for (const [def, value] of [[index.hash, hash], [index.range, range]] as const) {
    if (!def || !value) continue;
    if (typeOf(value) !== def.type) {
      throw invalidParameter(`Type mismatch for Index Key ${def.name} Expected: ${def.type} Actual: ${typeOf(value)} IndexName: ${index.name}`);
    }
    if (encodeKeyValue(value).length === 0) {
      throw validation(
        `One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty string value. IndexName: ${index.name}, IndexKey: ${def.name}`,
      );
    }
  }
  if (!hash || (index.range && !range)) return undefined;
  return { pk: encodeKeyValue(hash), sk: range ? encodeKeyValue(range) : EMPTY };
}

/** The attributes an index keeps of an item. */
export function projectForIndex(spec: TableSpec, index: IndexSpec, item: Item): Item {
  if (index.projection.type === 'ALL') return item;
  const names = [...keyNames(spec, index), ...(index.projection.nonKeyAttributes ?? [])];
  const out: Item = {};
  for (const n of names) if (item[n]) out[n] = item[n];
  return out;
}

export function indexEntries(spec: TableSpec, item: Item): IndexEntry[] {
  const entries: IndexEntry[] = [];
  for (const index of spec.indexes) {
    const key = indexKeyOf(index, item);
    if (key) entries.push({ index: index.name, ...key, hash: hashKey(key.pk), item: JSON.stringify(projectForIndex(spec, index, item)) });
  }
  return entries;
}

/** The engine write for an item's new state. */
export function itemPut(spec: TableSpec, item: Item): ItemPut {
  const ttlValue = spec.ttl?.enabled ? item[spec.ttl.attribute] : undefined;
  const expiresAt = ttlValue && 'N' in ttlValue ? Math.floor(Number(ttlValue.N)) : undefined;
  const { pk } = rowKeyOf(spec, item);
  return {
    item: JSON.stringify(item),
    size: itemSize(item),
    hash: hashKey(pk),
    ...(expiresAt !== undefined && Number.isSafeInteger(expiresAt) && { expiresAt }),
    entries: indexEntries(spec, item),
  };
}
