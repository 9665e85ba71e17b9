/**
 * The events a WebSocket API's Lambda proxy integration receives, field by field as API Gateway
 * sends them ("Setting up WebSocket API integration requests", and the CONNECT / MESSAGE /
 * DISCONNECT samples there; @types/aws-lambda APIGatewayProxyWebsocketEventV2 is the shape).
 */
import type { APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import { requestTime } from '../http-api/ids';

/** What API Gateway knows of one connection, fixed at $connect. */
export interface ConnectionFacts {
  apiId: string;
  stage: string;
  /** `127.0.0.1:<port>`: handlers build the management endpoint from it. */
  domainName: string;
  connectionId: string;
  connectedAt: number;
  sourceIp: string;
  userAgent?: string;
}

export interface RequestIds {
  requestId: string;
  extendedRequestId: string;
  at: number;
}

type EventType = 'CONNECT' | 'MESSAGE' | 'DISCONNECT';

function requestContext(c: ConnectionFacts, ids: RequestIds, routeKey: string, eventType: EventType, identity: Record<string, string>) {
  return {
    routeKey,
    eventType,
    extendedRequestId: ids.extendedRequestId,
    requestTime: requestTime(ids.at),
    messageDirection: 'IN' as const,
    stage: c.stage,
    connectedAt: c.connectedAt,
    requestTimeEpoch: ids.at,
    identity,
    requestId: ids.requestId,
    domainName: c.domainName,
    connectionId: c.connectionId,
    apiId: c.apiId,
  };
}

const fullIdentity = (c: ConnectionFacts): Record<string, string> =>
  c.userAgent === undefined ? { sourceIp: c.sourceIp } : { userAgent: c.userAgent, sourceIp: c.sourceIp };

export interface UpgradeRequestView {
  /** Header names as the client sent them (rawHeaders), with the forwarding headers API Gateway adds. */
  headers: [string, string][];
  query: URLSearchParams;
}

/** $connect: the upgrade request's headers and query string. */
export function connectEvent(c: ConnectionFacts, ids: RequestIds, req: UpgradeRequestView) {
  const event: Record<string, unknown> = { headers: singleValues(req.headers), multiValueHeaders: multiValues(req.headers) };
  if ([...req.query.keys()].length > 0) {
    event.queryStringParameters = singleValues([...req.query.entries()]);
    event.multiValueQueryStringParameters = multiValues([...req.query.entries()]);
  }
  event.requestContext = requestContext(c, ids, '$connect', 'CONNECT', fullIdentity(c));
  event.isBase64Encoded = false;
  return event;
}

/** A message on a route: text as is, binary frames base64-encoded. */
export function messageEvent(c: ConnectionFacts, ids: RequestIds, routeKey: string, messageId: string, data: Buffer, binary: boolean): APIGatewayProxyWebsocketEventV2 {
  return {
    requestContext: { ...requestContext(c, ids, routeKey, 'MESSAGE', { sourceIp: c.sourceIp }), messageId } as APIGatewayProxyWebsocketEventV2['requestContext'],
    body: binary ? data.toString('base64') : data.toString('utf8'),
    isBase64Encoded: binary,
  };
}

/** $disconnect: who closed and why, as the close frame said (1005 when it carried no status). */
export function disconnectEvent(c: ConnectionFacts, ids: RequestIds, statusCode: number, reason: string) {
  const headers: [string, string][] = [
    ['Host', c.domainName],
    ['X-Forwarded-For', c.sourceIp],
  ];
  return {
    headers: singleValues(headers),
    multiValueHeaders: multiValues(headers),
    requestContext: {
      ...requestContext(c, ids, '$disconnect', 'DISCONNECT', fullIdentity(c)),
      disconnectStatusCode: statusCode,
      disconnectReason: reason,
    },
    isBase64Encoded: false,
  };
}

/** Last value wins in the single-value map, as API Gateway does. */
function singleValues(pairs: [string, string][]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of pairs) out[k] = v;
  return out;
}

function multiValues(pairs: [string, string][]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of pairs) (out[k] ??= []).push(v);
  return out;
}
