/**
 * KeyConditionExpression: `pk = :v`, optionally AND one sort-key condition (=, <, <=, >, >=,
 * BETWEEN, begins_with), turned into the engine's range (Query in the API Reference,
 * "KeyConditionExpression"). Anything else is one of DynamoDB's key-condition errors.
 */
import type { SortCondition } from '../../engine/types';
import { type AttributeValue, typeOf } from './attribute-values';
import { invalidParameter, validation } from './errors';
import type { Condition, Operand } from './expressions/ast';
import type { ExpressionContext } from './expressions/names';
import { encodeKeyValue } from './key-encoding';
import type { KeyDef } from './table-spec';

const KIND = 'KeyConditionExpression';

export interface KeyRange {
  pk: Buffer;
  pkValue: AttributeValue;
  sort?: SortCondition;
}

const unsupported = () => validation('Query key condition not supported');

export function readKeyCondition(node: Condition, ctx: ExpressionContext, hash: KeyDef, range: KeyDef | undefined): KeyRange {
  const parts = node.type === 'and' ? [node.left, node.right] : [node];
  if (parts.some((p) => p.type === 'and' || p.type === 'or' || p.type === 'not' || p.type === 'in')) {
    throw validation(node.type === 'and' ? 'Conditions can be of length 1 or 2 only' : 'Invalid operator used in KeyConditionExpression: ' + node.type.toUpperCase());
  }
  let pkValue: AttributeValue | undefined;
  let sort: SortCondition | undefined;
  for (const part of parts) {
    const attribute = attributeOf(part, ctx);
    if (attribute === hash.name && part.type === 'compare' && part.op === '=') {
      if (pkValue) throw unsupported();
      pkValue = valueOf(part.right, ctx, hash);
    } else if (range && attribute === range.name) {
      if (sort) throw unsupported();
      sort = sortCondition(part, ctx, range);
    } else if (attribute === hash.name) throw unsupported();
    else throw validation(`Query condition missed key schema element: ${range && pkValue ? range.name : hash.name}`);
  }
  if (!pkValue) throw validation(`Query condition missed key schema element: ${hash.name}`);
  return { pk: encodeKeyValue(pkValue), pkValue, sort };
}

/** The key attribute a condition part is about (its first operand must be a path). */
function attributeOf(part: Condition, ctx: ExpressionContext): string {
  const first: Operand | undefined = part.type === 'compare' ? part.left : part.type === 'between' ? part.value : part.type === 'function' ? part.args[0] : undefined;
  if (!first || first.type !== 'path') throw unsupported();
  const path = ctx.path(KIND, first);
  if (path.length !== 1) throw validation('Key condition expressions cannot have nested attribute paths');
  return path[0] as string;
}

function valueOf(o: Operand, ctx: ExpressionContext, def: KeyDef): AttributeValue {
  if (o.type !== 'value') throw unsupported();
  const v = ctx.value(KIND, o.ref);
  if (typeOf(v) !== def.type) throw invalidParameter('Condition parameter type does not match schema type');
  return v;
}

function sortCondition(part: Condition, ctx: ExpressionContext, range: KeyDef): SortCondition {
  if (part.type === 'compare') {
    if (part.op === '<>') throw unsupported();
    return { op: part.op, value: encodeKeyValue(valueOf(part.right, ctx, range)) };
  }
  if (part.type === 'between') {
    const low = valueOf(part.low, ctx, range);
    const high = valueOf(part.high, ctx, range);
    const [l, h] = [encodeKeyValue(low), encodeKeyValue(high)];
    if (Buffer.compare(l, h) > 0) {
      throw validation(
        `Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {${typeOf(low)}:${Object.values(low)[0]}}, upper bound operand: AttributeValue: {${typeOf(high)}:${Object.values(high)[0]}}`,
      );
    }
    return { op: 'between', low: l, high: h };
  }
  if (part.type === 'function' && part.name === 'begins_with' && part.args.length === 2) {
    if (range.type === 'N') throw validation(`Invalid ${KIND}: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N`);
    return { op: 'prefix', value: encodeKeyValue(valueOf(part.args[1], ctx, range)) };
  }
  if (part.type === 'function') throw validation(`Invalid ${KIND}: Invalid operator used in KeyConditionExpression: ${part.name}`);
  throw unsupported();
}
