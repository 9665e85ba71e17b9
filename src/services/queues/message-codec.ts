/**
 * How message attributes are kept in the engine's opaque `attributes` column: compact JSON with
 * binary values as base64, read back to the API's shape on receive.
 */
import type { MessageAttributeMap, MessageAttributeValue } from './types';

interface Stored {
  /** User message attributes. */
  m?: Record<string, StoredValue>;
  /** System attributes (AWSTraceHeader). */
  s?: Record<string, StoredValue>;
}
type StoredValue = { t: string; s?: string; b?: string };

export function encodeAttributes(user?: MessageAttributeMap, system?: MessageAttributeMap): string | undefined {
  const stored: Stored = {};
  if (user && Object.keys(user).length > 0) stored.m = encodeMap(user);
  if (system && Object.keys(system).length > 0) stored.s = encodeMap(system);
  return stored.m || stored.s ? JSON.stringify(stored) : undefined;
}

export function decodeAttributes(text: string | undefined): { user: MessageAttributeMap; system: MessageAttributeMap } {
  if (!text) return { user: {}, system: {} };
  const stored = JSON.parse(text) as Stored;
  return { user: decodeMap(stored.m), system: decodeMap(stored.s) };
}

function encodeMap(map: MessageAttributeMap): Record<string, StoredValue> {
  const out: Record<string, StoredValue> = {};
  for (const [name, v] of Object.entries(map)) {
    out[name] =
      v.BinaryValue !== undefined
        ? { t: v.DataType, b: typeof v.BinaryValue === 'string' ? v.BinaryValue : Buffer.from(v.BinaryValue).toString('base64') }
        : { t: v.DataType, s: v.StringValue };
  }
  return out;
}

function decodeMap(map: Record<string, StoredValue> | undefined): MessageAttributeMap {
  const out: MessageAttributeMap = {};
  for (const [name, v] of Object.entries(map ?? {})) {
    const value: MessageAttributeValue = { DataType: v.t };
    if (v.b !== undefined) value.BinaryValue = Buffer.from(v.b, 'base64');
    else value.StringValue = v.s;
    out[name] = value;
  }
  return out;
}
