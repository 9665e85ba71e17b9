import { inRange, type NumericRange, requireComparable, eventComparable } from './numbers';
import { type Dialect, fail, tokenText, type ValueMatcher } from './types';

const LOWER_OPERATORS = new Set(['>', '>=']);
const UPPER_OPERATORS = new Set(['<', '<=']);

/**
 * `{"numeric": [op, n, (op, n)]}` with Ruler's validation order and messages: one of `=`, `<`,
 * `<=`, `>`, `>=`, or a range that starts with `>`/`>=` and ends with `<`/`<=`.
 */
export function compileNumeric(terms: unknown, dialect: Dialect): ValueMatcher {
  if (!Array.isArray(terms)) fail('Value of numeric must be an array.');
  const range = parseRange(terms, dialect);
  return {
    kind: 'value',
    test: (value) => {
      const comparable = eventComparable(value, dialect);
      return comparable !== undefined && inRange(range, comparable);
    },
  };
}

function parseRange(terms: unknown[], dialect: Dialect): NumericRange {
  const [operator, operand] = terms;
  if (typeof operator !== 'string') fail(`Invalid member in numeric match: ${tokenText(operator)}`);
  const min = -dialect.numericLimit;
  const max = dialect.numericLimit;
  if (operator === '=') {
    const value = numericOperand(operand, 'equals', dialect);
    if (terms.length > 2) fail('Too many elements in numeric expression');
    return { bottom: value, openBottom: false, top: value, openTop: false };
  }
  if (LOWER_OPERATORS.has(operator)) {
    const bottom = numericOperand(operand, operator, dialect);
    const openBottom = operator === '>';
    if (terms.length === 2) return checked({ bottom, openBottom, top: comparableLimit(max, dialect), openTop: false });
    return completeRange(terms, bottom, openBottom, dialect);
  }
  if (UPPER_OPERATORS.has(operator)) {
    const top = numericOperand(operand, operator, dialect);
    if (terms.length > 2) fail('Too many elements in numeric expression');
    return checked({ bottom: comparableLimit(min, dialect), openBottom: false, top, openTop: operator === '<' });
  }
  fail(`Unrecognized numeric range operator: ${operator}`);
}

function completeRange(terms: unknown[], bottom: number, openBottom: boolean, dialect: Dialect): NumericRange {
  const [, , operator, operand] = terms;
  if (typeof operator !== 'string') fail(`Bad value in numeric range: ${tokenText(operator)}`);
  if (!UPPER_OPERATORS.has(operator)) fail(`Bad numeric range operator: ${operator}`);
  const top = numericOperand(operand, operator, dialect);
  if (terms.length > 4) fail('Too many terms in numeric range expression');
  return checked({ bottom, openBottom, top, openTop: operator === '<' });
}

function numericOperand(operand: unknown, operatorName: string, dialect: Dialect): number {
  if (typeof operand !== 'number') fail(`Value of ${operatorName} must be numeric`);
  return requireComparable(operand, dialect);
}

function comparableLimit(limit: number, dialect: Dialect): number {
  return requireComparable(limit, dialect);
}

/** Ruler builds ranges with bottom < top; a one-sided range at the limit itself is empty. */
function checked(range: NumericRange): NumericRange {
  if (range.bottom >= range.top) fail('Bottom must be less than top');
  return range;
}
