/**
 * Content filtering shared by EventBridge event patterns and SNS filter policies. Both services
 * run the same matching language (AWS's open-source Event Ruler); where they differ, the
 * difference is a field of `Dialect`, never an `if (sns)` in the matcher.
 */

/** A JSON leaf value as the matcher sees it (objects and arrays are walked, never compared). */
export type LeafValue = string | number | boolean | null;

/** Tests one leaf value of the event against one element of a pattern's value array. */
export interface ValueMatcher {
  readonly kind: 'value';
  test(value: LeafValue): boolean;
}

/** `{"exists": true|false}`: about the presence of leaf values at the path, not their content. */
export interface ExistsMatcher {
  readonly kind: 'exists';
  readonly present: boolean;
}

export type LeafMatcher = ValueMatcher | ExistsMatcher;

/** What differs between the EventBridge and SNS dialects of the language. */
export interface Dialect {
  /** Numbers are compared only within ±numericLimit (EventBridge 5e9, SNS 1e9). */
  readonly numericLimit: number;
  /** How Java prints the limit in Ruler's range error ("5.0E9"). */
  readonly numericLimitText: string;
  /** Digits kept after the decimal point when numbers are compared (EventBridge 6, SNS 5). */
  readonly numericDecimals: number;
  /** EventBridge has `wildcard`; SNS does not. */
  readonly wildcard: boolean;
  /** `prefix`/`suffix` may take `{"equals-ignore-case": …}` (EventBridge only). */
  readonly affixIgnoreCase: boolean;
  /** Operators allowed inside `{"anything-but": {op: …}}`. */
  readonly anythingButOperators: ReadonlySet<string>;
  /** SNS accepts any simple values in an anything-but list; EventBridge wants all strings or all numbers. */
  readonly anythingButMixedList: boolean;
  /** Ruler compares a pattern string that is an IP literal to event IPs by address (EventBridge). */
  readonly ipAwareExact: boolean;
}

/** A pattern the language rejects; each service wraps `reason` in its own error text. */
export class FilterSyntaxError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'FilterSyntaxError';
  }
}

export function fail(reason: string): never {
  throw new FilterSyntaxError(reason);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How Ruler (through Jackson) names a token it did not expect, e.g. "Invalid member in numeric match: ]". */
export function tokenText(value: unknown): string {
  if (value === undefined) return ']';
  if (Array.isArray(value)) return '[';
  if (isPlainObject(value)) return '{';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
