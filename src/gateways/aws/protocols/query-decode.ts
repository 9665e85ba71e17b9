/**
 * The query protocol's form → a structure, following its flattening conventions:
 *   `Attribute.1.Name=a&Attribute.1.Value=b`      → { Attribute: [{ Name: 'a', Value: 'b' }] }
 *   `Entries.member.1.Id=x`                       → { Entries: [{ Id: 'x' }] }
 *   `Attributes.entry.1.key=k&…entry.1.value=v`   → { Attributes: { k: 'v' } }
 *   `MessageAttribute.1.Value.StringValue=s`      → { MessageAttribute: [{ Value: { StringValue: 's' } }] }
 * Numeric segments are 1-based list positions; lists come out dense and in position order
 * whatever the order (or gaps) of the form. Values stay strings: operations convert them.
 */
import { AwsError } from '../errors';

type Node = { [key: string]: Node | string };

/** Names that would reach Object.prototype: never valid AWS member names. */
const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);

/**
 * The deepest parameter name decoded. Real members nest to about 8 segments
 * (`PublishBatchRequestEntries.member.1.MessageAttributes.entry.1.Value.StringValue`); a hostile
 * name of thousands would otherwise exhaust the stack while the structure is normalised.
 */
const MAX_NAME_SEGMENTS = 32;

export function decodeQueryForm(params: URLSearchParams): Record<string, unknown> {
  const root: Node = {};
  for (const [key, value] of params) {
    if (key === '' ) continue;
    const path = key.split('.');
    if (path.length > MAX_NAME_SEGMENTS || path.some((segment) => segment === '' || FORBIDDEN.has(segment))) {
      throw new AwsError('MalformedQueryString', `The parameter name ${JSON.stringify(key)} is not well formed.`);
    }
    assign(root, path, value, key);
  }
  return normalise(root) as Record<string, unknown>;
}

function assign(root: Node, path: string[], value: string, key: string): void {
  let node = root;
  for (const segment of path.slice(0, -1)) {
    const next = Object.hasOwn(node, segment) ? node[segment] : (node[segment] = {});
    if (typeof next === 'string') throw conflict(key);
    node = next;
  }
  const last = path[path.length - 1];
  if (Object.hasOwn(node, last) && typeof node[last] !== 'string') throw conflict(key);
  node[last] = value;
}

const conflict = (key: string) =>
  new AwsError('MalformedQueryString', `The parameter ${key} is given both as a value and as a structure.`);

const isIndex = (key: string) => /^[1-9]\d{0,8}$/.test(key);

function normalise(node: Node | string): unknown {
  if (typeof node === 'string') return node;
  const keys = Object.keys(node);
  if (keys.length > 0 && keys.every(isIndex)) {
    return keys.sort((a, b) => Number(a) - Number(b)).map((k) => normalise(node[k]));
  }
  if (keys.length === 1 && keys[0] === 'member') {
    const list = normalise(node.member);
    return Array.isArray(list) ? list : [list];
  }
  if (keys.length === 1 && keys[0] === 'entry') return entriesToMap(normalise(node.entry));
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = normalise(node[key]);
  return out;
}

/**
 * `entry.N.key` / `entry.N.value` pairs (SNS attributes and tags) → a map. Maps whose model names
 * the key and value send `entry.N.Name` / `entry.N.Value` instead (SNS MessageAttributes).
 */
function entriesToMap(entries: unknown): Record<string, unknown> {
  const map: Record<string, unknown> = {};
  for (const entry of Array.isArray(entries) ? entries : [entries]) {
    const e = (typeof entry === 'object' && entry !== null ? entry : {}) as { key?: unknown; value?: unknown; Name?: unknown; Value?: unknown };
    const [key, value] = e.key !== undefined ? [e.key, e.value] : [e.Name, e.Value];
    // An entry without a plain key cannot be placed in the map: refuse it rather than drop it.
    if (typeof key !== 'string') throw new AwsError('MalformedQueryString', 'Each map entry (.entry.N.) must have a single key (or Name) value.');
    if (!FORBIDDEN.has(key)) map[key] = value;
  }
  return map;
}
