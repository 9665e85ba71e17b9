import type { Dialect } from '../../shared/content-filter';

/**
 * EventBridge's dialect of the matching language. Numeric matching is "limited to values between
 * -5.0e9 and +5.0e9 inclusive, with 15 digits of precision, or six digits to the right of the
 * decimal point" (Content filtering in Amazon EventBridge event patterns).
 */
export const EVENTBRIDGE_DIALECT: Dialect = Object.freeze({
  numericLimit: 5e9,
  numericLimitText: '5.0E9',
  numericDecimals: 6,
  wildcard: true,
  affixIgnoreCase: true,
  anythingButOperators: new Set(['prefix', 'suffix', 'wildcard', 'equals-ignore-case']),
  anythingButMixedList: false,
  ipAwareExact: true,
});
