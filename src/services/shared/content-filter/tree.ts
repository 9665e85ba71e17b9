import { compileElement } from './match-expression';
import { type Dialect, fail, isPlainObject, type LeafMatcher } from './types';

/**
 * A compiled pattern: every field must match (AND) and, for each `$or`, at least one branch
 * (Event Ruler README "And and Or Relationship among fields").
 */
export interface PatternNode {
  readonly fields: readonly FieldRule[];
  readonly alternatives: readonly (readonly PatternNode[])[];
}

export type FieldRule =
  | { readonly name: string; readonly node: PatternNode }
  | { readonly name: string; readonly matchers: readonly LeafMatcher[] };

export const OR_KEYWORD = '$or';

// Ruler's keywords cannot be field names inside an $or branch (Constants.RESERVED_FIELD_NAMES_IN_OR_RELATIONSHIP).
const RESERVED_IN_OR = new Set([
  'exactly', 'equals-ignore-case', 'prefix', 'suffix', 'anything-but', 'exists', 'wildcard', 'numeric',
  'cidr', 'html', '=', '<', '<=', '>', '>=', 'regex', 'not-wildcard', 'not-equals-ignore-case',
  'date-after', 'date-on-or-after', 'date-before', 'date-on-or-before', 'in-date-range',
  'ip-address-in-range', 'ip-address-not-in-range',
]);

/** Compiles the pattern's root object; the caller has checked it is an object. */
export function compileTree(pattern: Record<string, unknown>, dialect: Dialect): PatternNode {
  return compileObject(pattern, dialect, false);
}

function compileObject(object: Record<string, unknown>, dialect: Dialect, insideOr: boolean): PatternNode {
  const fields: FieldRule[] = [];
  const alternatives: PatternNode[][] = [];
  for (const [name, value] of Object.entries(object)) {
    if (name === OR_KEYWORD) {
      alternatives.push(compileOr(value, dialect));
      continue;
    }
    if (insideOr && RESERVED_IN_OR.has(name)) {
      fail(`${name} is Ruler reserved fieldName which cannot be used inside ${OR_KEYWORD}.`);
    }
    if (isPlainObject(value)) fields.push({ name, node: compileObject(value, dialect, insideOr) });
    else if (Array.isArray(value)) fields.push({ name, matchers: compileValues(value, dialect) });
    else fail(`"${name}" must be an object or an array`);
  }
  if (fields.length === 0 && alternatives.length === 0) fail('Empty objects are not allowed');
  return { fields, alternatives };
}

function compileOr(value: unknown, dialect: Dialect): PatternNode[] {
  if (!Array.isArray(value)) fail(`It must be an Array followed with ${OR_KEYWORD}.`);
  const branches = value.map((branch) => {
    if (!isPlainObject(branch)) fail(`Only JSON object is allowed in array of ${OR_KEYWORD} relationship.`);
    return compileObject(branch, dialect, true);
  });
  if (branches.length < 2) fail(`There must have at least 2 Objects in ${OR_KEYWORD} relationship.`);
  return branches;
}

function compileValues(values: unknown[], dialect: Dialect): LeafMatcher[] {
  const matchers = values.map((element) => compileElement(element, dialect));
  if (matchers.length === 0) fail('Empty arrays are not allowed');
  return matchers;
}
