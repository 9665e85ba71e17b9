/**
 * REST API CORS as SAM sets it up (`Cors` on AWS::Serverless::Api, "CorsConfiguration" in the
 * SAM reference): SAM adds an OPTIONS method with a MOCK integration to every path that has
 * none, answering 200 with Access-Control-Allow-Origin/-Methods/-Headers, -Max-Age and
 * -Allow-Credentials as configured (values are quoted in SAM: "'*'"), and a `{}` JSON body.
 * AllowMethods defaults to the path's own methods plus OPTIONS, sorted (every method for a path
 * with ANY); a path's own OPTIONS function wins over the mock. The function's other answers get
 * no CORS headers from the gateway: on REST the function sets them.
 */
import type { ApiSpec } from '../../../template/model';
import { UserError } from '../../../shared/errors';
import type { HttpAnswer } from '../response-v1';
import { createRouter, type RouteMatch, type Router } from '../router';

const ALL_METHODS = 'DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT';

export interface RestCors {
  /** The resource (as an OPTIONS route match) a request path belongs to, if SAM gave it a mock. */
  resourceOf(pathBelowStage: string): RouteMatch | undefined;
  answer(resourcePath: string): HttpAnswer;
}

export class CorsConfigError extends UserError {
  constructor(message: string) {
    super('InvalidCorsConfiguration', message);
  }
}

export function readRestCors(api: ApiSpec): RestCors | undefined {
  if (api.cors === undefined || api.cors === null || api.kind !== 'rest') return undefined;
  const spec = typeof api.cors === 'string' ? { AllowOrigin: api.cors } : (api.cors as Record<string, unknown>);
  if (typeof spec !== 'object' || spec === null) throw new CorsConfigError(`${api.logicalId}: Cors must be a string or a mapping`);
  const origin = unquote(spec.AllowOrigin);
  if (origin === undefined) throw new CorsConfigError(`${api.logicalId}: Cors.AllowOrigin is required`);
  const credentials = spec.AllowCredentials === true || spec.AllowCredentials === 'true';
  if (credentials && origin === '*') throw new CorsConfigError(`${api.logicalId}: Cors.AllowCredentials cannot be true when AllowOrigin is '*'`);
  const methodsByPath = new Map<string, Set<string>>();
  for (const route of api.routes) {
    const set = methodsByPath.get(route.path) ?? new Set<string>();
    set.add(route.method.toUpperCase());
    methodsByPath.set(route.path, set);
  }
  const mockPaths = [...methodsByPath].filter(([, methods]) => !methods.has('OPTIONS')).map(([path]) => path);
  const router: Router = createRouter({
    ...api,
    routes: mockPaths.map((path) => ({ method: 'OPTIONS', path, functionLogicalId: '', apiLogicalId: api.logicalId, payloadFormatVersion: '1.0', timeoutMs: 0 })),
  });
  const allowHeaders = unquote(spec.AllowHeaders);
  const allowMethods = unquote(spec.AllowMethods);
  const maxAge = unquote(spec.MaxAge);
  return {
    resourceOf(path) {
      try {
        return router.match('OPTIONS', path) ?? undefined;
      } catch {
        return undefined;
      }
    },
    answer(resourcePath) {
      const headers = ['Content-Type', 'application/json'];
      if (allowHeaders !== undefined) headers.push('Access-Control-Allow-Headers', allowHeaders);
      headers.push('Access-Control-Allow-Methods', allowMethods ?? defaultMethods(methodsByPath.get(resourcePath)));
      headers.push('Access-Control-Allow-Origin', origin);
      if (maxAge !== undefined) headers.push('Access-Control-Max-Age', maxAge);
      if (credentials) headers.push('Access-Control-Allow-Credentials', 'true');
      return { status: 200, headers, body: '{}' };
    },
  };
}

function defaultMethods(methods: Set<string> | undefined): string {
  if (!methods || methods.has('ANY')) return ALL_METHODS;
  return [...new Set([...methods, 'OPTIONS'])].sort().join(',');
}

/** SAM values are header values in single quotes ("'*'"); numbers (MaxAge) may be bare. */
function unquote(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = String(value).trim();
  return text.length >= 2 && text.startsWith("'") && text.endsWith("'") ? text.slice(1, -1) : text;
}
