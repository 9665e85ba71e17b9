/**
 * Condition and filter expressions: compiled once per request (names and values resolved, the
 * operand types DynamoDB checks up front rejected), then evaluated per item. Semantics: the
 * Developer Guide's "Condition and filter expressions, operators, and functions" — comparisons
 * of different types, and of missing attributes, are false, never errors.
 */
import { type AttributeValue, type Item, type TypeName, TYPE_NAMES, equalValues, typeOf } from '../attribute-values';
import { validation } from '../errors';
import { compareNumbers } from '../numbers';
import type { Condition, Operand } from './ast';
import type { ExpressionContext } from './names';
import type { ExpressionKind } from './parser';
import { getPath } from './paths';

export type Predicate = (item: Item) => boolean;
type Value = (item: Item) => AttributeValue | undefined;

export const MAX_IN_OPERANDS = 100;

const badOperand = (kind: ExpressionKind, fn: string, type: string) =>
  validation(`Invalid ${kind}: Incorrect operand type for operator or function; operator or function: ${fn}, operand type: ${type}`);

export function compileCondition(kind: ExpressionKind, node: Condition, ctx: ExpressionContext): Predicate {
  const operand = (o: Operand): { get: Value; constant?: AttributeValue } => {
    if (o.type === 'value') {
      const v = ctx.value(kind, o.ref);
      return { get: () => v, constant: v };
    }
    const path = ctx.path(kind, o.type === 'size' ? o.path : o);
    if (o.type === 'path') return { get: (item) => getPath(item, path) };
    return { get: (item) => sizeOf(getPath(item, path)) };
  };
  const ordered = (fn: string, ...ops: { constant?: AttributeValue }[]) => {
    for (const o of ops) if (o.constant && !['N', 'S', 'B'].includes(typeOf(o.constant))) throw badOperand(kind, fn, typeOf(o.constant));
  };
  switch (node.type) {
    case 'and': {
      const [l, r] = [compileCondition(kind, node.left, ctx), compileCondition(kind, node.right, ctx)];
      return (item) => l(item) && r(item);
    }
    case 'or': {
      const [l, r] = [compileCondition(kind, node.left, ctx), compileCondition(kind, node.right, ctx)];
      return (item) => l(item) || r(item);
    }
    case 'not': {
      const c = compileCondition(kind, node.condition, ctx);
      return (item) => !c(item);
    }
    case 'compare': {
      const [l, r] = [operand(node.left), operand(node.right)];
      if (node.op !== '=' && node.op !== '<>') ordered(node.op, l, r);
      const op = node.op;
      return (item) => {
        const [a, b] = [l.get(item), r.get(item)];
        if (op === '=') return !!a && !!b && equalValues(a, b);
        if (op === '<>') return !!a && !!b && !equalValues(a, b);
        const c = a && b ? compareValues(a, b) : undefined;
        if (c === undefined) return false;
        return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
      };
    }
    case 'between': {
      const [v, lo, hi] = [operand(node.value), operand(node.low), operand(node.high)];
      ordered('BETWEEN', v, lo, hi);
      if (lo.constant && hi.constant && (compareValues(lo.constant, hi.constant) ?? 0) > 0) {
        throw validation(
          `Invalid ${kind}: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {${typeOf(lo.constant)}:${Object.values(lo.constant)[0]}}, upper bound operand: AttributeValue: {${typeOf(hi.constant)}:${Object.values(hi.constant)[0]}}`,
        );
      }
      return (item) => {
        const [a, l, h] = [v.get(item), lo.get(item), hi.get(item)];
        if (!a || !l || !h) return false;
        const c1 = compareValues(a, l);
        const c2 = compareValues(a, h);
        return c1 !== undefined && c2 !== undefined && c1 >= 0 && c2 <= 0;
      };
    }
    case 'in': {
      if (node.list.length > MAX_IN_OPERANDS) throw validation(`Invalid ${kind}: The IN operator is provided with too many operands; number of operands: ${node.list.length}`);
      const v = operand(node.value);
      const list = node.list.map(operand);
      return (item) => {
        const a = v.get(item);
        return !!a && list.some((o) => {
          const b = o.get(item);
          return !!b && equalValues(a, b);
        });
      };
    }
    case 'function':
      return compileFunction(kind, node.name, node.args, operand);
  }
}

