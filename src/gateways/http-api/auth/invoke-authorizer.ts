/**
 * Running an authorizer function and reading what it answered. A function error whose message
 * is exactly "Unauthorized" is API Gateway's signal for 401 (the blueprints' `raise
 * Exception('Unauthorized')`; any other text gives 500, auth0-samples/jwt-rsa-aws-custom-authorizer#6);
 * every other failure — error, timeout, throttle, a result that is not JSON — is an authorizer
 * failure (500).
 */
import type { FunctionInvoker } from '../../../services/functions/types';
import { MalformedPolicyError, readPolicy, type PolicyStatement } from './policy';

export type Invoked = { ok: true; value: unknown } | { ok: false; reason: 'unauthorized' | 'authorizerFailed' };

export async function invokeAuthorizer(invoker: FunctionInvoker, functionName: string, event: unknown): Promise<Invoked> {
  let outcome;
  try {
    outcome = await invoker.invoke(functionName, JSON.stringify(event));
  } catch {
    return { ok: false, reason: 'authorizerFailed' };
  }
  if (outcome.status === 'success') {
    try {
      return { ok: true, value: JSON.parse(outcome.payload) };
    } catch {
      return { ok: false, reason: 'authorizerFailed' };
    }
  }
  if (outcome.status === 'error' && outcome.kind === 'handled' && outcome.error.errorMessage === 'Unauthorized') return { ok: false, reason: 'unauthorized' };
  return { ok: false, reason: 'authorizerFailed' };
}

export type ContextValue = string | number | boolean;

/** The IAM-policy answer of an authorizer ("Output from an API Gateway Lambda authorizer"). */
export interface PolicyAnswer {
  principalId?: string;
  statements: PolicyStatement[];
  context: Record<string, ContextValue>;
  usageIdentifierKey?: string;
}

/**
 * principalId and policyDocument are required for REST; `context` holds only strings, numbers
 * and booleans (a nested object or array makes API Gateway fail the request with 500).
 */
export function readPolicyAnswer(value: unknown, principalRequired: boolean): PolicyAnswer {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new MalformedPolicyError('the authorizer result is not an object');
  const result = value as Record<string, unknown>;
  const principal = result.principalId;
  if (principal !== undefined && principal !== null && typeof principal !== 'string' && typeof principal !== 'number') {
    throw new MalformedPolicyError('principalId must be a string');
  }
  if (principalRequired && (principal === undefined || principal === null)) throw new MalformedPolicyError('principalId is missing');
  if (result.policyDocument === undefined) throw new MalformedPolicyError('policyDocument is missing');
  const usage = result.usageIdentifierKey;
  return {
    principalId: principal === undefined || principal === null ? undefined : String(principal),
    statements: readPolicy(result.policyDocument),
    context: readContext(result.context),
    usageIdentifierKey: typeof usage === 'string' ? usage : undefined,
  };
}

export function readContext(value: unknown): Record<string, ContextValue> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new MalformedPolicyError('context must be an object');
  const context: Record<string, ContextValue> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') throw new MalformedPolicyError(`context.${key} must be a string, number or boolean`);
    context[key] = v;
  }
  return context;
}
