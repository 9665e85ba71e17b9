/**
 * Query requests → the JSON shape of the operation's input. The generic decoder has already
 * turned `Attribute.1.Name=a&Attribute.1.Value=b` into `{ Attribute: [{ Name: 'a', Value: 'b' }] }`;
 * this renames the flattened members to their JSON names (Attribute → Attributes,
 * SendMessageBatchRequestEntry → Entries …), turns Name/Value pairs into maps and numbers into
 * numbers. The `.member.N` / `.entry.N` forms some clients send are accepted too.
 *
 * Older clients name the queue by the request path (`POST /000000000000/name` with the Action in
 * the form) instead of a QueueUrl parameter; that path then is the queue URL.
 */
import type { QueryRequestInfo } from '../service';
import { invalidParameter } from './errors';
import { assertRequired, isPlainObject } from './json-input';
import type { Shape } from './shapes';

/** Integers as the form carries them; JavaScript's safe range is far beyond SQS's limits. */
const INTEGER = /^[+-]?\d{1,15}$/;
const QUEUE_PATH = /^\/\d{12}\/[^/]+\/?$/;

export function readQueryInput(shape: Shape, decoded: Record<string, unknown>, request: QueryRequestInfo): Record<string, unknown> {
  const input = convert(shape, decoded, '') as Record<string, unknown>;
  if (shape.kind === 'struct' && 'QueueUrl' in shape.members && input.QueueUrl === undefined && QUEUE_PATH.test(request.path)) {
    input.QueueUrl = request.path;
  }
  assertRequired(shape, input);
  return input;
}

function convert(shape: Shape, value: unknown, name: string): unknown {
  if (value === undefined) return undefined;
  switch (shape.kind) {
    case 'string':
    case 'blob':
      if (typeof value !== 'string') throw invalidParameter(name, '(structure)', 'Must be a single value.');
      return value;
    case 'integer':
      if (typeof value !== 'string' || !INTEGER.test(value.trim())) throw invalidParameter(name, printable(value), 'Must be an integer.');
      return Number(value);
    case 'list': {
      // `AttributeName=All` without an index: one item.
      const items = Array.isArray(value) ? value : [value];
      return items.map((item, i) => convert(shape.member, item, `${name}.${i + 1}`));
    }
    case 'map':
      return toMap(shape, value, name);
    case 'struct': {
      if (!isPlainObject(value)) throw invalidParameter(name, printable(value), 'Must be a structure.');
      const out: Record<string, unknown> = {};
      for (const [member, memberShape] of Object.entries(shape.members)) {
        const alias = 'query' in memberShape ? memberShape.query : undefined;
        const raw = alias !== undefined && value[alias] !== undefined ? value[alias] : value[member];
        const converted = convert(memberShape, raw, alias !== undefined && value[alias] !== undefined ? alias : member);
        if (converted !== undefined) out[member] = converted;
      }
      return out;
    }
  }
}

/** `X.N.Name` / `X.N.Value` pairs (a list once decoded), or `X.entry.N.key/value` (a map). */
function toMap(shape: Extract<Shape, { kind: 'map' }>, value: unknown, name: string): Record<string, unknown> {
  // fromEntries defines own properties, so a key such as `__proto__` stays a plain key.
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, convert(shape.value, item, `${name}.${key}`)]));
  }
  const entries = Array.isArray(value) ? value : [value];
  return Object.fromEntries(
    entries.map((entry, i) => {
      const where = `${name}.${i + 1}`;
      if (!isPlainObject(entry) || typeof entry[shape.key] !== 'string') {
        throw invalidParameter(`${where}.${shape.key}`, '(missing)', `Each ${name} entry needs a ${shape.key}.`);
      }
      return [entry[shape.key] as string, convert(shape.value, entry[shape.valueName], `${where}.${shape.valueName}`)];
    }),
  );
}

function printable(value: unknown): string {
  return typeof value === 'string' ? value : '(structure)';
}
