/**
 * ExpressionAttributeNames and ExpressionAttributeValues of one request: checked, resolved on
 * use, and — once every expression of the request is parsed — any left unused is an error, as
 * DynamoDB reports it ("Value provided in ExpressionAttributeValues unused in expressions: keys: {:x}").
 */
import { type AttributeValue, readValue } from '../attribute-values';
import { validation } from '../errors';
import type { PathElement, PathNode } from './ast';
import { isReservedWord } from './reserved-words';
import type { ExpressionKind } from './parser';

/** A resolved document path: attribute names and list indexes. */
export type DocPath = (string | number)[];

export class ExpressionContext {
  private readonly names: Record<string, string>;
  private readonly values: Record<string, AttributeValue>;
  private readonly usedNames = new Set<string>();
  private readonly usedValues = new Set<string>();

  constructor(rawNames: unknown, rawValues: unknown, private readonly anyExpression: boolean) {
    this.names = readNames(rawNames);
    this.values = readValues(rawValues);
    if (!anyExpression && rawNames !== undefined) throw validation('ExpressionAttributeNames can only be specified when using expressions');
    if (!anyExpression && rawValues !== undefined) throw validation('ExpressionAttributeValues can only be specified when using expressions');
  }

  path(kind: ExpressionKind, node: PathNode): DocPath {
    return node.elements.map((e) => this.element(kind, e));
  }

  private element(kind: ExpressionKind, e: PathElement): string | number {
    if ('index' in e) return e.index;
    if ('alias' in e) {
      const name = this.names[e.alias];
      if (name === undefined) throw validation(`Invalid ${kind}: An expression attribute name used in the document path is not defined; attribute name: ${e.alias}`);
      this.usedNames.add(e.alias);
      return name;
    }
    if (isReservedWord(e.name)) throw validation(`Invalid ${kind}: Attribute name is a reserved keyword; reserved keyword: ${e.name}`);
    return e.name;
  }

  value(kind: ExpressionKind, ref: string): AttributeValue {
    const v = this.values[ref];
    if (v === undefined) throw validation(`Invalid ${kind}: An expression attribute value used in expression is not defined; attribute value: ${ref}`);
    this.usedValues.add(ref);
    return v;
  }

  /** Call after every expression of the request was resolved. */
  checkAllUsed(): void {
    const names = Object.keys(this.names).filter((n) => !this.usedNames.has(n));
    if (names.length > 0) throw validation(`Value provided in ExpressionAttributeNames unused in expressions: keys: {${names.join(', ')}}`);
    const values = Object.keys(this.values).filter((v) => !this.usedValues.has(v));
    if (values.length > 0) throw validation(`Value provided in ExpressionAttributeValues unused in expressions: keys: {${values.join(', ')}}`);
  }
}

function readNames(raw: unknown): Record<string, string> {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw validation('ExpressionAttributeNames must be a map');
  const entries = Object.entries(raw as Record<string, unknown>);
  if (entries.length === 0) throw validation('ExpressionAttributeNames must not be empty');
  for (const [k, v] of entries) {
    if (!/^#[A-Za-z0-9_]+$/.test(k)) throw validation(`ExpressionAttributeNames contains invalid key: Syntax error; key: "${k}"`);
    if (typeof v !== 'string' || v === '') throw validation(`ExpressionAttributeNames contains invalid value: Empty attribute name; key: "${k}"`);
  }
  return raw as Record<string, string>;
}

function readValues(raw: unknown): Record<string, AttributeValue> {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw validation('ExpressionAttributeValues must be a map');
  const entries = Object.entries(raw as Record<string, unknown>);
  if (entries.length === 0) throw validation('ExpressionAttributeValues must not be empty');
  const out: Record<string, AttributeValue> = {};
  for (const [k, v] of entries) {
    if (!/^:[A-Za-z0-9_]+$/.test(k)) throw validation(`ExpressionAttributeValues contains invalid key: Syntax error; key: "${k}"`);
    const value = readValue(v);
    out[k] = value;
  }
  return out;
}

export const formatPath = (p: DocPath) => `[${p.map((e) => (typeof e === 'number' ? `[${e}]` : e)).join(', ')}]`;

/** Two paths of one expression may not overlap (one a prefix of the other) — DynamoDB's rule. */
export function checkNoOverlap(kind: ExpressionKind, paths: DocPath[]): void {
  for (let i = 0; i < paths.length; i++) {
    for (let j = i + 1; j < paths.length; j++) {
      const [a, b] = [paths[i], paths[j]];
      const n = Math.min(a.length, b.length);
      if (a.slice(0, n).every((e, k) => e === b[k])) {
        const word = a.length === b.length ? 'overlap' : 'overlap';
        throw validation(`Invalid ${kind}: Two document paths ${word} with each other; must remove or rewrite one of these paths; path one: ${formatPath(a)}, path two: ${formatPath(b)}`);
      }
    }
  }
}
