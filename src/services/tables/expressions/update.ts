/**
 * Update expressions (SET, REMOVE, ADD, DELETE): compiled once per request, then applied to the
 * item as it was before the update — every operand reads the old item, as DynamoDB evaluates
 * them ("Update expressions", Amazon DynamoDB Developer Guide).
 */
import type { AttributeValue, Item } from '../attribute-values';
import { typeOf } from '../attribute-values';
import { validation } from '../errors';
import { addNumbers } from '../numbers';
import type { SetValue, UpdateClause } from './ast';
import { checkNoOverlap, type DocPath, type ExpressionContext } from './names';
import { getPath, removePath, setPath } from './paths';

const KIND = 'UpdateExpression';

export interface CompiledUpdate {
  /** Every path the update writes (UPDATED_OLD / UPDATED_NEW return these). */
  paths: DocPath[];
  apply(item: Item): Item;
}

type Step = (old: Item, next: Item) => Item;

const badOperand = (fn: string, type: string) =>
  validation(`Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: ${fn}, operand type: ${type}`);
const missingAttribute = () => validation('The provided expression refers to an attribute that does not exist in the item');

export function compileUpdate(clauses: UpdateClause[], ctx: ExpressionContext): CompiledUpdate {
  const seen = new Set<string>();
  const paths: DocPath[] = [];
  const steps: Step[] = [];
  const removeSteps = new Map<Step, DocPath>();
  for (const clause of clauses) {
    if (seen.has(clause.type)) throw validation(`Invalid UpdateExpression: The "${clause.type}" section can only be used once in an update expression;`);
    seen.add(clause.type);
    for (const action of clause.actions) {
      const path = ctx.path(KIND, action.path);
      paths.push(path);
      switch (clause.type) {
        case 'SET': {
          const value = compileValue((action as { value: SetValue }).value, ctx);
          steps.push((old, next) => setPath(next, path, value(old)));
          break;
        }
        case 'REMOVE': {
          const step: Step = (_old, next) => removePath(next, path);
          removeSteps.set(step, path);
          steps.push(step);
          break;
        }
        case 'ADD': {
          const v = ctx.value(KIND, (action as { value: { ref: string } }).value.ref);
          if (!('N' in v) && !('SS' in v) && !('NS' in v) && !('BS' in v)) throw badOperand('ADD', typeOf(v));
          steps.push((old, next) => setPath(next, path, add(getPath(old, path), v)));
          break;
        }
        case 'DELETE': {
          const v = ctx.value(KIND, (action as { value: { ref: string } }).value.ref);
          if (!('SS' in v) && !('NS' in v) && !('BS' in v)) throw badOperand('DELETE', typeOf(v));
          steps.push((old, next) => {
            const current = getPath(old, path);
            if (!current) return next;
            const left = removeFromSet(current, v);
            return left ? setPath(next, path, left) : removePath(next, path);
          });
          break;
        }
      }
    }
  }
  checkNoOverlap(KIND, paths);
  // REMOVE a[1], a[2] names elements of the list as it was: remove from the end first.
  const removals = steps.filter((st) => removeSteps.has(st)).sort((x, y) => comparePaths(removeSteps.get(y)!, removeSteps.get(x)!));
  let r = 0;
  for (let i = 0; i < steps.length; i++) if (removeSteps.has(steps[i])) steps[i] = removals[r++];
  return {
    paths,
    apply: (item) => steps.reduce((next, step) => step(item, next), item),
  };
}

function compileValue(node: SetValue, ctx: ExpressionContext): (item: Item) => AttributeValue {
  switch (node.type) {
    case 'value': {
      const v = ctx.value(KIND, node.ref);
      return () => v;
    }
    case 'path': {
      const path = ctx.path(KIND, node);
      return (item) => getPath(item, path) ?? raise(missingAttribute());
    }
    case 'plus':
    case 'minus': {
      const [l, r] = [compileValue(node.left, ctx), compileValue(node.right, ctx)];
      return (item) => {
        const [a, b] = [l(item), r(item)];
        if (!('N' in a) || !('N' in b)) throw validation('An operand in the update expression has an incorrect data type');
        return { N: addNumbers(a.N, b.N, node.type === 'minus') };
      };
    }
    case 'if_not_exists': {
      const path = ctx.path(KIND, node.path);
      const fallback = compileValue(node.value, ctx);
      return (item) => getPath(item, path) ?? fallback(item);
    }
    case 'list_append': {
      const [l, r] = [compileValue(node.left, ctx), compileValue(node.right, ctx)];
      return (item) => {
        const [a, b] = [l(item), r(item)];
        if (!('L' in a)) throw badOperand('list_append', typeOf(a));
        if (!('L' in b)) throw badOperand('list_append', typeOf(b));
        return { L: [...a.L, ...b.L] };
      };
    }
  }
}

function add(current: AttributeValue | undefined, v: AttributeValue): AttributeValue {
  if (!current) return v;
  if ('N' in v) {
    if (!('N' in current)) throw validation('An operand in the update expression has an incorrect data type');
    return { N: addNumbers(current.N, v.N) };
  }
  const type = typeOf(v) as 'SS' | 'NS' | 'BS';
  if (typeOf(current) !== type) throw validation('An operand in the update expression has an incorrect data type');
  const existing = (current as Record<string, string[]>)[type];
  const merged = [...existing, ...(v as Record<string, string[]>)[type].filter((e) => !existing.includes(e))];
  return { [type]: merged } as AttributeValue;
}

function removeFromSet(current: AttributeValue, v: AttributeValue): AttributeValue | undefined {
  const type = typeOf(v) as 'SS' | 'NS' | 'BS';
  if (typeOf(current) !== type) throw validation('An operand in the update expression has an incorrect data type');
  const drop = new Set((v as Record<string, string[]>)[type]);
  const left = (current as Record<string, string[]>)[type].filter((e) => !drop.has(e));
  return left.length > 0 ? ({ [type]: left } as AttributeValue) : undefined;
}

function comparePaths(a: DocPath, b: DocPath): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    if (typeof a[i] === 'number' && typeof b[i] === 'number') return (a[i] as number) - (b[i] as number);
    return String(a[i]) < String(b[i]) ? -1 : 1;
  }
  return a.length - b.length;
}

function raise(err: Error): never {
  throw err;
}
