/**
 * REST API Lambda authorizers (TOKEN and REQUEST), as in "Input to an API Gateway Lambda
 * authorizer" and "Output from an API Gateway Lambda authorizer":
 * - TOKEN: `{type: "TOKEN", authorizationToken, methodArn}`; the token must match the
 *   ValidationExpression, if any, else 401 without a call.
 * - REQUEST: `{type: "REQUEST", methodArn, resource, path, httpMethod, headers,
 *   multiValueHeaders, queryStringParameters, multiValueQueryStringParameters, pathParameters,
 *   stageVariables, requestContext}` — the proxy event without its body.
 * The answer (principalId + policyDocument + context) is cached under the identity values and
 * evaluated against every request's method ARN; the integration then sees
 * `requestContext.authorizer` = {principalId, integrationLatency, …context with values as
 * strings}.
 */
import type { FunctionInvoker } from '../../../services/functions/types';
import type { Clock } from '../../../shared/clock';
import type { AuthorizerCache } from './cache';
import { cachedAuthorizerAnswer } from './cached-answer';
import type { LambdaAuthorizer } from './config';
import { readPolicyAnswer } from './invoke-authorizer';
import { evaluatePolicy } from './policy';
import type { Refusal } from './answers';

export interface RestAuthorizerInput {
  methodArn: string;
  /** Identity-source values, already checked present. */
  identity: string[];
  /** The REST proxy event of this request (payload 1.0). */
  event: Record<string, unknown>;
}

export type Decision = { ok: true; authorizer: Record<string, unknown>; usageIdentifierKey?: string } | { ok: false; refusal: Refusal };

export async function runRestAuthorizer(
  authorizer: LambdaAuthorizer,
  input: RestAuthorizerInput,
  deps: { invoker: FunctionInvoker; clock: Clock; cache: AuthorizerCache<unknown> },
): Promise<Decision> {
  if (authorizer.validationExpression && !authorizer.validationExpression.test(input.identity[0])) return { ok: false, refusal: 'unauthorized' };
  const got = await cachedAuthorizerAnswer(authorizer, input.identity, () => authorizerEvent(authorizer, input), (value) => readPolicyAnswer(value, true), deps);
  if (!got.ok) return got;
  const { answer, latencyMs: latency } = got;
  const verdict = evaluatePolicy(answer.statements, input.methodArn);
  if (verdict === 'deny') return { ok: false, refusal: 'explicitDeny' };
  if (verdict === 'implicitDeny') return { ok: false, refusal: 'implicitDeny' };
  const context: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(answer.context)) context[k] = String(v);
  return {
    ok: true,
    authorizer: { ...context, principalId: answer.principalId, integrationLatency: latency },
    usageIdentifierKey: answer.usageIdentifierKey,
  };
}

function authorizerEvent(authorizer: LambdaAuthorizer, input: RestAuthorizerInput): Record<string, unknown> {
  if (authorizer.type === 'TOKEN') return { type: 'TOKEN', methodArn: input.methodArn, authorizationToken: input.identity[0] };
  return { type: 'REQUEST', methodArn: input.methodArn, ...restRequestFields(input.event) };
}

/** The REST proxy event's fields a REQUEST authorizer sees (no body), in API Gateway's order. */
export function restRequestFields(e: Record<string, unknown>): Record<string, unknown> {
  return {
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