function compileFunction(
  kind: ExpressionKind,
  name: string,
  args: Operand[],
  operand: (o: Operand) => { get: Value; constant?: AttributeValue },
): Predicate {
  const arity = name === 'attribute_exists' || name === 'attribute_not_exists' ? 1 : 2;
  if (args.length !== arity) throw validation(`Invalid ${kind}: Incorrect number of operands for operator or function; operator or function: ${name}, number of operands: ${args.length}`);
  if (args[0].type !== 'path') throw validation(`Invalid ${kind}: Operator or function requires a document path; operator or function: ${name}`);
  const [target, second] = args.map(operand);
  switch (name) {
    case 'attribute_exists':
      return (item) => target.get(item) !== undefined;
    case 'attribute_not_exists':
      return (item) => target.get(item) === undefined;
    case 'attribute_type': {
      const t = second.constant;
      if (!t || !('S' in t)) throw badOperand(kind, name, t ? typeOf(t) : 'path');
      if (!TYPE_NAMES.includes(t.S as TypeName)) {
        throw validation(`Invalid ${kind}: Invalid type name found in type: ${t.S}; valid types: ${TYPE_NAMES.join(', ')}`);
      }
      return (item) => {
        const v = target.get(item);
        return !!v && typeOf(v) === t.S;
      };
    }
    case 'begins_with': {
      if (second.constant && !('S' in second.constant) && !('B' in second.constant)) throw badOperand(kind, name, typeOf(second.constant));
      return (item) => {
        const [v, p] = [target.get(item), second.get(item)];
        if (!v || !p) return false;
        if ('S' in v && 'S' in p) return v.S.startsWith(p.S);
        if ('B' in v && 'B' in p) return Buffer.from(v.B, 'base64').subarray(0, Buffer.byteLength(p.B, 'base64')).equals(Buffer.from(p.B, 'base64'));
        return false;
      };
    }
    default:
      // contains(path, operand): substring of a string, member of a set, element of a list.
      return (item) => {
        const [v, x] = [target.get(item), second.get(item)];
        if (!v || !x) return false;
        if ('S' in v) return 'S' in x && v.S.includes(x.S);
        if ('B' in v) return 'B' in x && Buffer.from(v.B, 'base64').includes(Buffer.from(x.B, 'base64'));
        if ('SS' in v) return 'S' in x && v.SS.includes(x.S);
        if ('NS' in v) return 'N' in x && v.NS.some((n) => compareNumbers(n, x.N) === 0);
        if ('BS' in v) return 'B' in x && v.BS.includes(x.B);
        if ('L' in v) return v.L.some((e) => equalValues(e, x));
        return false;
      };
  }
}

/** size(): string length, bytes, set / list / map element count; undefined for other types. */
function sizeOf(v: AttributeValue | undefined): AttributeValue | undefined {
  if (!v) return undefined;
  if ('S' in v) return { N: String([...v.S].length) };
  if ('B' in v) return { N: String(Buffer.byteLength(v.B, 'base64')) };
  if ('SS' in v) return { N: String(v.SS.length) };
  if ('NS' in v) return { N: String(v.NS.length) };
  if ('BS' in v) return { N: String(v.BS.length) };
  if ('L' in v) return { N: String(v.L.length) };
  if ('M' in v) return { N: String(Object.keys(v.M).length) };
  return undefined;
}

/** Order of two values of the same scalar type (N, S by UTF-8 bytes, B bytewise); undefined otherwise. */
export function compareValues(a: AttributeValue, b: AttributeValue): number | undefined {
  if ('N' in a && 'N' in b) return compareNumbers(a.N, b.N);
  if ('S' in a && 'S' in b) return a.S === b.S ? 0 : Buffer.compare(Buffer.from(a.S), Buffer.from(b.S));
  if ('B' in a && 'B' in b) return Buffer.compare(Buffer.from(a.B, 'base64'), Buffer.from(b.B, 'base64'));
  return undefined;
}
