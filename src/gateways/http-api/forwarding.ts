/**
 * Headers API Gateway adds before the request reaches the function: the client address, port
 * and scheme (X-Forwarded-*) and a trace id (X-Amzn-Trace-Id), each unless the client sent its
 * own. Frameworks behind serverless adapters rely on them to rebuild the request URL.
 */
import type { IncomingMessage } from 'node:http';

/** Node's rawHeaders with the gateway's additions appended (the array is the request's own). */
export function withForwardingHeaders(req: IncomingMessage, traceId: string): string[] {
  const raw = req.rawHeaders;
  let hasFor = false;
  let hasPort = false;
  let hasProto = false;
  let hasTrace = false;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i];
    if (name.length < 15 || name.length > 17) continue;
    const lower = name.toLowerCase();
    if (lower === 'x-forwarded-for') hasFor = true;
    else if (lower === 'x-forwarded-port') hasPort = true;
    else if (lower === 'x-forwarded-proto') hasProto = true;
    else if (lower === 'x-amzn-trace-id') hasTrace = true;
  }
  if (!hasFor) raw.push('X-Forwarded-For', req.socket.remoteAddress ?? '127.0.0.1');
  if (!hasPort) raw.push('X-Forwarded-Port', String(req.socket.localPort ?? ''));
  if (!hasProto) raw.push('X-Forwarded-Proto', 'http');
  if (!hasTrace) raw.push('X-Amzn-Trace-Id', traceId);
  return raw;
}
