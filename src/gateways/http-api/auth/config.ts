/**
 * The `Auth` of an Api/HttpApi and of its route events, read once at start into the authorizer
 * each route uses. SAM's shapes:
 * - REST (AWS::Serverless::Api, "ApiAuth"): Authorizers.<Name>.{FunctionArn, FunctionPayloadType
 *   TOKEN|REQUEST, Identity{Header, ValidationExpression, Headers, QueryStrings, StageVariables,
 *   Context, ReauthorizeEvery}}, DefaultAuthorizer, AddDefaultAuthorizerToCorsPreflight,
 *   ApiKeyRequired, UsagePlan.
 * - HTTP (AWS::Serverless::HttpApi, "HttpApiAuth"): Authorizers.<Name>.{FunctionArn,
 *   AuthorizerPayloadFormatVersion, EnableSimpleResponses, Identity{Headers, QueryStrings,
 *   ReauthorizeEvery}} or {JwtConfiguration{issuer, audience}, IdentitySource,
 *   AuthorizationScopes}, DefaultAuthorizer.
 * - Route events: Auth.{Authorizer: Name | NONE, ApiKeyRequired, AuthorizationScopes}.
 * SAM's defaults: TOKEN, header Authorization, ReauthorizeEvery 300 ("LambdaTokenAuthorizationIdentity";
 * the ApiGatewayV2 Authorizer reference gives the same 300 for AuthorizerResultTtlInSeconds).
 *
 * Not done: Cognito user pool and AWS_IAM authorizers are not enforced (start warns);
 * ResourcePolicy is ignored.
 */
import type { ApiSpec, RouteSpec } from '../../../template/model';
import { UserError } from '../../../shared/errors';

export const DEFAULT_TTL_SECONDS = 300;
export const MAX_TTL_SECONDS = 3600;

export type IdentitySource =
  | { from: 'header'; name: string }
  | { from: 'query'; name: string }
  | { from: 'stageVariable'; name: string }
  | { from: 'context'; name: string };

export interface LambdaAuthorizer {
  kind: 'lambda';
  name: string;
  functionName: string;
  /** REST: TOKEN or REQUEST. HTTP APIs are always REQUEST. */
  type: 'TOKEN' | 'REQUEST';
  /** HTTP APIs: the authorizer event and response format; REST: undefined. */
  payloadVersion?: '1.0' | '2.0';
  simpleResponses: boolean;
  identity: IdentitySource[];
  ttlSeconds: number;
  validationExpression?: RegExp;
}

export interface JwtAuthorizer {
  kind: 'jwt';
  name: string;
  issuer: string;
  audience: string[];
  identity: IdentitySource[];
  /** The authorizer's own AuthorizationScopes: the default for routes that give none. */
  scopes: string[];
}

/** Kept so start can say it is not enforced. */
export interface UnenforcedAuthorizer {
  kind: 'unenforced';
  name: string;
}

export type Authorizer = LambdaAuthorizer | JwtAuthorizer | UnenforcedAuthorizer;

export interface RouteAuth {
  authorizer?: LambdaAuthorizer | JwtAuthorizer;
  apiKeyRequired: boolean;
  scopes: string[];
}

export interface ApiAuth {
  authorizers: Map<string, Authorizer>;
  defaultAuthorizer?: string;
  apiKeyRequired: boolean;
  /** REST: does the CORS OPTIONS method get the default authorizer (SAM default true)? */
  defaultAuthorizerOnPreflight: boolean;
  /** Raw Auth.UsagePlan, read by api-keys. */
  usagePlan?: Record<string, unknown>;
}

export class AuthConfigError extends UserError {
  constructor(message: string) {
    super('InvalidAuthConfiguration', message);
  }
}

const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

const stringList = (value: unknown): string[] => {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.map(String);
  return String(value)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
};

const truthy = (value: unknown, fallback: boolean): boolean => (value === undefined || value === null ? fallback : value === true || value === 'true');

