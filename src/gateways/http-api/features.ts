/**
 * What an API may have besides routes to functions — authorizers and API keys, CORS, S3-proxy
 * routes — prepared once at start. An API with none of them has no `features`, so its
 * requests pay a single property check.
 */
import type { RouteSpec } from '../../template/model';
import type { ApiContext } from './api-context';
import type { RouteAuth } from './auth/config';
import { createApiGuards, type ApiGuards, type GuardDeps } from './auth/guards';
import { readHttpCors, type HttpCors } from './cors/http';
import { readRestCors, type RestCors } from './cors/rest';
import { S3Integration } from './s3/integration';
import type { ObjectSource } from './s3/object-source';

export interface ApiFeatures {
  guards?: ApiGuards;
  restCors?: RestCors;
  httpCors?: HttpCors;
  /** REST: the default authorizer guards SAM's CORS OPTIONS methods too (AddDefaultAuthorizerToCorsPreflight). */
  preflightAuth?: RouteAuth;
  s3: Map<RouteSpec, S3Integration>;
}

export interface FeatureDeps extends GuardDeps {
  objects?: ObjectSource;
}

export function prepareFeatures(ctx: ApiContext, deps: FeatureDeps, warn: (message: string) => void): ApiFeatures | undefined {
  const { api } = ctx;
  const guards = createApiGuards({ api, stage: ctx.stage, apiId: ctx.apiId, region: ctx.region, accountId: ctx.accountId }, deps, warn);
  const restCors = readRestCors(api);
  const httpCors = readHttpCors(api);
  const s3 = new Map<RouteSpec, S3Integration>();
  for (const route of api.routes) {
    if (!route.s3) continue;
    if (!deps.objects) {
      warn(`${api.logicalId}: ${route.method} ${route.path} reads from S3, but no bucket service is running; it answers 500`);
      continue;
    }
    s3.set(route, new S3Integration(route.s3, deps.objects));
  }
  if (!guards && !restCors && !httpCors && !api.routes.some((r) => r.s3)) return undefined;
  let preflightAuth: RouteAuth | undefined;
  if (restCors && guards?.auth.defaultAuthorizer && guards.auth.defaultAuthorizerOnPreflight) {
    const auth = guards.routeOf({});
    if (auth.authorizer) preflightAuth = { ...auth, apiKeyRequired: false };
  }
  return { guards, restCors, httpCors, preflightAuth, s3 };
}
