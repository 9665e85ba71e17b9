/** How a fake customer gateway misbehaves when told to. */
import type { ServerResponse } from 'node:http';

export type GatewayMode = 'ok' | 'error' | 'hang' | 'garbage';

/** Answers for the failure modes; returns false when the request should be served normally. */
export function misbehave(mode: GatewayMode, res: ServerResponse): boolean {
  if (mode === 'error') {
    res.writeHead(503, { 'content-type': 'text/plain' });
    res.end('HR gateway under maintenance');
    return true;
  }
  if (mode === 'hang') return true; // never answers; the server's close() ends the socket
  if (mode === 'garbage') {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<html><body>Session expired, please log in</body></html>');
    return true;
  }
  return false;
}
