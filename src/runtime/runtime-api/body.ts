import type { IncomingMessage } from 'node:http';

export interface ReadBody {
  /** The body, or only its first `limit` bytes when it was larger. */
  bytes: Buffer;
  /** Full size as sent, even past the limit. */
  size: number;
  tooLarge: boolean;
}

/**
 * Reads a request body, keeping at most `limit` bytes but draining the rest, so the runtime's
 * connection stays usable after a 413 (the runtime then asks for its next invocation on it).
 */
export function readBody(req: IncomingMessage, limit = Number.POSITIVE_INFINITY): Promise<ReadBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve({ bytes: Buffer.concat(chunks), size, tooLarge: size > limit }));
    req.on('error', reject);
  });
}
