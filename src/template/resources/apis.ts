import type { ApiSpec, RouteSpec } from '../model';
import type { ResourceContext } from './context';

/** SAM's implicit REST API is deployed to stage `Prod`; HTTP APIs default to `$default`. */
export const IMPLICIT_REST_STAGE = 'Prod';
export const DEFAULT_HTTP_STAGE = '$default';

/**
 * AWS::Serverless::Api. Routes come from function events; a DefinitionBody/DefinitionUri is not
 * read (yet), which the warning says.
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-api.html
 */
export function buildRestApi(ctx: ResourceContext, implicit: boolean): ApiSpec {
  const stageName = implicit ? IMPLICIT_REST_STAGE : ctx.requiredString('StageName');
  for (const key of ['DefinitionBody', 'DefinitionUri']) {
    if (ctx.properties[key] !== undefined) {
      ctx.warn(`${ctx.logicalId}: ${key} is not read by Stratus; routes come from function events only`);
    }
  }
  return {
    logicalId: ctx.logicalId,
    kind: 'rest',
    stageName,
    routes: [],
    // SAM lets '/' be written '~1' in media types (image~1png); API Gateway sees image/png.
    binaryMediaTypes: (ctx.optionalStringList('BinaryMediaTypes') ?? []).map((type) => type.replaceAll('~1', '/')),
    cors: ctx.properties.Cors,
    auth: ctx.properties.Auth,
    implicit,
  };
}

/** AWS::Serverless::HttpApi. https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-httpapi.html */
export function buildHttpApi(ctx: ResourceContext, implicit: boolean): ApiSpec {
  if (ctx.properties.DefinitionBody !== undefined || ctx.properties.DefinitionUri !== undefined) {
    ctx.warn(`${ctx.logicalId}: the OpenAPI definition is not read by Stratus; routes come from function events only`);
  }
  return {
    logicalId: ctx.logicalId,
    kind: 'http',
    stageName: ctx.optionalString('StageName') ?? DEFAULT_HTTP_STAGE,
    routes: [],
    binaryMediaTypes: [],
    cors: ctx.properties.CorsConfiguration,
    auth: ctx.properties.Auth,
    implicit,
  };
}

/** Gives each API its routes, in function and event order. */
export function attachRoutes(apis: ApiSpec[], routes: RouteSpec[]): void {
  const byId = new Map(apis.map((api) => [api.logicalId, api]));
  for (const route of routes) byId.get(route.apiLogicalId)?.routes.push(route);
}
