/**
 * Test double of the FunctionInvoker port (not of the engine): runs inline JS functions by
 * logical id, as a Lambda runtime would serialise their results. Plus small builders for APIs.
 */
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import type { FunctionInvoker, InvokeOutcome } from '../../src/services/functions/types';
import type { ApiSpec, HttpApiKind, RouteSpec } from '../../src/template/model';
import { startHttpApis, type HttpApiServers, type HttpRequestLog } from '../../src/gateways/http-api';

export type InlineHandler = (event: any) => unknown;

export const THROTTLE = Symbol('throttle');

export function inlineInvoker(handlers: Record<string, InlineHandler | typeof THROTTLE>) {
  const events: any[] = [];
  const invoker: FunctionInvoker = {
    async invoke(name, payload): Promise<InvokeOutcome> {
      const requestId = randomUUID();
      const handler = handlers[name];
      if (handler === undefined) throw new Error(`unknown function ${name}`);
      if (handler === THROTTLE) {
        return { status: 'throttled', requestId, error: { errorType: 'TooManyRequestsException', errorMessage: 'Rate Exceeded.' } };
      }
      const event = JSON.parse(payload);
      events.push(event);
      try {
        const value = await handler(event);
        return { status: 'success', requestId, payload: JSON.stringify(value ?? null), durationMs: 1, maxMemoryUsedMb: 64 };
      } catch (err) {
        const error = err as Error;
        return {
          status: 'error',
          kind: 'handled',
          requestId,
          error: { errorType: error.name, errorMessage: error.message },
          durationMs: 1,
          maxMemoryUsedMb: 64,
        };
      }
    },
  };
  return { invoker, events, last: () => events[events.length - 1] };
}

export function route(method: string, path: string, fn: string, extra: Partial<RouteSpec> = {}): RouteSpec {
  return { method, path, functionLogicalId: fn, apiLogicalId: 'Api', payloadFormatVersion: '2.0', timeoutMs: 30_000, ...extra };
}

export function api(kind: HttpApiKind, routes: RouteSpec[], extra: Partial<ApiSpec> = {}): ApiSpec {
  const v1 = kind === 'rest';
  return {
    logicalId: v1 ? 'ServerlessRestApi' : 'ServerlessHttpApi',
    kind,
    stageName: v1 ? 'Prod' : '$default',
    binaryMediaTypes: [],
    implicit: true,
    ...extra,
    routes: routes.map((r) => (v1 ? { ...r, payloadFormatVersion: '1.0', timeoutMs: r.timeoutMs === 30_000 ? 29_000 : r.timeoutMs } : r)),
  };
}

export interface Started {
  servers: HttpApiServers;
  url: string;
  urls: string[];
  logs: HttpRequestLog[];
  events: any[];
  last(): any;
}

export async function start(apis: ApiSpec[], handlers: Record<string, InlineHandler | typeof THROTTLE>): Promise<Started> {
  const { invoker, events, last } = inlineInvoker(handlers);
  const logs: HttpRequestLog[] = [];
  const servers = await startHttpApis({
    apis,
    invoker,
    host: '127.0.0.1',
    port: 0,
    region: 'us-east-1',
    accountId: '000000000000',
    onRequest: (log) => logs.push(log),
  });
  const urls = servers.endpoints.map((e) => e.url);
  return { servers, url: urls[0], urls, logs, events, last };
}

/** Echo: answers with the event it received, for event-shape tests. */
export const echoV1: InlineHandler = (event) => ({ statusCode: 200, body: JSON.stringify(event) });
export const echoV2: InlineHandler = (event) => event;

/** A request through node:http, so repeated headers go out as separate lines. */
export function send(
  base: string,
  path: string,
  options: { method?: string; headers?: Record<string, string | string[]>; body?: Buffer | string } = {},
): Promise<{ status: number; headers: import('node:http').IncomingHttpHeaders; rawHeaders: string[]; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const url = new URL(base);
    const req = request({ host: url.hostname, port: url.port, path, method: options.method ?? 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, rawHeaders: res.rawHeaders, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    for (const [name, value] of Object.entries(options.headers ?? {})) req.setHeader(name, value);
    req.end(options.body);
  });
}
