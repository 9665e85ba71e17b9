import { requireComparable, eventComparable } from './numbers';
import {
  endsWith,
  endsWithIgnoringCase,
  equalsIgnoringCase,
  matchesWildcard,
  startsWith,
  type StringTest,
} from './strings';
import { type Dialect, fail, isPlainObject, type LeafValue, type ValueMatcher } from './types';

/**
 * `{"anything-but": …}` matches a present leaf value that is none of the listed ones. As in Ruler,
 * a string exclusion never excludes a number (and vice versa), so `null`, booleans and values of
 * the other type always pass; a missing field never matches (no leaf value to pass).
 */
export function compileAnythingBut(spec: unknown, dialect: Dialect): ValueMatcher {
  if (isPlainObject(spec)) return compileOperatorExclusion(spec, dialect);
  if (Array.isArray(spec)) return dialect.anythingButMixedList ? mixedList(spec, dialect) : typedList(spec, dialect);
  if (typeof spec === 'string') return excluding([spec], [], dialect);
  if (typeof spec === 'number') return excluding([], [requireComparable(spec, dialect)], dialect);
  if (dialect.anythingButMixedList && (spec === null || typeof spec === 'boolean')) return excludingLiteral([spec], dialect);
  fail('Value of anything-but must be an array or single string/number value.');
}

function typedList(values: unknown[], dialect: Dialect): ValueMatcher {
  const strings: string[] = [];
  const numbers: number[] = [];
  for (const value of values) {
    if (typeof value === 'string') strings.push(value);
    else if (typeof value === 'number') numbers.push(requireComparable(value, dialect));
    else fail('Inside anything but list, start|null|boolean is not supported.');
  }
  if (strings.length > 0 === numbers.length > 0) {
    fail('Inside anything but list, either all values are number or string, mixed type is not supported');
  }
  return excluding(strings, numbers, dialect);
}

// SNS accepts any simple values in the list (AWS-validated in LocalStack's SNS filter tests).
function mixedList(values: unknown[], dialect: Dialect): ValueMatcher {
  for (const value of values) {
    if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) {
      fail('Match value must be String, number, true, false, or null');
    }
  }
  return excludingLiteral(values as LeafValue[], dialect);
}

function excluding(strings: string[], numbers: number[], dialect: Dialect): ValueMatcher {
  const excludedStrings = new Set(strings);
  const excludedNumbers = new Set(numbers);
  return {
    kind: 'value',
    test: (value) => {
      if (typeof value === 'string') return !excludedStrings.has(value);
      const comparable = eventComparable(value, dialect);
      return comparable === undefined || !excludedNumbers.has(comparable);
    },
  };
}

function excludingLiteral(values: LeafValue[], dialect: Dialect): ValueMatcher {
  const strings = values.filter((v): v is string => typeof v === 'string');
  const numbers = values.filter((v): v is number => typeof v === 'number').map((n) => requireComparable(n, dialect));
  const others = new Set<LeafValue>(values.filter((v) => v === null || typeof v === 'boolean'));
  const typed = excluding(strings, numbers, dialect);
  return { kind: 'value', test: (value) => !others.has(value) && typed.test(value) };
}

const OPERATOR_TESTS: Record<string, (operand: string) => StringTest> = {
  prefix: startsWith,
  suffix: endsWith,
  'equals-ignore-case': equalsIgnoringCase,
  wildcard: matchesWildcard,
};

function compileOperatorExclusion(spec: Record<string, unknown>, dialect: Dialect): ValueMatcher {
  const [operator, ...extra] = Object.keys(spec);
  if (operator === undefined) fail('Anything-But expression name not found');
  if (!dialect.anythingButOperators.has(operator)) fail(`Unsupported anything-but pattern: ${operator}`);
  const operand = spec[operator];
  if (!Array.isArray(operand) && typeof operand !== 'string' && typeof operand !== 'number') {
    fail('Value of anything-but must be an array or single string/number value.');
  }
  const tests = (Array.isArray(operand) ? operand : [operand]).map((value) => operatorTest(operator, value));
  if (extra.length > 0) fail('Too many elements in numeric expression');
  return { kind: 'value', test: (value) => typeof value !== 'string' || !tests.some((test) => test(value)) };
}

function operatorTest(operator: string, value: unknown): StringTest {
  if (typeof value !== 'string') {
    if (operator === 'equals-ignore-case') {
      fail('Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.');
    }
    fail(operator === 'wildcard' ? 'wildcard match pattern must be a string' : 'prefix/suffix match pattern must be a string');
  }
  if ((operator === 'prefix' || operator === 'suffix') && value === '') fail('Null prefix/suffix not allowed');
  return OPERATOR_TESTS[operator](value);
}
