import type { ApiSpec, RouteSpec } from '../model';
import type { ResourceContext } from './context';
import { definitionBodyRoutes } from './definition-body';

/** SAM's implicit REST API is deployed to stage `Prod`; HTTP APIs default to `$default`. */
export const IMPLICIT_REST_STAGE = 'Prod';
export const DEFAULT_HTTP_STAGE = '$default';

/**
 * AWS::Serverless::Api. Routes come from function events, plus the S3-proxy operations of an
 * inline DefinitionBody (definition-body.ts); a DefinitionUri is not read, which the warning says.
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-api.html
 */
export function buildRestApi(ctx: ResourceContext, implicit: boolean): ApiSpec {
  const stageName = implicit ? IMPLICIT_REST_STAGE : ctx.requiredString('StageName');
  if (ctx.properties.DefinitionUri !== undefined) {
    ctx.warn(`${ctx.logicalId}: DefinitionUri is not read by Stratus; routes come from function events only`);
  }
  return {
    logicalId: ctx.logicalId,
    kind: 'rest',
    stageName,
    routes: definitionBodyRoutes(ctx),
    // SAM lets '/' be written '~1' in media types (image~1png); API Gateway sees image/png.
    binaryMediaTypes: (ctx.optionalStringList('BinaryMediaTypes') ?? []).map((type) => type.replaceAll('~1', '/')),
    cors: ctx.properties.Cors,
    auth: ctx.properties.Auth,
    domain: ctx.properties.Domain,
    gatewayResponses: ctx.properties.GatewayResponses,
    apiKeySourceType: ctx.optionalString('ApiKeySourceType'),
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
    domain: ctx.properties.Domain,
    implicit,
  };
}

/** Gives each API its routes, in function and event order. */
export function attachRoutes(apis: ApiSpec[], routes: RouteSpec[]): void {
  const byId = new Map(apis.map((api) => [api.logicalId, api]));
  for (const route of routes) byId.get(route.apiLogicalId)?.routes.push(route);
}
