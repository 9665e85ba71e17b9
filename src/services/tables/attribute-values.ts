/**
 * DynamoDB's AttributeValue, as it travels on the wire (binary as base64), with the checks
 * DynamoDB applies to every value a request carries ("Data types" and "Item sizes and formats",
 * Amazon DynamoDB Developer Guide). Values are normalised once on the way in: numbers in plain
 * notation, binary as canonical base64, so equality is string equality except for sets.
 */
import { canonicalNumber } from './numbers';
import { TablesError, invalidParameter, validation } from './errors';

export type AttributeValue =
  | { S: string }
  | { N: string }
  | { B: string }
  | { SS: string[] }
  | { NS: string[] }
  | { BS: string[] }
  | { M: Item }
  | { L: AttributeValue[] }
  | { NULL: true }
  | { BOOL: boolean };

export type Item = Record<string, AttributeValue>;
export type TypeName = 'S' | 'N' | 'B' | 'SS' | 'NS' | 'BS' | 'M' | 'L' | 'NULL' | 'BOOL';

export const TYPE_NAMES: readonly TypeName[] = ['S', 'N', 'B', 'SS', 'NS', 'BS', 'M', 'L', 'NULL', 'BOOL'];

/** The maximum item size: 400 KB, names included. */
export const MAX_ITEM_BYTES = 400 * 1024;
export const MAX_DEPTH = 32;

export const typeOf = (v: AttributeValue): TypeName => Object.keys(v)[0] as TypeName;

const serialization = (message: string) => new TablesError('SerializationException', message);

/** Checks and normalises one value from a request (a fresh copy; the input is not changed). */
export function readValue(raw: unknown, depth = 0): AttributeValue {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw serialization('Unexpected value type in payload');
  if (depth > MAX_DEPTH) throw validation('Nesting Levels have exceeded supported limits');
  const keys = Object.keys(raw).filter((k) => (raw as Record<string, unknown>)[k] !== null);
  if (keys.length === 0) throw validation('Supplied AttributeValue is empty, must contain exactly one of the supported datatypes');
  if (keys.length > 1) throw validation('Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes');
  const type = keys[0];
  const v = (raw as Record<string, unknown>)[type];
  switch (type) {
    case 'S':
      if (typeof v !== 'string') throw serialization('NUMBER_VALUE cannot be converted to String');
      return { S: v };
    case 'N':
      if (typeof v !== 'string') throw serialization('NUMBER_VALUE cannot be converted to String');
      return { N: canonicalNumber(v) };
    case 'B':
      return { B: readBase64(v) };
    case 'BOOL':
      if (typeof v !== 'boolean') throw serialization('Unexpected value type in payload');
      return { BOOL: v };
    case 'NULL':
      if (v !== true) throw invalidParameter('Null attribute value types must have the value of true');
      return { NULL: true };
    case 'SS':
    case 'NS':
    case 'BS':
      return readSet(type, v);
    case 'L':
      if (!Array.isArray(v)) throw serialization('Unexpected value type in payload');
      return { L: v.map((e) => readValue(e, depth + 1)) };
    case 'M':
      if (typeof v !== 'object' || v === null || Array.isArray(v)) throw serialization('Unexpected value type in payload');
      return { M: readItemMap(v as Record<string, unknown>, depth + 1) };
    default:
      throw serialization(`Unknown AttributeValue type: ${type}`);
  }
}

export function readItemMap(raw: Record<string, unknown>, depth = 0): Item {
  const out: Item = {};
  for (const [name, value] of Object.entries(raw)) out[name] = readValue(value, depth);
  return out;
}

/** A request's Item / Key / ExpressionAttributeValues member. */
export function readItem(raw: unknown, member: string): Item {
  if (raw === undefined || raw === null) throw validation(`1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`);
  if (typeof raw !== 'object' || Array.isArray(raw)) throw serialization('Unexpected value type in payload');
  return readItemMap(raw as Record<string, unknown>);
}

function readBase64(v: unknown): string {
  if (typeof v !== 'string') throw serialization('Unexpected value type in payload');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(v.replace(/\s/g, ''))) throw serialization('Base64 encoded length is expected a multiple of 4 bytes but found: ' + v.length);
  return Buffer.from(v, 'base64').toString('base64');
}

const SET_NAMES = { SS: 'string', NS: 'number', BS: 'binary' } as const;

function readSet(type: 'SS' | 'NS' | 'BS', v: unknown): AttributeValue {
  if (!Array.isArray(v)) throw serialization('Unexpected value type in payload');
  if (v.length === 0) {
    throw invalidParameter(type === 'BS' ? 'Binary sets should not be empty' : `An ${SET_NAMES[type]} set  may not be empty`);
  }
  const elements = v.map((e) => {
    if (typeof e !== 'string') throw serialization('Unexpected value type in payload');
    return type === 'NS' ? canonicalNumber(e) : type === 'BS' ? readBase64(e) : e;
  });
  if (new Set(elements).size !== elements.length) throw invalidParameter(`Input collection [${v.join(', ')}] contains duplicates.`);
  return { [type]: elements } as AttributeValue;
}

/** DynamoDB's size of a value in bytes ("Item sizes and formats"). */
export function valueSize(v: AttributeValue): number {
  if ('S' in v) return Buffer.byteLength(v.S);
  if ('N' in v) return numberSize(v.N);
  if ('B' in v) return Buffer.byteLength(v.B, 'base64');
  if ('SS' in v) return v.SS.reduce((n, s) => n + Buffer.byteLength(s), 0);
  if ('NS' in v) return v.NS.reduce((n, s) => n + numberSize(s), 0);
  if ('BS' in v) return v.BS.reduce((n, s) => n + Buffer.byteLength(s, 'base64'), 0);
  if ('L' in v) return 3 + v.L.reduce((n, e) => n + 1 + valueSize(e), 0);
  if ('M' in v) return 3 + Object.entries(v.M).reduce((n, [k, e]) => n + 1 + Buffer.byteLength(k) + valueSize(e), 0);
  return 1;
}

/** About one byte per two significant digits, plus one. */
function numberSize(n: string): number {
  const digits = n.replace(/[-.]/g, '').replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil(digits.length / 2) + 1;
}

export function itemSize(item: Item): number {
  let n = 0;
  for (const [name, value] of Object.entries(item)) n += Buffer.byteLength(name) + valueSize(value);
  return n;
}

export function equalValues(a: AttributeValue, b: AttributeValue): boolean {
  const t = typeOf(a);
  if (t !== typeOf(b)) return false;
  switch (t) {
    case 'SS':
    case 'NS':
    case 'BS': {
      const x = (a as Record<string, string[]>)[t];
      const y = new Set((b as Record<string, string[]>)[t]);
      return x.length === y.size && x.every((e) => y.has(e));
    }
    case 'L': {
      const x = (a as { L: AttributeValue[] }).L;
      const y = (b as { L: AttributeValue[] }).L;
      return x.length === y.length && x.every((e, i) => equalValues(e, y[i]));
    }
    case 'M': {
      const x = (a as { M: Item }).M;
      const y = (b as { M: Item }).M;
      const keys = Object.keys(x);
      return keys.length === Object.keys(y).length && keys.every((k) => k in y && equalValues(x[k], y[k]));
    }
    default:
      return (a as Record<string, unknown>)[t] === (b as Record<string, unknown>)[t];
  }
}

/** For messages: `{S: a}` as DynamoDB prints values in some errors. */
export const describeValue = (v: AttributeValue) => `{${typeOf(v)}: ${JSON.stringify(Object.values(v)[0])}}`;
