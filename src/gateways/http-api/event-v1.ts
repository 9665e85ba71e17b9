/**
 * Payload format 1.0: what REST APIs send, and HTTP APIs when a route's payloadFormatVersion is
 * 1.0. Field by field as in "Input format of a Lambda function for proxy integration" (REST) and
 * "Working with AWS Lambda proxy integrations for HTTP APIs" (1.0), checked against captured
 * events: headers keep the client's case; `headers` keeps the last value of a repeated header,
 * `multiValueHeaders` all of them; empty query/path parameters and body are null.
 */
import type { ApiContext } from './api-context';
import { isHttpApiTextType, matchesBinaryMediaTypes } from './binary';
import { requestTime } from './ids';
import { headerValue, queryPairs, type GatewayRequest } from './request';
import type { RouteMatch } from './router';

export interface EventIds {
  requestId: string;
  /** REST: the short id also sent as x-amz-apigw-id; HTTP APIs: same as requestId. */
  extendedRequestId: string;
}

export interface PathView {
  /** Path below the stage (what REST's `path` shows). */
  belowStage: string;
  /** Path with the stage prefix (requestContext.path; HTTP API `path`/`rawPath`). */
  withStage: string;
}

export function buildEventV1(ctx: ApiContext, req: GatewayRequest, match: RouteMatch, ids: EventIds, paths: PathView, domainName: string) {
  const { route } = match;
  const isRest = ctx.kind === 'rest';
  const resource = route.isDefault ? route.routeKey : route.spec.path;
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    headers[raw[i]] = raw[i + 1];
    (multiValueHeaders[raw[i]] ??= []).push(raw[i + 1]);
  }
  const query = queryParametersV1(req.rawQuery);
  const userAgent = headerValue(raw, 'user-agent');
  const contentType = headerValue(raw, 'content-type');
  const binary = isRest ? matchesBinaryMediaTypes(contentType, ctx.binaryMediaTypes) : !isHttpApiTextType(contentType);
  const hasBody = req.body.length > 0;
  const event: Record<string, unknown> = isRest ? {} : { version: '1.0' };
  event.resource = resource;
  event.path = isRest ? paths.belowStage : paths.withStage;
  event.httpMethod = req.method;
  event.headers = headers;
  event.multiValueHeaders = multiValueHeaders;
  event.queryStringParameters = query.single;
  event.multiValueQueryStringParameters = query.multi;
  event.requestContext = {
    accountId: ctx.accountId,
    apiId: ctx.apiId,
    domainName,
    domainPrefix: domainPrefixOf(domainName),
    extendedRequestId: ids.extendedRequestId,
    httpMethod: req.method,
    identity: identityV1(req.sourceIp, userAgent, isRest),
    path: paths.withStage,
    protocol: req.protocol,
    requestId: ids.requestId,
    requestTime: requestTime(req.receivedAt),
    requestTimeEpoch: req.receivedAt,
    resourceId: isRest ? route.resourceId : route.routeKey,
    resourcePath: resource,
    stage: ctx.stage,
  };
  event.pathParameters = match.pathParameters;
  event.stageVariables = null;
  event.body = hasBody ? req.body.toString(binary ? 'base64' : 'utf8') : null;
  event.isBase64Encoded = hasBody && binary;
  return event;
}

function queryParametersV1(rawQuery: string) {
  const pairs = queryPairs(rawQuery);
  if (pairs.length === 0) return { single: null, multi: null };
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [name, value] of pairs) {
    single[name] = value;
    (multi[name] ??= []).push(value);
  }
  return { single, multi };
}

/** Unauthenticated caller: every identity field null but the source address and agent. */
function identityV1(sourceIp: string, userAgent: string | undefined, isRest: boolean) {
  const identity: Record<string, string | null> = {
    accessKey: null,
    accountId: null,
    caller: null,
    cognitoAuthenticationProvider: null,
    cognitoAuthenticationType: null,
    cognitoIdentityId: null,
    cognitoIdentityPoolId: null,
    principalOrgId: null,
    sourceIp,
    user: null,
    userAgent: userAgent ?? (isRest ? null : ''),
    userArn: null,
  };
  // Captured HTTP API 1.0 events also carry cognitoAmr.
  if (!isRest) identity.cognitoAmr = null;
  return identity;
}

/** "abc123.execute-api…" → "abc123"; "127.0.0.1:3000" → "127". */
export function domainPrefixOf(domainName: string): string {
  const dot = domainName.indexOf('.');
  if (dot >= 0) return domainName.slice(0, dot);
  const colon = domainName.indexOf(':');
  return colon >= 0 ? domainName.slice(0, colon) : domainName;
}
