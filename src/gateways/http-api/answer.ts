/**
 * Writing answers: the function's (already mapped) or the gateway's own, each with the
 * request-id headers API Gateway adds — REST: x-amzn-RequestId, x-amz-apigw-id and
 * X-Amzn-Trace-Id; HTTP APIs: apigw-requestid. Content-Length is always the gateway's own.
 */
import type { ServerResponse } from 'node:http';
import type { HttpApiKind } from '../../template/model';
import { gatewayAnswer, type GatewayProblem } from './constants';
import type { HttpAnswer } from './response-v1';

export interface RequestIds {
  requestId: string;
  extendedRequestId: string;
  traceId: string;
}

/** Hop-by-hop or length headers a function cannot set: the gateway frames the response. */
const FRAMING_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive']);

export function writeAnswer(res: ServerResponse, kind: HttpApiKind, ids: RequestIds, answer: HttpAnswer): void {
  if (res.headersSent || res.destroyed) return;
  const body = answer.body;
  const length = typeof body === 'string' ? Buffer.byteLength(body) : body.length;
  const headers: string[] = [];
  const own = answer.headers;
  for (let i = 0; i < own.length; i += 2) {
    if (!FRAMING_HEADERS.has(own[i].toLowerCase())) headers.push(own[i], own[i + 1]);
  }
  if (kind === 'rest') {
    headers.push('x-amzn-RequestId', ids.requestId, 'x-amz-apigw-id', ids.extendedRequestId, 'X-Amzn-Trace-Id', ids.traceId);
  } else {
    headers.push('apigw-requestid', ids.requestId);
  }
  headers.push('Content-Length', String(length));
  res.writeHead(answer.status, headers);
  res.end(body);
}

export function writeProblem(res: ServerResponse, kind: HttpApiKind, ids: RequestIds, problem: GatewayProblem): number {
  const answer = gatewayAnswer(kind, problem);
  const headers = ['Content-Type', 'application/json'];
  if (answer.headers) for (const [name, value] of Object.entries(answer.headers)) headers.push(name, value);
  writeAnswer(res, kind, ids, { status: answer.status, headers, body: answer.body });
  return answer.status;
}
