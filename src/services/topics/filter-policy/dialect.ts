import type { Dialect } from '../../shared/content-filter';

/**
 * SNS's dialect of the matching language, where it differs from EventBridge's:
 * - numbers: "the value can range from -10^9 to 10^9 … with five digits of accuracy after the
 *   decimal point" (Filter policy constraints in Amazon SNS);
 * - no `wildcard` operator and no `{"prefix": {"equals-ignore-case": …}}`;
 * - `anything-but` takes only `{"prefix": …}` as an operator, and its list may mix strings,
 *   numbers, booleans and null (both AWS-validated in LocalStack's SNS tests);
 * - pattern strings are compared as text, not as IP addresses.
 */
export const SNS_DIALECT: Dialect = Object.freeze({
  numericLimit: 1e9,
  numericLimitText: '1.0E9',
  numericDecimals: 5,
  wildcard: false,
  affixIgnoreCase: false,
  anythingButOperators: new Set(['prefix']),
  anythingButMixedList: true,
  ipAwareExact: false,
});
