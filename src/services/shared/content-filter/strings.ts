import { compileWildcard, wildcardMatches } from './wildcard';
import type { LeafValue } from './types';

/**
 * String tests used by the operators and by anything-but. Every test is false for non-strings:
 * prefix, suffix, equals-ignore-case and wildcard "only work on string-valued fields" (Event Ruler
 * README; Content filtering in Amazon EventBridge event patterns).
 */
export type StringTest = (value: string) => boolean;

export const exactly = (expected: string): StringTest => (value) => value === expected;
export const startsWith = (prefix: string): StringTest => (value) => value.startsWith(prefix);
export const endsWith = (suffix: string): StringTest => (value) => value.endsWith(suffix);

// Ruler folds case per character (Java's equalsIgnoreCase): comparing both folds covers scripts
// where upper- and lower-casing are not inverse.
export const equalsIgnoringCase = (expected: string): StringTest => {
  const lower = expected.toLowerCase();
  const upper = expected.toUpperCase();
  return (value) => value.toLowerCase() === lower || value.toUpperCase() === upper;
};
export const startsWithIgnoringCase = (prefix: string): StringTest => {
  const lower = prefix.toLowerCase();
  return (value) => value.toLowerCase().startsWith(lower);
};
export const endsWithIgnoringCase = (suffix: string): StringTest => {
  const lower = suffix.toLowerCase();
  return (value) => value.toLowerCase().endsWith(lower);
};
export const matchesWildcard = (pattern: string): StringTest => {
  const regex = compileWildcard(pattern);
  return (value) => wildcardMatches(regex, value);
};

export function onStrings(test: StringTest): (value: LeafValue) => boolean {
  return (value) => typeof value === 'string' && test(value);
}
