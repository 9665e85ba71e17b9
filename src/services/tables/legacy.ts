/**
 * The legacy conditional parameters, still accepted by DynamoDB and sent by older code:
 * Expected and QueryFilter/ScanFilter (with ConditionalOperator), KeyConditions and
 * AttributeUpdates ("Legacy conditional parameters", Amazon DynamoDB Developer Guide). They
 * compile to the same predicates, key ranges and update functions as the expressions. A request
 * may not mix them with expression parameters.
 */
import type { SortCondition } from '../../engine/types';
import { type AttributeValue, type Item, equalValues, readValue, typeOf } from './attribute-values';
import { invalidParameter, validation } from './errors';
import type { Predicate } from './expressions/condition';
import { compareValues } from './expressions/condition';
import { addNumbers } from './numbers';
import { encodeKeyValue } from './key-encoding';
import type { KeyRange } from './key-condition';
import type { KeyDef } from './table-spec';

type Raw = Record<string, unknown>;

const PAIRS: [legacy: string, expression: string][] = [
  ['Expected', 'ConditionExpression'],
  ['AttributeUpdates', 'UpdateExpression'],
  ['KeyConditions', 'KeyConditionExpression'],
  ['QueryFilter', 'FilterExpression'],
  ['ScanFilter', 'FilterExpression'],
  ['AttributesToGet', 'ProjectionExpression'],
];

/** DynamoDB's refusal of requests that mix the two styles. */
export function checkNotMixed(input: Raw): void {
  const legacy = PAIRS.map(([l]) => l).filter((l) => input[l] !== undefined);
  const expressions = [...new Set(PAIRS.map(([, e]) => e))].filter((e) => input[e] !== undefined);
  if (legacy.length > 0 && expressions.length > 0) {
    throw validation(`Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {${legacy.join(', ')}} Expression parameters: {${expressions.join(', ')}}`);
  }
}

const ARITY: Record<string, [number, number]> = {
  EQ: [1, 1], NE: [1, 1], LE: [1, 1], LT: [1, 1], GE: [1, 1], GT: [1, 1], NOT_NULL: [0, 0], NULL: [0, 0],
  CONTAINS: [1, 1], NOT_CONTAINS: [1, 1], BEGINS_WITH: [1, 1], IN: [1, 100], BETWEEN: [2, 2],
};

function condition(name: string, raw: Raw): Predicate {
  if (raw.ComparisonOperator === undefined) {
    // Expected's short forms: {Value} (must equal), {Exists: false} (must be absent).
    if (raw.Exists === false) {
      if (raw.Value !== undefined) throw invalidParameter(`Value cannot be used when Exists is false for Attribute: ${name}`);
      return (item) => item[name] === undefined;
    }
    if (raw.Value === undefined) throw invalidParameter(`Value must be provided when Exists is true for Attribute: ${name}`);
    const v = readValue(raw.Value);
    return (item) => !!item[name] && equalValues(item[name], v);
  }
  const op = String(raw.ComparisonOperator);
  const arity = ARITY[op];
  if (!arity) throw validation(`1 validation error detected: Value '${op}' at 'comparisonOperator' failed to satisfy constraint: Member must satisfy enum value set: [${Object.keys(ARITY).join(', ')}]`);
  const values = (Array.isArray(raw.AttributeValueList) ? raw.AttributeValueList : []).map((v) => readValue(v));
  if (values.length < arity[0] || values.length > arity[1]) throw invalidParameter(`Invalid number of argument(s) for the ${op} ComparisonOperator`);
  const [a, b] = values;
  const cmp = (x: AttributeValue | undefined, y: AttributeValue) => (x ? compareValues(x, y) : undefined);
  switch (op) {
    case 'EQ': return (item) => !!item[name] && equalValues(item[name], a);
    case 'NE': return (item) => !item[name] || !equalValues(item[name], a);
    case 'LT': return (item) => (cmp(item[name], a) ?? 0) < 0 && cmp(item[name], a) !== undefined;
    case 'LE': return (item) => cmp(item[name], a) !== undefined && cmp(item[name], a)! <= 0;
    case 'GT': return (item) => (cmp(item[name], a) ?? 0) > 0;
    case 'GE': return (item) => cmp(item[name], a) !== undefined && cmp(item[name], a)! >= 0;
    case 'NOT_NULL': return (item) => item[name] !== undefined;
    case 'NULL': return (item) => item[name] === undefined;
    case 'BEGINS_WITH': return (item) => { const v = item[name]; return !!v && 'S' in v && 'S' in a ? v.S.startsWith(a.S) : false; };
    case 'IN': return (item) => !!item[name] && values.some((v) => equalValues(item[name], v));
    case 'BETWEEN': return (item) => (cmp(item[name], a) ?? -1) >= 0 && (cmp(item[name], b) ?? 1) <= 0;
    default: {
      const contains = (v: AttributeValue | undefined) => {
        if (!v) return false;
        if ('S' in v) return 'S' in a && v.S.includes(a.S);
        if ('SS' in v) return 'S' in a && v.SS.includes(a.S);
        if ('NS' in v) return 'N' in a && v.NS.some((n) => compareValues({ N: n }, a) === 0);
        if ('L' in v) return v.L.some((e) => equalValues(e, a));
        return false;
      };
      return op === 'CONTAINS' ? (item) => contains(item[name]) : (item) => item[name] !== undefined && !contains(item[name]);
    }
  }
}

