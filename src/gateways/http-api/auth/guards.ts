/**
 * Everything that may stop a request before its integration runs, in API Gateway's order
 * (REST: API key, then authorizer — "API Gateway request/response data flow"; HTTP APIs: the
 * authorizer), and what the integration is told when it passes (`requestContext.authorizer`,
 * `requestContext.identity.apiKey`/`apiKeyId`).
 */
import type { FunctionInvoker } from '../../../services/functions/types';
import type { Clock } from '../../../shared/clock';
import type { ApiSpec, RouteSpec } from '../../../template/model';
import { headerValue, type GatewayRequest } from '../request';
import type { HttpAnswer } from '../response-v1';
import { refusal } from './answers';
import type { ApiKeyGate } from './api-keys';
import { executeApiArn } from './arns';
import type { AuthorizerCache } from './cache';
import { readApiAuth, routeAuth, type ApiAuth, type RouteAuth } from './config';
import { identityValues, pathLookup } from './identity';
import { runHttpAuthorizer } from './http-lambda';
import { verifyJwt, type JwksDirectory } from './jwt';
import { runRestAuthorizer, type Decision } from './rest-lambda';
import { readGatewayResponses, type GatewayResponses } from './gateway-responses';
import type { Refusal } from './answers';
import type { ApiKey } from './usage-plans';

export interface GuardDeps {
  invoker: FunctionInvoker;
  clock: Clock;
  cache: AuthorizerCache<unknown>;
  jwks: JwksDirectory;
  keys: ApiKeyGate;
}

export interface GuardTarget {
  api: ApiSpec;
  stage: string;
  apiId: string;
  region: string;
  accountId: string;
}

export interface GuardInput {
  route: Pick<RouteSpec, 'auth'>;
  req: GatewayRequest;
  /** Path below the stage (or below the custom domain's base path). */
  pathBelowStage: string;
  /** The integration event of this request in a payload format version. */
  event(version: '1.0' | '2.0'): Record<string, unknown>;
}

export type Passed = { ok: true; authorizer?: Record<string, unknown>; apiKey?: ApiKey };
export type GuardResult = Passed | { ok: false; answer: HttpAnswer };

export interface ApiGuards {
  auth: ApiAuth;
  /** Undefined when the route needs nothing: the hot path skips the guards entirely. */
  routeAuth(route: RouteSpec): RouteAuth | undefined;
  /** The auth of a route that is not in the API's list (SAM's CORS OPTIONS mock). */
  routeOf(route: Pick<RouteSpec, 'auth'>): RouteAuth;
  check(auth: RouteAuth, input: GuardInput): Promise<GuardResult>;
}

export function createApiGuards(target: GuardTarget, deps: GuardDeps, warn: (m: string) => void): ApiGuards | undefined {
  const { api } = target;
  if (api.auth === undefined && !api.routes.some((r) => r.auth !== undefined)) return undefined;
  const auth = readApiAuth(api, warn);
  const custom = api.kind === 'rest' ? readGatewayResponses(api.gatewayResponses) : undefined;
  const answerFor = (reason: Refusal) => (custom ? custom(reason, refusal(api.kind, reason)) : refusal(api.kind, reason));
  const perRoute = new Map<RouteSpec, RouteAuth | undefined>();
  for (const route of api.routes) {
    const r = routeAuth(auth, route, api.logicalId);
    perRoute.set(route, r.authorizer || r.apiKeyRequired ? r : undefined);
  }
  return {
    auth,
    routeAuth: (route) => (perRoute.has(route) ? perRoute.get(route) : undefined),
    routeOf: (route) => routeAuth(auth, route, api.logicalId),
    check: (routeAuthSpec, input) => check(target, deps, routeAuthSpec, input, answerFor),
  };
}

async function check(target: GuardTarget, deps: GuardDeps, auth: RouteAuth, input: GuardInput, answerFor: (reason: Refusal) => HttpAnswer): Promise<GuardResult> {
  const kind = target.api.kind;
  const passed: Passed = { ok: true };
  const keyFromAuthorizer = target.api.apiKeySourceType?.toUpperCase() === 'AUTHORIZER';
  const checkKey = (value: string | undefined): GuardResult | undefined => {
    const key = deps.keys.check(target.api.logicalId, target.stage, value);
    if (!key.ok) return { ok: false, answer: answerFor(key.refusal) };
    passed.apiKey = key.key;
    return undefined;
  };
  const needsKey = auth.apiKeyRequired && kind === 'rest';
  if (needsKey && !keyFromAuthorizer) {
    const refused = checkKey(headerValue(input.req.rawHeaders, 'x-api-key'));
    if (refused) return refused;
  }
  const authorizer = auth.authorizer;
  if (!authorizer) return needsKey && keyFromAuthorizer ? (checkKey(undefined) ?? passed) : passed;
  const arn = executeApiArn(target.region, target.accountId, target.apiId, target.stage, input.req.method, input.pathBelowStage);
  if (authorizer.kind === 'jwt') {
    const event = input.event('2.0');
    const identity = identityValues(authorizer.identity, input.req, pathLookup(event.requestContext));
    if (!identity) return { ok: false, answer: answerFor('unauthorized') };
    const decision = await verifyJwt(authorizer, identity[0], auth.scopes, deps);
    if (!decision.ok) return { ok: false, answer: 'answer' in decision ? decision.answer : answerFor('authorizerFailed') };
    return { ...passed, authorizer: decision.authorizer };
  }
  const version = kind === 'rest' ? '1.0' : authorizer.payloadVersion!;
  const event = input.event(version);
  const identity = identityValues(authorizer.identity, input.req, pathLookup(event.requestContext));
  if (!identity) return { ok: false, answer: answerFor('unauthorized') };
  const decision: Decision =
    kind === 'rest'
      ? await runRestAuthorizer(authorizer, { methodArn: arn, identity, event }, deps)
      : await runHttpAuthorizer(authorizer, { routeArn: arn, identity, event }, deps);
  if (!decision.ok) return { ok: false, answer: answerFor(decision.refusal) };
  // ApiKeySourceType AUTHORIZER: the key is the authorizer's usageIdentifierKey, checked after it.
  if (needsKey && keyFromAuthorizer) {
    const refused = checkKey(decision.usageIdentifierKey);
    if (refused) return refused;
  }
  return { ...passed, authorizer: decision.authorizer };
}

/** Writes what the guards learnt into the integration event. */
export function applyPassed(event: Record<string, unknown>, kind: 'rest' | 'http', passed: Passed): void {
  const requestContext = event.requestContext as Record<string, unknown>;
  if (passed.authorizer) {
    // HTTP API payload 1.0 shows JWT results as {claims, scopes}; 2.0 as {jwt: {claims, scopes}}.
    const jwt = (passed.authorizer as { jwt?: unknown }).jwt;
    requestContext.authorizer = kind === 'http' && event.version === '1.0' && jwt ? jwt : passed.authorizer;
  }
  if (passed.apiKey) {
    const identity = requestContext.identity as Record<string, unknown> | undefined;
    if (identity) {
      identity.apiKey = passed.apiKey.value;
      identity.apiKeyId = passed.apiKey.id;
    }
  }
}
