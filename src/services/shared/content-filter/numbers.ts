import { type Dialect, fail } from './types';

/**
 * Ruler compares numbers as fixed-point integers: value × 10^decimals, inside ±limit. Two numbers
 * that agree to `decimals` places are equal (EventBridge: "15 digits of precision, six digits to
 * the right of the decimal point" — Content filtering in Amazon EventBridge event patterns).
 */
export function toComparable(value: number, dialect: Dialect): number | undefined {
  if (!Number.isFinite(value) || Math.abs(value) > dialect.numericLimit) return undefined;
  return Math.round(value * 10 ** dialect.numericDecimals);
}

/** A pattern-side number: out of range is an error, with Ruler's wording. */
export function requireComparable(value: number, dialect: Dialect): number {
  const comparable = toComparable(value, dialect);
  if (comparable === undefined) {
    fail(`Value must be between -${dialect.numericLimitText} and ${dialect.numericLimitText}, inclusive`);
  }
  return comparable;
}

export interface NumericRange {
  readonly bottom: number;
  readonly openBottom: boolean;
  readonly top: number;
  readonly openTop: boolean;
}

export function inRange(range: NumericRange, comparable: number): boolean {
  const aboveBottom = range.openBottom ? comparable > range.bottom : comparable >= range.bottom;
  const belowTop = range.openTop ? comparable < range.top : comparable <= range.top;
  return aboveBottom && belowTop;
}

/** An event number as Ruler sees it: numeric only when it is a JSON number inside the limit. */
export function eventComparable(value: unknown, dialect: Dialect): number | undefined {
  return typeof value === 'number' ? toComparable(value, dialect) : undefined;
}
