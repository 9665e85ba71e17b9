/**
 * REST-JSON (Smithy "restJson1"): the operation is the method and path; input is bound to path
 * segments, query parameters, headers and the body. Errors carry the code in `x-amzn-ErrorType`
 * and a JSON body; the body's shape is the service's (Lambda: `{"Type": "User", "Message": …}`).
 */
import type { ServerResponse } from 'node:http';
import { AwsError, type AwsErrorData } from '../errors';
import type { RestResult, RestRoute } from '../service';
import { send } from '../respond';

const JSON_TYPE = 'application/json';

export interface RouteMatch {
  route: RestRoute;
  params: Record<string, string>;
  /** A path parameter that is not valid percent-encoding: answered by the route's service. */
  invalid?: AwsError;
}

/** The route whose method and path template fit; path parameters are percent-decoded. */
export function matchRoute(routes: RestRoute[], method: string, rawPath: string): RouteMatch | undefined {
  const segments = trimSlash(rawPath).split('/');
  for (const route of routes) {
    if (route.method !== method) continue;
    const params = matchSegments(trimSlash(route.path).split('/'), segments);
    if (!params) continue;
    try {
      return { route, params: decodeParams(params) };
    } catch (err) {
      return { route, params: {}, invalid: err as AwsError };
    }
  }
  return undefined;
}

/** Whether any route's fixed first segments (e.g. `/2015-03-31/functions`) begin this path. */
export function pathBelongsTo(routes: RestRoute[], rawPath: string): boolean {
  return routes.some((r) => {
    const fixed = trimSlash(r.path).split('/').slice(0, 2).join('/');
    return !fixed.includes('{') && (trimSlash(rawPath) + '/').startsWith(fixed + '/');
  });
}

function matchSegments(template: string[], actual: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < template.length; i++) {
    const t = template[i];
    const greedy = /^\{(\w+)\+\}$/.exec(t);
    if (greedy) {
      if (i >= actual.length) return undefined;
      params[greedy[1]] = actual.slice(i).join('/');
      return params;
    }
    if (i >= actual.length) return undefined;
    const label = /^\{(\w+)\}$/.exec(t);
    if (label) {
      if (actual[i] === '') return undefined;
      params[label[1]] = actual[i];
    } else if (t !== actual[i]) return undefined;
  }
  return template.length === actual.length ? params : undefined;
}

function decodeParams(params: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) {
    try {
      out[k] = decodeURIComponent(v);
    } catch {
      throw new AwsError('ValidationException', `The path parameter ${k} is not valid percent-encoding: ${v}`);
    }
  }
  return out;
}

const trimSlash = (path: string) => (path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path);

export function sendRestResult(res: ServerResponse, requestId: string, result: RestResult): void {
  const status = result.status ?? 200;
  const headers = { ...result.headers };
  let body: Buffer | string = '';
  if (Buffer.isBuffer(result.body) || typeof result.body === 'string') body = result.body;
  else if (result.body !== undefined) {
    body = JSON.stringify(result.body);
    headers['content-type'] ??= JSON_TYPE;
  }
  send(res, status, requestId, headers, body);
}

export type RestErrorBody = (err: AwsErrorData) => Record<string, unknown>;

export const defaultRestErrorBody: RestErrorBody = (err) => ({ message: err.message });

export function sendRestError(res: ServerResponse, requestId: string, err: AwsErrorData, body: RestErrorBody = defaultRestErrorBody): void {
  send(res, err.status, requestId, { 'content-type': JSON_TYPE, 'x-amzn-ErrorType': err.code }, JSON.stringify(body(err)));
}
