/**
 * The management API on a WebSocket API's own port, where handlers reach it as
 * `http://${requestContext.domainName}/${requestContext.stage}`: `/{stage}/@connections/{id}`
 * (also `/@connections/{id}`). Only this API's connections exist here. Anything else on the port
 * answers 403 `{"message":"Forbidden"}`, API Gateway's answer for a path it has no route for.
 *
 * Not done yet: requests are not SigV4-checked here (the edge port's strict mode does not apply).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ConnectionError, MAX_MESSAGE_BYTES, newGatewayId, payloadTooLarge, type ConnectionService } from '../../services/connections';
import { MANAGEMENT_OPERATIONS, runManagementOperation } from './management';

export interface ManagementHttpOptions {
  connections: ConnectionService;
  apiId: string;
  stages: string[];
  onError(err: unknown): void;
}

export function managementHandler(o: ManagementHttpOptions) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const requestId = newGatewayId();
    handle(o, req, res, requestId).catch((err) => {
      if (err instanceof ConnectionError) return sendError(res, requestId, err.status, err.code, err.message);
      o.onError(err);
      sendError(res, requestId, 500, 'InternalServerErrorException', 'Internal server error');
    });
  };
}

async function handle(o: ManagementHttpOptions, req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
  const path = (req.url ?? '/').split('?')[0]!;
  const match = /^(?:\/([^/]+))?\/@connections\/([^/]+)\/?$/.exec(path);
  const stage = match?.[1] === undefined ? undefined : safeDecode(match[1]);
  const connectionId = match ? safeDecode(match[2]!) : null;
  const operation = MANAGEMENT_OPERATIONS[req.method ?? ''];
  if (!match || connectionId === null || stage === null || (stage !== undefined && !o.stages.includes(stage)) || !operation) {
    req.resume();
    return sendError(res, requestId, 403, 'ForbiddenException', 'Forbidden');
  }
  const body = await readBody(req);
  const result = await runManagementOperation(o.connections, operation, connectionId, body, { apiId: o.apiId, stage });
  const text = result.body ? JSON.stringify(result.body) : '';
  res.writeHead(result.status, {
    'x-amzn-RequestId': requestId,
    ...(text && { 'content-type': 'application/json' }),
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Reads the body up to the message quota; one byte more is PayloadTooLargeException. */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_MESSAGE_BYTES) chunks.push(chunk);
    });
    req.on('end', () => (size > MAX_MESSAGE_BYTES ? reject(payloadTooLarge(size, MAX_MESSAGE_BYTES)) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

function sendError(res: ServerResponse, requestId: string, status: number, code: string, message: string): void {
  if (res.headersSent) return void res.destroy();
  const text = JSON.stringify({ message });
  res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-ErrorType': code, 'x-amzn-RequestId': requestId, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
