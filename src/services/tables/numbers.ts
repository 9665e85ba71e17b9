/**
 * DynamoDB numbers: decimal strings with up to 38 significant digits and magnitudes from 1E-130
 * to 9.99…E+125 ("Data types", Amazon DynamoDB Developer Guide). Held as sign, significant
 * digits and exponent (value = 0.d1d2… × 10^exp), so they compare exactly, never through floats.
 */
import { validation } from './errors';

export const MAX_SIGNIFICANT_DIGITS = 38;
/** 0.1 × 10^-129 = 1E-130 is the smallest magnitude; 0.99… × 10^126 the largest. */
const MIN_EXPONENT = -129;
const MAX_EXPONENT = 126;

export interface Decimal {
  negative: boolean;
  /** Significant digits without leading or trailing zeros; '' for zero. */
  digits: string;
  exp: number;
}

const NUMBER = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/;

export function parseDecimal(text: string): Decimal {
  const m = NUMBER.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw validation(`The parameter cannot be converted to a numeric value: ${text}`);
  const intPart = m[2];
  const fraction = m[3] ?? '';
  const all = intPart + fraction;
  const lead = all.search(/[1-9]/);
  if (lead < 0) return { negative: false, digits: '', exp: 0 };
  const digits = all.slice(lead).replace(/0+$/, '');
  const exp = intPart.length - lead + Number(m[4] ?? 0);
  if (digits.length > MAX_SIGNIFICANT_DIGITS) throw validation('Attempting to store more than 38 significant digits in a Number');
  if (exp > MAX_EXPONENT) throw validation('Number overflow. Attempting to store a number with magnitude larger than supported range');
  if (exp < MIN_EXPONENT) throw validation('Number underflow. Attempting to store a number with magnitude smaller than supported range');
  return { negative: m[1] === '-', digits, exp };
}

/** Plain notation, as DynamoDB returns numbers: `1E+2` → `100`, `1.50` → `1.5`. */
export function formatDecimal(d: Decimal): string {
  if (d.digits === '') return '0';
  const n = d.digits.length;
  let body: string;
  if (d.exp >= n) body = d.digits + '0'.repeat(d.exp - n);
  else if (d.exp > 0) body = `${d.digits.slice(0, d.exp)}.${d.digits.slice(d.exp)}`;
  else body = `0.${'0'.repeat(-d.exp)}${d.digits}`;
  return d.negative ? `-${body}` : body;
}

export const canonicalNumber = (text: string) => formatDecimal(parseDecimal(text));

export function compareDecimals(a: Decimal, b: Decimal): number {
  const sa = signOf(a);
  const sb = signOf(b);
  if (sa !== sb) return sa < sb ? -1 : 1;
  if (sa === 0) return 0;
  const magnitude = a.exp !== b.exp ? (a.exp < b.exp ? -1 : 1) : a.digits < b.digits ? -1 : a.digits > b.digits ? 1 : 0;
  return sa > 0 ? magnitude : -magnitude;
}

export const compareNumbers = (a: string, b: string) => compareDecimals(parseDecimal(a), parseDecimal(b));

const signOf = (d: Decimal) => (d.digits === '' ? 0 : d.negative ? -1 : 1);

/** Exact sum (or difference) of two number strings, checked against DynamoDB's limits. */
export function addNumbers(a: string, b: string, subtract = false): string {
  const x = toScaled(parseDecimal(a));
  const y = toScaled(parseDecimal(b));
  const scale = Math.min(x.scale, y.scale);
  const sum = x.value * 10n ** BigInt(x.scale - scale) + (subtract ? -1n : 1n) * y.value * 10n ** BigInt(y.scale - scale);
  const text = sum.toString();
  return canonicalNumber(`${text}E${scale}`);
}

/** value × 10^scale with an integer value. */
function toScaled(d: Decimal): { value: bigint; scale: number } {
  if (d.digits === '') return { value: 0n, scale: 0 };
  const value = BigInt(d.digits) * (d.negative ? -1n : 1n);
  return { value, scale: d.exp - d.digits.length };
}
