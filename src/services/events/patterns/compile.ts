import {
  compileTree,
  FilterSyntaxError,
  isPlainObject,
  matchesNode,
  type PatternNode,
} from '../../shared/content-filter';
import { EVENTBRIDGE_DIALECT } from './dialect';
import { EventPatternError } from './errors';

/** PutRule / TestEventPattern: "EventPattern … Maximum length of 4096" (EventBridge API Reference). */
export const MAX_EVENT_PATTERN_LENGTH = 4096;

export interface EventPattern {
  /** The pattern as given, for diagnostics and for storing the rule. */
  readonly source: unknown;
  matches(event: object): boolean;
}

/**
 * Validates and compiles an EventBridge event pattern (an object, or its JSON text as PutRule
 * receives it). Throws EventPatternError with EventBridge's reason text.
 */
export function compileEventPattern(pattern: unknown): EventPattern {
  const parsed = typeof pattern === 'string' ? parsePatternText(pattern) : pattern;
  if (!isPlainObject(parsed)) throw new EventPatternError('Filter is not an object');
  checkLength(typeof pattern === 'string' ? pattern : JSON.stringify(parsed));
  const root = compileRoot(parsed);
  return Object.freeze({ source: parsed, matches: (event: object) => matchesNode(root, event) });
}

function compileRoot(pattern: Record<string, unknown>): PatternNode {
  try {
    return compileTree(pattern, EVENTBRIDGE_DIALECT);
  } catch (err) {
    if (err instanceof FilterSyntaxError) throw new EventPatternError(err.reason);
    throw err;
  }
}

function parsePatternText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new EventPatternError((err as Error).message);
  }
}

function checkLength(text: string): void {
  if (text.length <= MAX_EVENT_PATTERN_LENGTH) return;
  throw new EventPatternError(
    'length',
    'ValidationException',
    `1 validation error detected: Value at 'eventPattern' failed to satisfy constraint: Member must have length less than or equal to ${MAX_EVENT_PATTERN_LENGTH}`,
  );
}
