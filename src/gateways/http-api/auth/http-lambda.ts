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
import type { AuthorizerCache } from './cache';
import { cachedAuthorizerAnswer } from './cached-answer';
import type { LambdaAuthorizer } from './config';
import { readContext, readPolicyAnswer, type ContextValue, type PolicyAnswer } from './invoke-authorizer';
import { evaluatePolicy, MalformedPolicyError } from './policy';
import { restRequestFields, type Decision } from './rest-lambda';

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
  const got = await cachedAuthorizerAnswer<Cached>(
    authorizer,
    input.identity,
    () => authorizerEvent(authorizer, input),
    (value) => (authorizer.simpleResponses ? readSimple(value) : { simple: false, ...readPolicyAnswer(value, false) }),
    deps,
  );
  if (!got.ok) return got;
  const { answer } = got;
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
    ...restRequestFields(e),
  };
}

export { readContext };
