import { decodeAttributes } from '../../services/queues/message-codec';

/** Message attributes as plain JSON for people (binary values as base64). */
export function decodeAttributesForDisplay(stored: string | undefined): Record<string, unknown> | undefined {
  if (!stored) return undefined;
  const { user } = decodeAttributes(stored);
  const out: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(user)) {
    out[name] = v.StringValue ?? (v.BinaryValue ? Buffer.from(v.BinaryValue as Uint8Array).toString('base64') : null);
  }
  return out;
}
