/**
 * API Gateway's route selection, per API.
 *
 * Rules ("Routing API requests", Working with routes for HTTP APIs; REST resources behave the
 * same way for what SAM can express):
 * - a route matches on path and method; `ANY` matches every method;
 * - paths are case sensitive; path parameters are URL-decoded before they reach the handler;
 * - among matching routes the most specific path wins, compared segment by segment from the
 *   left: a literal beats `{param}`, which beats a greedy `{proxy+}` (so the longest literal
 *   prefix wins); on the same path a specific method beats `ANY`;
 * - HTTP APIs fall back to the `$default` route, if there is one.
 * Trailing slashes and `{proxy+}`:
 * - REST ignores one trailing slash (`/pets/` is served by `/pets`) and `/{proxy+}` needs at
 *   least one character, so it never catches `/` (root needs its own method, as on AWS);
 * - HTTP APIs keep the slash: `/pets/` does not match `GET /pets`, but `/pets/{proxy+}` matches
 *   `/pets/` with `proxy` = "" (captured HTTP API event: path "/handler/", resource
 *   "/handler/{proxy+}", pathParameters {"proxy": ""}).
 */
import type { ApiSpec } from '../../template/model';
import { ANY_METHOD, compileRoute, GREEDY, LITERAL, PARAM, staticKey, stripTrailingSlash, type CompiledRoute } from './routes';

export interface RouteMatch {
  route: CompiledRoute;
  /** Decoded values; null when the route has no variables. */
  pathParameters: Record<string, string> | null;
}

/** A path whose percent-encoding cannot be decoded: the gateway answers 400. */
export class MalformedPathError extends Error {}

export interface Router {
  /** `path` is the request path after the stage prefix is removed, still percent-encoded. */
  match(method: string, path: string): RouteMatch | null;
}

export function createRouter(api: ApiSpec): Router {
  const compiled = api.routes.map((spec) => compileRoute(api, spec));
  const staticRoutes = new Map<string, CompiledRoute[]>();
  for (const route of compiled.filter((r) => r.isStatic)) {
    const key = staticKey(route);
    staticRoutes.set(key, [...(staticRoutes.get(key) ?? []), route]);
  }
  const dynamicRoutes = compiled.filter((r) => !r.isStatic && !r.isDefault).sort(bySpecificity);
  const defaultRoute = api.kind === 'http' ? compiled.find((r) => r.isDefault) : undefined;
  const emptyGreedyAllowed = api.kind === 'http';
  const isRest = api.kind === 'rest';

  return {
    match(method, rawPath) {
      const path = isRest ? stripTrailingSlash(rawPath) : rawPath;
      const segments = splitPath(path);
      const lookupKey = path.includes('%') ? '/' + segments.join('/') : path;
      const exact = pickMethod(staticRoutes.get(lookupKey), method);
      if (exact) return { route: exact, pathParameters: null };
      for (const route of dynamicRoutes) {
        if (route.method !== method && route.method !== ANY_METHOD) continue;
        const params = matchSegments(route, segments, emptyGreedyAllowed);
        if (params) return { route, pathParameters: params };
      }
      return defaultRoute ? { route: defaultRoute, pathParameters: null } : null;
    },
  };
}

function pickMethod(routes: CompiledRoute[] | undefined, method: string): CompiledRoute | undefined {
  if (!routes) return undefined;
  return routes.find((r) => r.method === method) ?? routes.find((r) => r.method === ANY_METHOD);
}

/** Most specific first; on equal paths a specific method before ANY. */
function bySpecificity(a: CompiledRoute, b: CompiledRoute): number {
  const shared = Math.min(a.segments.length, b.segments.length);
  for (let i = 0; i < shared; i++) {
    const diff = b.segments[i].rank - a.segments[i].rank;
    if (diff !== 0) return diff;
  }
  if (a.segments.length !== b.segments.length) return b.segments.length - a.segments.length;
  return Number(a.method === ANY_METHOD) - Number(b.method === ANY_METHOD);
}

/** Decoded segments of `/a/b%20c` → ["a", "b c"]; `/` → [""]. */
function splitPath(path: string): string[] {
  const parts = path.slice(1).split('/');
  if (!path.includes('%')) return parts;
  try {
    return parts.map(decodeURIComponent);
  } catch {
    throw new MalformedPathError(`malformed percent-encoding in ${path}`);
  }
}

function matchSegments(route: CompiledRoute, parts: string[], emptyGreedyAllowed: boolean): Record<string, string> | null {
  const params: Record<string, string> = {};
  const segments = route.segments;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (segment.rank === GREEDY) {
      if (i >= parts.length) return null;
      const rest = i === parts.length - 1 ? parts[i] : parts.slice(i).join('/');
      if (rest === '' && !emptyGreedyAllowed) return null;
      params[segment.name] = rest;
      return params;
    }
    const part = parts[i];
    if (part === undefined) return null;
    if (segment.rank === LITERAL) {
      if (part !== segment.text) return null;
    } else if (segment.rank === PARAM) {
      if (part === '') return null;
      params[segment.name] = part;
    }
  }
  return parts.length === segments.length ? params : null;
}
