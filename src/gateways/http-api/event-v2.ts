/**
 * Payload format 2.0 (HTTP APIs), as in "Working with AWS Lambda proxy integrations for HTTP
 * APIs": header names lower-cased and repeated headers joined with commas; repeated query
 * parameters joined with commas; Cookie headers moved to `cookies`; `cookies`,
 * `queryStringParameters`, `pathParameters` and `body` left out when empty.
 */
import type { ApiContext } from './api-context';
import { isHttpApiTextType } from './binary';
import { domainPrefixOf, type EventIds, type PathView } from './event-v1';
import { requestTime } from './ids';
import { queryPairs, type GatewayRequest } from './request';
import type { RouteMatch } from './router';

export function buildEventV2(ctx: ApiContext, req: GatewayRequest, match: RouteMatch, ids: EventIds, paths: PathView, domainName: string) {
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i].toLowerCase();
    const value = raw[i + 1];
    if (name === 'cookie') {
      cookies = (cookies ?? []).concat(splitCookies(value));
      continue;
    }
    const previous = headers[name];
    headers[name] = previous === undefined ? value : previous + ',' + value;
  }
  const event: Record<string, unknown> = {
    version: '2.0',
    routeKey: match.route.routeKey,
    rawPath: paths.withStage,
    rawQueryString: req.rawQuery,
  };
  if (cookies) event.cookies = cookies;
  event.headers = headers;
  const query = queryParametersV2(req.rawQuery);
  if (query) event.queryStringParameters = query;
  event.requestContext = {
    accountId: ctx.accountId,
    apiId: ctx.apiId,
    domainName,
    domainPrefix: domainPrefixOf(domainName),
    http: {
      method: req.method,
      path: paths.withStage,
      protocol: req.protocol,
      sourceIp: req.sourceIp,
      userAgent: headers['user-agent'] ?? '',
    },
    requestId: ids.requestId,
    routeKey: match.route.routeKey,
    stage: ctx.stage,
    time: requestTime(req.receivedAt),
    timeEpoch: req.receivedAt,
  };
  const hasBody = req.body.length > 0;
  const binary = hasBody && !isHttpApiTextType(headers['content-type']);
  if (hasBody) event.body = req.body.toString(binary ? 'base64' : 'utf8');
  if (match.pathParameters) event.pathParameters = match.pathParameters;
  event.isBase64Encoded = binary;
  return event;
}

function splitCookies(header: string): string[] {
  return header
    .split(';')
    .map((c) => c.trim())
    .filter((c) => c !== '');
}

function queryParametersV2(rawQuery: string): Record<string, string> | undefined {
  const pairs = queryPairs(rawQuery);
  if (pairs.length === 0) return undefined;
  const query: Record<string, string> = {};
  for (const [name, value] of pairs) {
    const previous = query[name];
    query[name] = previous === undefined ? value : previous + ',' + value;
  }
  return query;
}
