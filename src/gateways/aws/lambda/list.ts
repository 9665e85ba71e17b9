/**
 * ListFunctions: by name, `MaxItems` per page (1–10000, default 50), continued with the opaque
 * `NextMarker` the previous page returned (Lambda API Reference, ListFunctions).
 */
import { AwsError } from '../errors';
import type { LambdaBackend } from './index';
import { functionConfiguration, type ConfigurationContext } from './configuration';

export const DEFAULT_MAX_ITEMS = 50;
export const MAX_MAX_ITEMS = 10_000;

export function listFunctions(backend: LambdaBackend, query: URLSearchParams, ctx: ConfigurationContext) {
  const maxItems = maxItemsOf(query.get('MaxItems'));
  const after = markerOf(query.get('Marker'));
  const all = backend.list().sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const remaining = after === undefined ? all : all.filter((f) => f.name > after);
  const page = remaining.slice(0, maxItems);
  const more = remaining.length > page.length;
  return {
    Functions: page.map((spec) => functionConfiguration(spec, ctx)),
    ...(more ? { NextMarker: Buffer.from(JSON.stringify({ after: page[page.length - 1].name })).toString('base64') } : {}),
  };
}

function maxItemsOf(text: string | null): number {
  if (text === null) return DEFAULT_MAX_ITEMS;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > MAX_MAX_ITEMS) {
    throw new AwsError('ValidationException', `1 validation error detected: Value '${text}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and ${MAX_MAX_ITEMS}`);
  }
  return n;
}

function markerOf(text: string | null): string | undefined {
  if (text === null || text === '') return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(text, 'base64').toString('utf8'));
    if (typeof parsed?.after === 'string') return parsed.after;
  } catch {
    // fall through
  }
  throw new AwsError('InvalidParameterValueException', 'Invalid Marker: use the NextMarker of a previous ListFunctions response.');
}
