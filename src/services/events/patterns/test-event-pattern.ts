import { isPlainObject } from '../../shared/content-filter';
import { compileEventPattern } from './compile';
import { EventPatternError } from './errors';

/**
 * TestEventPattern: "the following fields are mandatory: id, account, source, time, region,
 * resources, detail-type" (EventBridge API Reference, TestEventPattern).
 */
export const MANDATORY_EVENT_FIELDS = ['id', 'account', 'source', 'time', 'region', 'resources', 'detail-type'] as const;

/** The TestEventPattern operation: pattern and event as objects or as their JSON text. */
export function testEventPattern(pattern: unknown, event: unknown): boolean {
  const compiled = compileEventPattern(pattern);
  return compiled.matches(requireEvent(event));
}

function requireEvent(event: unknown): Record<string, unknown> {
  let parsed = event;
  if (typeof event === 'string') {
    try {
      parsed = JSON.parse(event);
    } catch {
      parsed = undefined;
    }
  }
  if (!isPlainObject(parsed) || MANDATORY_EVENT_FIELDS.some((field) => !Object.hasOwn(parsed as object, field))) {
    throw new EventPatternError('event', 'ValidationException', 'Parameter Event is not valid.');
  }
  return parsed;
}
