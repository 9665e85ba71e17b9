/**
 * Route compilation: a RouteSpec becomes segments ranked for API Gateway's selection rules.
 * Written here rather than borrowed from a web router because the rules are AWS's, not a
 * framework's: see router.ts for how they are applied.
 */
import type { ApiSpec, HttpApiKind, RouteSpec } from '../../template/model';
import { RESOURCE_ID_LENGTH, stableId } from './ids';

export const DEFAULT_ROUTE = '$default';
export const ANY_METHOD = 'ANY';

/** Higher is more specific; compared segment by segment, left to right. */
export const GREEDY = 1;
export const PARAM = 2;
export const LITERAL = 3;

export type Segment =
  | { rank: typeof LITERAL; text: string }
  | { rank: typeof PARAM; name: string }
  | { rank: typeof GREEDY; name: string };

export interface CompiledRoute {
  spec: RouteSpec;
  /** Upper case method or ANY. */
  method: string;
  segments: Segment[];
  /** Only literal segments: the route is found by an exact lookup. */
  isStatic: boolean;
  isDefault: boolean;
  /** "GET /items/{id}" or "$default" (routeKey in v2, resourceId in HTTP API v1). */
  routeKey: string;
  /** REST resource id: 6 chars, stable per resource path. */
  resourceId: string;
}

export function compileRoute(api: ApiSpec, spec: RouteSpec): CompiledRoute {
  const method = spec.method.toUpperCase();
  const isDefault = spec.path === DEFAULT_ROUTE;
  const segments = isDefault ? [] : parseSegments(normalizeTemplatePath(spec.path, api.kind));
  return {
    spec,
    method,
    segments,
    isStatic: !isDefault && segments.every((s) => s.rank === LITERAL),
    isDefault,
    routeKey: isDefault ? DEFAULT_ROUTE : `${method} ${spec.path}`,
    resourceId: stableId(`${api.logicalId} ${spec.path}`, RESOURCE_ID_LENGTH),
  };
}

/** REST ignores a trailing slash (aws-sam-cli#1495 matched AWS); HTTP API routes keep it. */
function normalizeTemplatePath(path: string, kind: HttpApiKind): string {
  const withSlash = path.startsWith('/') ? path : '/' + path;
  return kind === 'rest' ? stripTrailingSlash(withSlash) : withSlash;
}

export function stripTrailingSlash(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

function parseSegments(path: string): Segment[] {
  return path
    .slice(1)
    .split('/')
    .map((part): Segment => {
      const variable = /^\{([^{}]+)\}$/.exec(part);
      if (!variable) return { rank: LITERAL, text: part };
      const name = variable[1];
      return name.endsWith('+') ? { rank: GREEDY, name: name.slice(0, -1) } : { rank: PARAM, name };
    });
}

/** The static key of a route: its literal path. */
export function staticKey(route: CompiledRoute): string {
  return '/' + route.segments.map((s) => (s.rank === LITERAL ? s.text : '')).join('/');
}
