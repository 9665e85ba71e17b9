/**
 * The expressions of one request, compiled together so that names and values are checked as
 * DynamoDB checks them: each referenced one defined, none left over. The legacy parameters
 * (Expected, QueryFilter, ScanFilter, AttributesToGet; see legacy.ts) map onto the same forms.
 */
import type { Item } from './attribute-values';
import { validation } from './errors';
import { compileCondition, type Predicate } from './expressions/condition';
import { ExpressionContext, checkNoOverlap, type DocPath } from './expressions/names';
import { parseCondition, parseProjection, parseUpdate } from './expressions/parser';
import { project } from './expressions/projection';
import { compileUpdate, type CompiledUpdate } from './expressions/update';
import type { Condition } from './expressions/ast';
import { checkNotMixed, legacyPredicate } from './legacy';

type Raw = Record<string, unknown>;

export interface RequestExpressions {
  condition?: Predicate;
  filter?: Predicate;
  update?: CompiledUpdate;
  projection?: DocPath[];
  /** The key condition's tree, resolved by key-condition.ts. */
  keyCondition?: Condition;
  ctx: ExpressionContext;
}

const text = (input: Raw, member: string): string | undefined => {
  const v = input[member];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw validation(`1 validation error detected: Value at '${member}' failed to satisfy constraint: Member must be a string`);
  return v;
};

/** Compiles the members present; `keyCondition` is compiled by the caller, then `finish()`. */
export function compileRequestExpressions(input: Raw, options: { deferCheck?: boolean } = {}): RequestExpressions {
  const condition = text(input, 'ConditionExpression');
  const filter = text(input, 'FilterExpression');
  const update = text(input, 'UpdateExpression');
  const projection = text(input, 'ProjectionExpression');
  const keyCondition = text(input, 'KeyConditionExpression');
  const any = [condition, filter, update, projection, keyCondition].some((e) => e !== undefined);
  checkNotMixed(input);
  const ctx = new ExpressionContext(input.ExpressionAttributeNames, input.ExpressionAttributeValues, any);
  const out: RequestExpressions = { ctx };
  if (keyCondition !== undefined) out.keyCondition = parseCondition('KeyConditionExpression', keyCondition);
  if (condition !== undefined) out.condition = compileCondition('ConditionExpression', parseCondition('ConditionExpression', condition), ctx);
  if (filter !== undefined) out.filter = compileCondition('FilterExpression', parseCondition('FilterExpression', filter), ctx);
  if (update !== undefined) out.update = compileUpdate(parseUpdate(update), ctx);
  if (input.Expected !== undefined) out.condition = legacyPredicate(input.Expected, input.ConditionalOperator);
  const legacyFilter = input.QueryFilter ?? input.ScanFilter;
  if (legacyFilter !== undefined) out.filter = legacyPredicate(legacyFilter, input.ConditionalOperator);
  if (projection !== undefined) {
    const paths = parseProjection(projection).map((p) => ctx.path('ProjectionExpression', p));
    checkNoOverlap('ProjectionExpression', paths);
    out.projection = paths;
  } else if (Array.isArray(input.AttributesToGet)) {
    out.projection = (input.AttributesToGet as unknown[]).map((n) => [String(n)]);
  }
  if (!options.deferCheck) ctx.checkAllUsed();
  return out;
}

export const applyProjection = (item: Item, paths: DocPath[] | undefined): Item => (paths ? project(item, paths) : item);