export function readApiAuth(api: ApiSpec, warn: (message: string) => void): ApiAuth {
  const auth = asRecord(api.auth) ?? {};
  const authorizers = new Map<string, Authorizer>();
  for (const [name, raw] of Object.entries(asRecord(auth.Authorizers) ?? {})) {
    const spec = asRecord(raw);
    if (!spec) throw new AuthConfigError(`${api.logicalId}: Auth.Authorizers.${name} must be a mapping`);
    const authorizer = api.kind === 'rest' ? restAuthorizer(name, spec) : httpAuthorizer(name, spec);
    if (authorizer.kind === 'unenforced') warn(`${api.logicalId}: authorizer ${name} (Cognito/IAM) is not enforced by Stratus; its routes are open`);
    authorizers.set(name, authorizer);
  }
  const defaultAuthorizer = typeof auth.DefaultAuthorizer === 'string' ? auth.DefaultAuthorizer : undefined;
  if (defaultAuthorizer && defaultAuthorizer !== 'AWS_IAM' && !authorizers.has(defaultAuthorizer)) {
    throw new AuthConfigError(`${api.logicalId}: DefaultAuthorizer ${defaultAuthorizer} is not one of Auth.Authorizers`);
  }
  if (auth.EnableIamAuthorizer === true || defaultAuthorizer === 'AWS_IAM') warn(`${api.logicalId}: the AWS_IAM authorizer is not enforced by Stratus`);
  if (auth.ResourcePolicy !== undefined) warn(`${api.logicalId}: Auth.ResourcePolicy is not enforced by Stratus`);
  return {
    authorizers,
    defaultAuthorizer: defaultAuthorizer === 'AWS_IAM' ? undefined : defaultAuthorizer,
    apiKeyRequired: truthy(auth.ApiKeyRequired, false),
    defaultAuthorizerOnPreflight: truthy(auth.AddDefaultAuthorizerToCorsPreflight, true),
    usagePlan: asRecord(auth.UsagePlan),
  };
}

/** The authorizer, API-key requirement and scopes of one route. */
export function routeAuth(apiAuth: ApiAuth, route: Pick<RouteSpec, 'auth'>, apiLogicalId: string): RouteAuth {
  const own = asRecord(route.auth) ?? {};
  const named = typeof own.Authorizer === 'string' ? own.Authorizer : apiAuth.defaultAuthorizer;
  let authorizer: Authorizer | undefined;
  if (named && named !== 'NONE' && named !== 'AWS_IAM') {
    authorizer = apiAuth.authorizers.get(named);
    if (!authorizer) throw new AuthConfigError(`${apiLogicalId}: a route names authorizer ${named}, which is not one of Auth.Authorizers`);
  }
  const enforced = authorizer && authorizer.kind !== 'unenforced' ? authorizer : undefined;
  const routeScopes = stringList(own.AuthorizationScopes);
  return {
    authorizer: enforced,
    apiKeyRequired: truthy(own.ApiKeyRequired, apiAuth.apiKeyRequired),
    scopes: routeScopes.length > 0 ? routeScopes : enforced?.kind === 'jwt' ? enforced.scopes : [],
  };
}

function restAuthorizer(name: string, spec: Record<string, unknown>): Authorizer {
  if (spec.FunctionArn === undefined) return { kind: 'unenforced', name };
  const type = String(spec.FunctionPayloadType ?? 'TOKEN').toUpperCase();
  if (type !== 'TOKEN' && type !== 'REQUEST') throw new AuthConfigError(`authorizer ${name}: FunctionPayloadType must be TOKEN or REQUEST`);
  const identity = asRecord(spec.Identity) ?? {};
  const sources: IdentitySource[] =
    type === 'TOKEN'
      ? [{ from: 'header', name: String(identity.Header ?? 'Authorization') }]
      : [
          ...stringList(identity.Headers).map((n): IdentitySource => ({ from: 'header', name: n })),
          ...stringList(identity.QueryStrings).map((n): IdentitySource => ({ from: 'query', name: n })),
          ...stringList(identity.StageVariables).map((n): IdentitySource => ({ from: 'stageVariable', name: n })),
          ...stringList(identity.Context).map((n): IdentitySource => ({ from: 'context', name: n })),
        ];
  return {
    kind: 'lambda',
    name,
    functionName: functionNameOf(name, spec.FunctionArn),
    type,
    simpleResponses: false,
    identity: sources,
    // A REQUEST authorizer without identity sources cannot be cached (no key).
    ttlSeconds: sources.length === 0 ? 0 : ttl(name, identity.ReauthorizeEvery),
    validationExpression: type === 'TOKEN' && identity.ValidationExpression ? compileValidation(name, String(identity.ValidationExpression)) : undefined,
  };
}

