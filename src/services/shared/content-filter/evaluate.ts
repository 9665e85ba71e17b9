import type { FieldRule, PatternNode } from './tree';
import { isPlainObject, type LeafMatcher, type LeafValue } from './types';

/**
 * Matches a compiled pattern against a JSON value. Arrays in the event match when any element
 * matches ("Arrays in Amazon EventBridge event patterns"); an object pattern applied to an array of
 * objects must be satisfied by one element, so fields are never combined across elements (Ruler's
 * array consistency).
 */
export function matchesNode(node: PatternNode, value: unknown): boolean {
  const candidates = objectsIn(value);
  // A missing or scalar parent behaves as an object with no fields: only `exists: false` can hold.
  const scopes = candidates.length > 0 ? candidates : [{}];
  return scopes.some((scope) => matchesObject(node, scope));
}

function matchesObject(node: PatternNode, object: Record<string, unknown>): boolean {
  return (
    node.fields.every((field) => matchesField(field, object)) &&
    node.alternatives.every((branches) => branches.some((branch) => matchesObject(branch, object)))
  );
}

function matchesField(field: FieldRule, object: Record<string, unknown>): boolean {
  const value = Object.hasOwn(object, field.name) ? object[field.name] : undefined;
  if ('node' in field) return matchesNode(field.node, value);
  return matchesLeaves(field.matchers, leavesIn(value));
}

/** Exists only sees leaf values: an object or an empty array at the path counts as absent (Ruler). */
export function matchesLeaves(matchers: readonly LeafMatcher[], leaves: readonly LeafValue[]): boolean {
  return matchers.some((matcher) =>
    matcher.kind === 'exists' ? matcher.present === leaves.length > 0 : leaves.some((leaf) => matcher.test(leaf)),
  );
}

function objectsIn(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.flatMap(objectsIn);
  return isPlainObject(value) ? [value] : [];
}

export function leavesIn(value: unknown): LeafValue[] {
  if (Array.isArray(value)) return value.flatMap(leavesIn);
  if (value === undefined || isPlainObject(value)) return [];
  return [value as LeafValue];
}
