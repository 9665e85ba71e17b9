/**
 * A sample API event built by the same code that builds real ones, for `generate-event`: a
 * request is made up from the options and passed through route matching and the v1/v2 builders.
 */
import type { ApiSpec, HttpApiKind } from '../../template/model';
import { createApiContext, pathBelowStage } from './api-context';
import { buildEventV1 } from './event-v1';
import { buildEventV2 } from './event-v2';
import { restRequestId, shortRequestId, traceId } from './ids';
import type { GatewayRequest } from './request';
import { UserError } from '../../shared/errors';

export interface SampleApiEventOptions {
  kind: HttpApiKind;
  method: string;
  /** Request path, e.g. /path/to/resource (with or without the stage). */
  path: string;
  /** Route path, e.g. /{proxy+}; `$default` for an HTTP API catch-all. */
  resource: string;
  stage: string;
  body: string;
  query: string;
  accountId: string;
  region: string;
  now: number;
}

export function sampleApiEvent(o: SampleApiEventOptions): Record<string, unknown> {
  const api: ApiSpec = {
    logicalId: o.kind === 'rest' ? 'ServerlessRestApi' : 'ServerlessHttpApi',
    kind: o.kind,
    stageName: o.stage,
    binaryMediaTypes: [],
    implicit: true,
    routes: [
      {
        method: o.method.toUpperCase(),
        path: o.resource,
        functionLogicalId: 'Function',
        apiLogicalId: 'Api',
        payloadFormatVersion: o.kind === 'rest' ? '1.0' : '2.0',
        timeoutMs: 0,
      },
    ],
  };
  const ctx = createApiContext(api, o.accountId, o.region);
  const domainName = `${ctx.apiId}.execute-api.${o.region}.amazonaws.com`;
  const path = o.path.startsWith('/') ? o.path : '/' + o.path;
  const below = pathBelowStage(ctx, path);
  const match = ctx.router.match(api.routes[0].method, below);
  if (!match) throw new UserError('BadEventOption', `path ${o.path} does not match resource ${o.resource}`);
  const short = shortRequestId();
  const trace = traceId(o.now);
  const request: GatewayRequest = {
    method: api.routes[0].method,
    rawPath: path,
    rawQuery: o.query,
    rawHeaders: sampleHeaders(domainName, trace, o.body),
    body: Buffer.from(o.body),
    sourceIp: '127.0.0.1',
    protocol: 'HTTP/1.1',
    receivedAt: o.now,
  };
  const ids = o.kind === 'rest' ? { requestId: restRequestId(), extendedRequestId: short } : { requestId: short, extendedRequestId: short };
  const paths = { belowStage: below, withStage: ctx.stagePrefix + below };
  return o.kind === 'rest'
    ? buildEventV1(ctx, request, match, ids, paths, domainName)
    : buildEventV2(ctx, request, match, ids, paths, domainName);
}

function sampleHeaders(host: string, trace: string, body: string): string[] {
  const headers = ['Accept', '*/*', 'Host', host, 'User-Agent', 'Custom User Agent String'];
  if (body) headers.push('Content-Type', 'application/json', 'Content-Length', String(Buffer.byteLength(body)));
  headers.push('X-Forwarded-For', '127.0.0.1', 'X-Forwarded-Port', '443', 'X-Forwarded-Proto', 'https', 'X-Amzn-Trace-Id', trace);
  return headers;
}