function httpAuthorizer(name: string, spec: Record<string, unknown>): Authorizer {
  const jwt = asRecord(spec.JwtConfiguration);
  if (jwt) {
    const issuer = jwt.issuer ?? jwt.Issuer;
    if (typeof issuer !== 'string' || issuer === '') throw new AuthConfigError(`authorizer ${name}: JwtConfiguration.issuer is required`);
    return {
      kind: 'jwt',
      name,
      issuer,
      audience: stringList(jwt.audience ?? jwt.Audience),
      identity: parseSelectionExpressions(name, spec.IdentitySource ?? '$request.header.Authorization'),
      scopes: stringList(spec.AuthorizationScopes),
    };
  }
  if (spec.FunctionArn === undefined) return { kind: 'unenforced', name };
  const version = String(spec.AuthorizerPayloadFormatVersion ?? '');
  if (version !== '1.0' && version !== '2.0') throw new AuthConfigError(`authorizer ${name}: AuthorizerPayloadFormatVersion must be 1.0 or 2.0`);
  const identity = asRecord(spec.Identity) ?? {};
  const sources: IdentitySource[] = [
    ...stringList(identity.Headers).map((n): IdentitySource => ({ from: 'header', name: n })),
    ...stringList(identity.QueryStrings).map((n): IdentitySource => ({ from: 'query', name: n })),
    ...stringList(identity.StageVariables).map((n): IdentitySource => ({ from: 'stageVariable', name: n })),
    ...stringList(identity.Context).map((n): IdentitySource => ({ from: 'context', name: n })),
  ];
  const simple = truthy(spec.EnableSimpleResponses, false);
  if (simple && version !== '2.0') throw new AuthConfigError(`authorizer ${name}: EnableSimpleResponses needs AuthorizerPayloadFormatVersion 2.0`);
  return {
    kind: 'lambda',
    name,
    functionName: functionNameOf(name, spec.FunctionArn),
    type: 'REQUEST',
    payloadVersion: version,
    simpleResponses: simple,
    identity: sources,
    ttlSeconds: sources.length === 0 ? 0 : ttl(name, identity.ReauthorizeEvery),
  };
}

/** `$request.header.Authorization, $request.querystring.token` → identity sources. */
function parseSelectionExpressions(name: string, value: unknown): IdentitySource[] {
  return stringList(value).map((expression) => {
    const m = /^\$request\.(header|querystring)\.(.+)$/.exec(expression) ?? /^\$(context|stageVariables)\.(.+)$/.exec(expression);
    if (!m) throw new AuthConfigError(`authorizer ${name}: identity source ${expression} is not $request.header.<name> or $request.querystring.<name>`);
    const from = m[1] === 'header' ? 'header' : m[1] === 'querystring' ? 'query' : m[1] === 'context' ? 'context' : 'stageVariable';
    return { from, name: m[2] } as IdentitySource;
  });
}

function ttl(name: string, value: unknown): number {
  if (value === undefined || value === null) return DEFAULT_TTL_SECONDS;
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > MAX_TTL_SECONDS) {
    throw new AuthConfigError(`authorizer ${name}: ReauthorizeEvery must be an integer from 0 to ${MAX_TTL_SECONDS}`);
  }
  return seconds;
}

/** API Gateway matches the whole token against the expression. */
function compileValidation(name: string, expression: string): RegExp {
  try {
    return new RegExp(`^(?:${expression})$`);
  } catch {
    throw new AuthConfigError(`authorizer ${name}: ValidationExpression is not a valid regular expression`);
  }
}

/** `arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]`, or a bare name. */
export function functionNameOf(authorizer: string, arn: unknown): string {
  if (typeof arn !== 'string' || arn === '') throw new AuthConfigError(`authorizer ${authorizer}: FunctionArn must resolve to a function ARN`);
  const m = /:function:([^:]+)/.exec(arn);
  return m ? m[1] : arn;
}
