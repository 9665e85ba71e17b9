/** Writing one answer: every answer carries a request id, as AWS's do. */
import type { ServerResponse } from 'node:http';

export function send(
  res: ServerResponse,
  status: number,
  requestId: string,
  headers: Record<string, string>,
  body: Buffer | string = '',
): void {
  if (res.headersSent) return;
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, {
    'x-amzn-RequestId': requestId,
    date: new Date().toUTCString(),
    ...headers,
    'content-length': String(bytes.length),
  });
  res.end(bytes);
}
