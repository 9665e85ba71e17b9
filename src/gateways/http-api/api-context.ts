/**
 * Everything about one API that does not change per request, computed once at start so the
 * request path only reads it.
 */
import type { ApiSpec, HttpApiKind } from '../../template/model';
import { normalizeBinaryMediaTypes } from './binary';
import { API_ID_LENGTH, stableId } from './ids';
import { createRouter, type Router } from './router';
import type { ApiFeatures } from './features';

/** HTTP APIs serve the `$default` stage at the root of their URL: no stage segment. */
export const DEFAULT_STAGE = '$default';

export interface ApiContext {
  api: ApiSpec;
  kind: HttpApiKind;
  /** 10-char id derived from the logical id: stable across restarts. */
  apiId: string;
  stage: string;
  /** "/Prod" for a named stage, "" for `$default`. */
  stagePrefix: string;
  accountId: string;
  region: string;
  binaryMediaTypes: string[];
  router: Router;
  /** Authorizers, API keys, CORS, S3 routes: set by the server when the API has any. */
  features?: ApiFeatures;
}

export function createApiContext(api: ApiSpec, accountId: string, region: string): ApiContext {
  const stage = api.stageName || (api.kind === 'rest' ? 'Prod' : DEFAULT_STAGE);
  return {
    api,
    kind: api.kind,
    apiId: stableId(`${accountId}/${region}/${api.logicalId}`, API_ID_LENGTH),
    stage,
    stagePrefix: stage === DEFAULT_STAGE ? '' : '/' + stage,
    accountId,
    region,
    binaryMediaTypes: normalizeBinaryMediaTypes(api.binaryMediaTypes ?? []),
    router: createRouter(api),
  };
}

/**
 * The path below the stage. On AWS the stage segment is always in the URL of a named stage;
 * here APIs are served at the root of their port (as `sam local start-api` does), so a path
 * that starts with the stage segment has it removed and one that does not is taken as is.
 * Both `/Prod/hello` and `/hello` reach `GET /hello`, and a resource literally named after the
 * stage needs the prefix twice, exactly as on AWS.
 */
export function pathBelowStage(ctx: ApiContext, rawPath: string): string {
  const prefix = ctx.stagePrefix;
  if (prefix === '' || !rawPath.startsWith(prefix)) return rawPath;
  if (rawPath.length === prefix.length) return '/';
  return rawPath.charCodeAt(prefix.length) === 47 /* '/' */ ? rawPath.slice(prefix.length) : rawPath;
}
