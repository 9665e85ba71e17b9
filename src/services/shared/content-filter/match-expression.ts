import { compileAnythingBut } from './anything-but';
import { compileCidr, parseAddress, sameAddress } from './ip';
import { compileNumeric } from './numeric-expression';
import { eventComparable, toComparable } from './numbers';
import {
  endsWith,
  endsWithIgnoringCase,
  equalsIgnoringCase,
  matchesWildcard,
  onStrings,
  startsWith,
  startsWithIgnoringCase,
  type StringTest,
} from './strings';
import { type Dialect, fail, isPlainObject, type LeafMatcher, type LeafValue, type ValueMatcher } from './types';

/**
 * One element of a pattern's value array: a literal (string, number, true, false, null) or a
 * one-key match expression. Messages are Event Ruler's (JsonRuleCompiler), which EventBridge puts
 * after "Event pattern is not valid. Reason:" and SNS after "Invalid parameter: FilterPolicy:".
 */
export function compileElement(element: unknown, dialect: Dialect): LeafMatcher {
  if (isPlainObject(element)) return compileExpression(element, dialect);
  if (element === null || ['string', 'number', 'boolean'].includes(typeof element)) {
    return exactMatcher(element as LeafValue, dialect);
  }
  fail('Match value must be String, number, true, false, or null');
}

function exactMatcher(expected: LeafValue, dialect: Dialect): ValueMatcher {
  if (typeof expected === 'number') {
    // Ruler matches a pattern number both numerically (300 = 3.0e2) and, for numbers it cannot
    // compare (an account id beyond the limit), as the literal.
    const comparable = toComparable(expected, dialect);
    return {
      kind: 'value',
      test: (value) => value === expected || (comparable !== undefined && eventComparable(value, dialect) === comparable),
    };
  }
  const address = dialect.ipAwareExact && typeof expected === 'string' ? parseAddress(expected) : undefined;
  if (address) {
    return { kind: 'value', test: (value) => typeof value === 'string' && sameAddress(address, value) };
  }
  return { kind: 'value', test: (value) => value === expected };
}

type ExpressionCompiler = (operand: unknown, dialect: Dialect) => LeafMatcher;

const EXPRESSIONS: Record<string, ExpressionCompiler> = {
  prefix: (operand, dialect) => affix('prefix', operand, dialect, startsWith, startsWithIgnoringCase),
  suffix: (operand, dialect) => affix('suffix', operand, dialect, endsWith, endsWithIgnoringCase),
  'equals-ignore-case': (operand) => stringOperator('equals-ignore-case', operand, equalsIgnoringCase),
  wildcard: (operand, dialect) => {
    if (!dialect.wildcard) fail('Unrecognized match type wildcard');
    return stringOperator('wildcard', operand, matchesWildcard);
  },
  'anything-but': compileAnythingBut,
  numeric: compileNumeric,
  cidr: (operand) => compileCidr(operand),
  exists: (operand) => {
    if (typeof operand !== 'boolean') fail('exists match pattern must be either true or false.');
    return { kind: 'exists', present: operand };
  },
};

// Operators whose extra keys Ruler reports with its numeric wording.
const NUMERIC_WORDING = new Set(['numeric', 'anything-but']);

function compileExpression(expression: Record<string, unknown>, dialect: Dialect): LeafMatcher {
  const [name, ...extra] = Object.keys(expression);
  if (name === undefined) fail('Match expression name not found');
  const compile = Object.hasOwn(EXPRESSIONS, name) ? EXPRESSIONS[name] : undefined;
  if (!compile) fail(`Unrecognized match type ${name}`);
  const matcher = compile(expression[name], dialect);
  if (extra.length > 0) {
    fail(NUMERIC_WORDING.has(name) ? 'Too many elements in numeric expression' : 'Only one key allowed in match expression');
  }
  return matcher;
}

function stringOperator(name: string, operand: unknown, makeTest: (operand: string) => StringTest): ValueMatcher {
  if (typeof operand !== 'string') fail(`${name} match pattern must be a string`);
  return { kind: 'value', test: onStrings(makeTest(operand)) };
}

/** `prefix`/`suffix`, optionally `{"prefix": {"equals-ignore-case": "…"}}` (EventBridge). */
function affix(
  name: 'prefix' | 'suffix',
  operand: unknown,
  dialect: Dialect,
  plain: (operand: string) => StringTest,
  ignoringCase: (operand: string) => StringTest,
): ValueMatcher {
  if (!isPlainObject(operand) || !dialect.affixIgnoreCase) return stringOperator(name, operand, plain);
  const label = name === 'prefix' ? 'Prefix' : 'Suffix';
  const [inner, ...extra] = Object.keys(operand);
  if (inner === undefined) fail(`${label} expression name not found`);
  if (inner !== 'equals-ignore-case') fail(`Unsupported ${name} pattern: ${inner}`);
  const matcher = stringOperator('equals-ignore-case', operand[inner], ignoringCase);
  if (extra.length > 0) fail('Only one key allowed in match expression');
  return matcher;
}