/** Expected, QueryFilter or ScanFilter (with ConditionalOperator AND | OR) as one predicate. */
export function legacyPredicate(conditions: unknown, operator: unknown): Predicate | undefined {
  if (conditions === undefined || conditions === null) return undefined;
  const parts = Object.entries(conditions as Record<string, Raw>).map(([name, raw]) => condition(name, raw ?? {}));
  if (operator !== undefined && operator !== 'AND' && operator !== 'OR') throw validation(`1 validation error detected: Value '${String(operator)}' at 'conditionalOperator' failed to satisfy constraint: Member must satisfy enum value set: [AND, OR]`);
  return operator === 'OR' ? (item) => parts.some((p) => p(item)) : (item) => parts.every((p) => p(item));
}

/** KeyConditions: EQ on the partition key; EQ, LE, LT, GE, GT, BEGINS_WITH or BETWEEN on the sort key. */
export function legacyKeyRange(raw: Raw, hash: KeyDef, range: KeyDef | undefined): KeyRange {
  const entry = (name: string) => raw[name] as Raw | undefined;
  const values = (e: Raw) => (Array.isArray(e.AttributeValueList) ? e.AttributeValueList : []).map((v) => readValue(v));
  const typed = (def: KeyDef, v: AttributeValue | undefined) => {
    if (!v || typeOf(v) !== def.type) throw invalidParameter('Condition parameter type does not match schema type');
    return v;
  };
  const h = entry(hash.name);
  if (!h || h.ComparisonOperator !== 'EQ') throw validation(`Query condition missed key schema element: ${hash.name}`);
  const pkValue = typed(hash, values(h)[0]);
  const extra = Object.keys(raw).filter((k) => k !== hash.name && k !== range?.name);
  if (extra.length > 0) throw validation('Query condition missed key schema element');
  const r = range ? entry(range.name) : undefined;
  let sort: SortCondition | undefined;
  if (r && range) {
    const [a, b] = values(r).map((v) => encodeKeyValue(typed(range, v)));
    const ops: Record<string, SortCondition['op']> = { EQ: '=', LE: '<=', LT: '<', GE: '>=', GT: '>' };
    if (ops[String(r.ComparisonOperator)]) sort = { op: ops[String(r.ComparisonOperator)] as '=', value: a };
    else if (r.ComparisonOperator === 'BETWEEN') sort = { op: 'between', low: a, high: b };
    else if (r.ComparisonOperator === 'BEGINS_WITH') sort = { op: 'prefix', value: a };
    else throw validation(`Unsupported operator on KeySchema: ${String(r.ComparisonOperator)}`);
  }
  return { pk: encodeKeyValue(pkValue), pkValue, sort };
}

/** AttributeUpdates: PUT (default), ADD (numbers and sets), DELETE (the attribute, or set elements). */
export function legacyUpdate(raw: Record<string, Raw>): { paths: string[][]; apply(item: Item): Item } {
  const steps = Object.entries(raw).map(([name, u]) => {
    const action = (u?.Action as string | undefined) ?? 'PUT';
    const value = u?.Value === undefined ? undefined : readValue(u.Value);
    return (item: Item): Item => {
      const next = { ...item };
      const current = item[name];
      if (action === 'PUT') {
        if (!value) throw invalidParameter(`Only DELETE action is allowed when no attribute value is specified: ${name}`);
        next[name] = value;
      } else if (action === 'DELETE') {
        if (!value) delete next[name];
        else if (current) {
          const type = typeOf(value) as 'SS' | 'NS' | 'BS';
          if (typeOf(current) !== type) throw invalidParameter('Type mismatch for attribute to update');
          const left = (current as Record<string, string[]>)[type].filter((e) => !(value as Record<string, string[]>)[type].includes(e));
          if (left.length > 0) next[name] = { [type]: left } as AttributeValue;
          else delete next[name];
        }
      } else if (action === 'ADD') {
        if (!value) throw invalidParameter(`Only DELETE action is allowed when no attribute value is specified: ${name}`);
        if ('N' in value) next[name] = current && 'N' in current ? { N: addNumbers(current.N, value.N) } : value;
        else if ('SS' in value || 'NS' in value || 'BS' in value) {
          const type = typeOf(value) as 'SS' | 'NS' | 'BS';
          const existing = current ? (current as Record<string, string[]>)[type] ?? [] : [];
          next[name] = { [type]: [...existing, ...(value as Record<string, string[]>)[type].filter((e) => !existing.includes(e))] } as AttributeValue;
        } else throw invalidParameter('One or more parameter values were invalid: ADD action is not supported for the type ' + typeOf(value));
      } else throw validation(`1 validation error detected: Value '${action}' at 'attributeUpdates.${name}.member.action' failed to satisfy constraint: Member must satisfy enum value set: [ADD, PUT, DELETE]`);
      return next;
    };
  });
  return { paths: Object.keys(raw).map((n) => [n]), apply: (item) => steps.reduce((i, step) => step(i), item) };
}
