/**
 * HTTP API Lambda authorizers ("Working with AWS Lambda authorizers for HTTP APIs"):
 * - payload 2.0 event: {version, type: "REQUEST", routeArn, identitySource: [values], routeKey,
 *   rawPath, rawQueryString, cookies, headers, queryStringParameters, requestContext,
 *   pathParameters, stageVariables}; payload 1.0: the REST REQUEST shape plus `version`,
 *   `identitySource` and `authorizationToken` (the values joined by commas);
 * - answers: with EnableSimpleResponses `{isAuthorized, context}`, otherwise an IAM policy
 *   (principalId optional) evaluated against the route ARN;
 * - the integration sees `requestContext.authorizer.lambda` = the context as returned.
 * Refusals are 403 {"message":"Forbidden"}; failures 500.
 */
import type { FunctionInvoker } from '../../../services/functions/types';
import type { Clock } from '../../../shared/clock';
import { cacheKey, type AuthorizerCache } from './cache';
import type { LambdaAuthorizer } from './config';
import { invokeAuthorizer, readContext, readPolicyAnswer, type ContextValue, type PolicyAnswer } from './invoke-authorizer';
import { evaluatePolicy, MalformedPolicyError } from './policy';
import type { Decision } from './rest-lambda';

export interface HttpAuthorizerInput {
  routeArn: string;
  identity: string[];
  /** The request as a payload event of the authorizer's format version. */
  event: Record<string, unknown>;
}

type SimpleAnswer = { simple: true; isAuthorized: boolean; context: Record<string, unknown> };
type Cached = SimpleAnswer | ({ simple: false } & PolicyAnswer);

export async function runHttpAuthorizer(
  authorizer: LambdaAuthorizer,
  input: HttpAuthorizerInput,
  deps: { invoker: FunctionInvoker; clock: Clock; cache: AuthorizerCache<unknown> },
): Promise<Decision> {
  const key = cacheKey(authorizer.name, input.identity);
  let answer = deps.cache.get(key) as Cached | undefined;
  if (!answer) {
    const invoked = await invokeAuthorizer(deps.invoker, authorizer.functionName, authorizerEvent(authorizer, input));
    if (!invoked.ok) return { ok: false, refusal: invoked.reason };
    try {
      answer = authorizer.simpleResponses ? readSimple(invoked.value) : { simple: false, ...readPolicyAnswer(invoked.value, false) };
    } catch (err) {
      if (err instanceof MalformedPolicyError) return { ok: false, refusal: 'authorizerFailed' };
      throw err;
    }
    deps.cache.set(key, answer, authorizer.ttlSeconds);
  }
  if (answer.simple) {
    return answer.isAuthorized ? { ok: true, authorizer: { lambda: answer.context } } : { ok: false, refusal: 'explicitDeny' };
  }
  const verdict = evaluatePolicy(answer.statements, input.routeArn);
  if (verdict !== 'allow') return { ok: false, refusal: 'explicitDeny' };
  const lambda: Record<string, ContextValue> = { ...answer.context };
  return { ok: true, authorizer: { lambda } };
}

/** Simple responses may carry any JSON values in `context`; isAuthorized must be a boolean. */
function readSimple(value: unknown): SimpleAnswer {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new MalformedPolicyError('the authorizer result is not an object');
  const result = value as Record<string, unknown>;
  if (typeof result.isAuthorized !== 'boolean') throw new MalformedPolicyError('isAuthorized must be a boolean');
  const context = result.context;
  if (context !== undefined && context !== null && (typeof context !== 'object' || Array.isArray(context))) {
    throw new MalformedPolicyError('context must be an object');
  }
  return { simple: true, isAuthorized: result.isAuthorized, context: (context as Record<string, unknown>) ?? {} };
}

function authorizerEvent(authorizer: LambdaAuthorizer, input: HttpAuthorizerInput): Record<string, unknown> {
  const e = input.event;
  if (authorizer.payloadVersion === '2.0') {
    const event: Record<string, unknown> = {
      version: '2.0',
      type: 'REQUEST',
      routeArn: input.routeArn,
      identitySource: input.identity,
      routeKey: e.routeKey,
      rawPath: e.rawPath,
      rawQueryString: e.rawQueryString,
    };
    if (e.cookies) event.cookies = e.cookies;
    event.headers = e.headers;
    if (e.queryStringParameters) event.queryStringParameters = e.queryStringParameters;
    event.requestContext = e.requestContext;
    if (e.pathParameters) event.pathParameters = e.pathParameters;
    return event;
  }
  const joined = input.identity.join(',');
  return {
    version: '1.0',
    type: 'REQUEST',
    methodArn: input.routeArn,
    identitySource: joined,
    authorizationToken: joined,
    resource: e.resource,
    path: e.path,
    httpMethod: e.httpMethod,
    headers: e.headers,
    multiValueHeaders: e.multiValueHeaders,
    queryStringParameters: e.queryStringParameters,
    multiValueQueryStringParameters: e.multiValueQueryStringParameters,
    pathParameters: e.pathParameters,
    stageVariables: e.stageVariables,
    requestContext: e.requestContext,
  };
}

export { readContext };
