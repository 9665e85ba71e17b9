import { isPlainObject } from '../../../shared/content-filter';

/**
 * The JSONPath subset EventBridge evaluates in InputPath and InputPathsMap: `$`, dot notation,
 * array indices and `*` wildcards ("EventBridge does not support all JSON Path syntax … Supported
 * syntax includes: dot notation, dashes, underscores, alphanumeric characters, array indices,
 * wildcards" — Amazon EventBridge input transformation). Bracketed names (`$['a b']`) are accepted
 * too, as Jayway JsonPath (what EventBridge runs) accepts them.
 */
export type PathStep = { readonly key: string } | { readonly index: number } | { readonly wildcard: true };

export interface JsonPath {
  readonly text: string;
  readonly steps: readonly PathStep[];
  readonly hasWildcard: boolean;
}

export type PathResult = { readonly found: true; readonly value: unknown } | { readonly found: false };

// One step: `.name`, `.*`, `[3]`, `[*]`, `['name']` or `["name"]`.
const STEP = /\.([^.[\]]+)|\[(\d+)\]|\[(\*)\]|\['([^']*)'\]|\["([^"]*)"\]/y;

/** Returns undefined when `text` is not a path EventBridge accepts. */
export function parseJsonPath(text: string): JsonPath | undefined {
  if (!text.startsWith('$')) return undefined;
  const steps: PathStep[] = [];
  STEP.lastIndex = 1;
  while (STEP.lastIndex < text.length) {
    const start = STEP.lastIndex;
    const match = STEP.exec(text);
    if (!match || match.index !== start) return undefined;
    steps.push(toStep(match));
  }
  return { text, steps, hasWildcard: steps.some((step) => 'wildcard' in step) };
}

function toStep(match: RegExpExecArray): PathStep {
  const [, dotted, index, star, singleQuoted, doubleQuoted] = match;
  if (dotted === '*' || star) return { wildcard: true };
  if (index !== undefined) return { index: Number(index) };
  return { key: dotted ?? singleQuoted ?? doubleQuoted };
}

/** A wildcard path yields the list of what it reached (possibly empty); others one value or nothing. */
export function evaluateJsonPath(path: JsonPath, root: unknown): PathResult {
  let current: unknown[] = [root];
  for (const step of path.steps) current = current.flatMap((node) => applyStep(step, node));
  if (path.hasWildcard) return { found: true, value: current };
  return current.length > 0 ? { found: true, value: current[0] } : { found: false };
}

function applyStep(step: PathStep, node: unknown): unknown[] {
  if ('wildcard' in step) {
    if (Array.isArray(node)) return node;
    return isPlainObject(node) ? Object.values(node) : [];
  }
  if ('index' in step) return Array.isArray(node) && step.index < node.length ? [node[step.index]] : [];
  return isPlainObject(node) && Object.hasOwn(node, step.key) ? [node[step.key]] : [];
}
