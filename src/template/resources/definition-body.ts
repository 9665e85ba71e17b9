import type { RouteSpec } from '../model';
import type { ResourceContext } from './context';
import { REST_API_TIMEOUT_MS } from './events';

/**
 * Routes an inline OpenAPI DefinitionBody gives a REST API that Stratus can serve without a
 * function: `x-amazon-apigateway-integration` of `type: aws` whose uri is an S3 path
 * (`arn:aws:apigateway:<region>:s3:path/<bucket>/<key>`, "Tutorial: Create a REST API as an
 * Amazon S3 proxy"). Other integrations in the body are listed in one warning.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/integrating-api-with-aws-services-s3.html
 */
const S3_PATH_URI = /^arn:[^:]+:apigateway:[^:]*:s3:path\/(.+)$/;
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'x-amazon-apigateway-any-method'];

export function definitionBodyRoutes(ctx: ResourceContext): RouteSpec[] {
  const body = ctx.properties.DefinitionBody;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return [];
  const paths = (body as Record<string, unknown>).paths;
  if (typeof paths !== 'object' || paths === null) return [];
  const routes: RouteSpec[] = [];
  const skipped: string[] = [];
  for (const [path, item] of Object.entries(paths as Record<string, unknown>)) {
    if (typeof item !== 'object' || item === null) continue;
    for (const [key, operation] of Object.entries(item as Record<string, unknown>)) {
      if (!METHODS.includes(key.toLowerCase())) continue;
      const method = key === 'x-amazon-apigateway-any-method' ? 'ANY' : key.toUpperCase();
      const route = s3Route(ctx, path, method, operation);
      if (route) routes.push(route);
      else skipped.push(`${method} ${path}`);
    }
  }
  if (skipped.length > 0) {
    ctx.warn(`${ctx.logicalId}: DefinitionBody operations other than S3 proxies are not served by Stratus (${skipped.join(', ')}); routes come from function events`);
  }
  return routes;
}

function s3Route(ctx: ResourceContext, path: string, method: string, operation: unknown): RouteSpec | undefined {
  if (typeof operation !== 'object' || operation === null) return undefined;
  const integration = (operation as Record<string, unknown>)['x-amazon-apigateway-integration'] as Record<string, unknown> | undefined;
  if (!integration || String(integration.type).toLowerCase() !== 'aws') return undefined;
  const uri = typeof integration.uri === 'string' ? S3_PATH_URI.exec(integration.uri) : null;
  if (!uri) return undefined;
  // Only reads are served: the S3 proxy route of a static front end is a GET.
  if (String(integration.httpMethod ?? 'GET').toUpperCase() !== 'GET') return undefined;
  const pathParameters: Record<string, string> = {};
  const params = integration.requestParameters;
  if (typeof params === 'object' && params !== null) {
    for (const [target, source] of Object.entries(params as Record<string, unknown>)) {
      const to = /^integration\.request\.path\.(.+)$/.exec(target);
      const from = typeof source === 'string' ? /^method\.request\.path\.(.+)$/.exec(source) : null;
      if (to && from) pathParameters[to[1]] = from[1];
    }
  }
  return {
    method,
    path,
    functionLogicalId: '',
    apiLogicalId: ctx.logicalId,
    payloadFormatVersion: '1.0',
    timeoutMs: Number(integration.timeoutInMillis) || REST_API_TIMEOUT_MS,
    s3: { objectPath: uri[1], pathParameters, responses: integration.responses },
  };
}
