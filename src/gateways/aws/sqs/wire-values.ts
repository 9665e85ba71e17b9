/**
 * Binary values leave the queue service as bytes; both SQS wires carry them as base64 text
 * (a JSON string; an XML element's text).
 */
export function bytesAsBase64(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  if (Array.isArray(value)) return value.map(bytesAsBase64);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, bytesAsBase64(v)]));
  }
  return value;
}
