/**
 * JSON requests against the operation's shape: every known member must have its type (a string
 * where a string is expected, a list, a map of attribute structures …) before the queue service
 * sees it, so a hostile body gets an error instead of reaching the domain half-typed. Unknown
 * members are ignored, as AWS's deserializers ignore them. Required members missing →
 * MissingParameter, as SQS answers.
 */
import { missingParameter, serializationError } from './errors';
import type { Shape } from './shapes';

/** Base64 as the JSON protocol sends blobs (padding optional, as AWS's decoders accept). */
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function checkJsonInput(shape: Shape, input: Record<string, unknown>): Record<string, unknown> {
  check(shape, input, '');
  assertRequired(shape, input);
  return input;
}

export function assertRequired(shape: Shape, input: Record<string, unknown>): void {
  if (shape.kind !== 'struct') return;
  for (const name of shape.required ?? []) {
    if (input[name] === undefined || input[name] === null) throw missingParameter(name);
  }
}

function check(shape: Shape, value: unknown, path: string): void {
  if (value === undefined || value === null) return;
  switch (shape.kind) {
    case 'string':
      if (typeof value !== 'string') throw serializationError(path, 'a string');
      return;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw serializationError(path, 'an integer');
      return;
    case 'blob':
      if (typeof value !== 'string' || !BASE64.test(value)) throw serializationError(path, 'base64-encoded binary');
      return;
    case 'list':
      if (!Array.isArray(value)) throw serializationError(path, 'a list');
      value.forEach((item, i) => check(shape.member, item, `${path}.${i + 1}`));
      return;
    case 'map':
      if (!isPlainObject(value)) throw serializationError(path, 'a map');
      for (const [key, item] of Object.entries(value)) check(shape.value, item, `${path}.${key}`);
      return;
    case 'struct':
      if (!isPlainObject(value)) throw serializationError(path || '(body)', 'a structure');
      for (const [name, member] of Object.entries(shape.members)) check(member, value[name], path ? `${path}.${name}` : name);
      return;
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
