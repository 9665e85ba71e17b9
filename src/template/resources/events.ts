import type { FunctionEventSpec, RouteSpec } from '../model';
import type { ResourceContext } from './context';

/** API Gateway integration timeouts: REST up to 29 s, HTTP API default 30 s. */
export const REST_API_TIMEOUT_MS = 29_000;
export const HTTP_API_TIMEOUT_MS = 30_000;
export const IMPLICIT_REST_API = 'ServerlessRestApi';
export const IMPLICIT_HTTP_API = 'ServerlessHttpApi';

/**
 * A function's Events. Api and HttpApi events become routes; the others keep their (resolved)
 * properties for the services that run them.
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-api.html
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-httpapi.html
 */
export function readEvents(ctx: ResourceContext): FunctionEventSpec[] {
  const events = ctx.properties.Events;
  if (events === undefined || events === null) return [];
  if (typeof events !== 'object' || Array.isArray(events)) throw ctx.fail('Events must be a mapping of event names to events', ['Events']);
  return Object.entries(events as Record<string, unknown>).map(([name, event]) => readEvent(ctx, name, event));
}

function readEvent(ctx: ResourceContext, name: string, event: unknown): FunctionEventSpec {
  const path = ['Events', name];
  if (typeof event !== 'object' || event === null || Array.isArray(event)) throw ctx.fail('an event must be a mapping with a Type', path);
  const { Type: type, Properties: properties = {} } = event as Record<string, unknown>;
  if (typeof type !== 'string') throw ctx.fail('the event has no Type', path, 'key');
  if (typeof properties !== 'object' || properties === null || Array.isArray(properties)) {
    throw ctx.fail('Properties must be a mapping', [...path, 'Properties']);
  }
  const props = properties as Record<string, unknown>;
  if (type === 'Api') return { name, type, route: restRoute(ctx, name, props) };
  if (type === 'HttpApi') return { name, type, route: httpRoute(ctx, name, props) };
  return { name, type, properties: props };
}

function restRoute(ctx: ResourceContext, name: string, props: Record<string, unknown>): RouteSpec {
  const at = (key: string) => ['Events', name, 'Properties', key];
  const path = stringProp(ctx, props, 'Path', at('Path'));
  const method = stringProp(ctx, props, 'Method', at('Method'));
  if (!path) throw ctx.fail('Path is required for an Api event', at('Path'));
  if (!method) throw ctx.fail('Method is required for an Api event', at('Method'));
  return {
    method: method.toUpperCase(),
    path,
    functionLogicalId: ctx.logicalId,
    apiLogicalId: apiReference(ctx, name, 'RestApiId', 'AWS::Serverless::Api') ?? IMPLICIT_REST_API,
    payloadFormatVersion: '1.0',
    timeoutMs: timeout(ctx, props, at('TimeoutInMillis'), REST_API_TIMEOUT_MS),
    ...(props.Auth !== undefined ? { auth: props.Auth } : {}),
  };
}

/** An HttpApi event without Path and Method is the `$default` route (any method). */
function httpRoute(ctx: ResourceContext, name: string, props: Record<string, unknown>): RouteSpec {
  const at = (key: string) => ['Events', name, 'Properties', key];
  const version = stringProp(ctx, props, 'PayloadFormatVersion', at('PayloadFormatVersion')) ?? '2.0';
  if (version !== '1.0' && version !== '2.0') throw ctx.fail(`PayloadFormatVersion must be "1.0" or "2.0", got "${version}"`, at('PayloadFormatVersion'));
  return {
    method: (stringProp(ctx, props, 'Method', at('Method')) ?? 'ANY').toUpperCase(),
    path: stringProp(ctx, props, 'Path', at('Path')) ?? '$default',
    functionLogicalId: ctx.logicalId,
    apiLogicalId: apiReference(ctx, name, 'ApiId', 'AWS::Serverless::HttpApi') ?? IMPLICIT_HTTP_API,
    payloadFormatVersion: version,
    timeoutMs: timeout(ctx, props, at('TimeoutInMillis'), HTTP_API_TIMEOUT_MS),
    ...(props.Auth !== undefined ? { auth: props.Auth } : {}),
  };
}

/**
 * RestApiId / ApiId as written (unresolved): SAM requires a Ref to an API of the same template.
 */
function apiReference(ctx: ResourceContext, event: string, key: string, apiType: string): string | undefined {
  const rawEvents = ctx.raw.properties.Events as Record<string, { Properties?: Record<string, unknown> }>;
  const raw = rawEvents?.[event]?.Properties?.[key];
  if (raw === undefined) return undefined;
  const target = typeof raw === 'object' && raw !== null && 'Ref' in raw ? (raw as { Ref: unknown }).Ref : undefined;
  if (typeof target !== 'string' || ctx.env.typesById.get(target) !== apiType) {
    throw ctx.fail(`${key} must be a valid reference to an '${apiType}' resource in the same template`, ['Events', event, 'Properties', key]);
  }
  return target;
}

function timeout(ctx: ResourceContext, props: Record<string, unknown>, path: string[], fallback: number): number {
  const value = props.TimeoutInMillis;
  if (value === undefined || value === null) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 50) throw ctx.fail('TimeoutInMillis must be an integer of at least 50', path);
  return number;
}

function stringProp(ctx: ResourceContext, props: Record<string, unknown>, key: string, path: string[]): string | undefined {
  const value = props[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  throw ctx.fail(`${key} must be a string`, path);
}
