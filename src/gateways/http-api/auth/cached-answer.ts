/**
 * What REST and HTTP API Lambda authorizers share: the answer for a set of identity values comes
 * from the authorizer cache, or from one call of the function (its result read by `read`, a
 * malformed one being an authorizer failure, 500) that is then cached for the authorizer's TTL.
 */
import type { FunctionInvoker } from '../../../services/functions/types';
import { cacheKey, type AuthorizerCache } from './cache';
import type { LambdaAuthorizer } from './config';
import { invokeAuthorizer } from './invoke-authorizer';
import { MalformedPolicyError } from './policy';
import type { Refusal } from './answers';

/** `latencyMs`: how long the function call took, 0 for an answer from the cache. */
export type CachedAnswer<T> = { ok: true; answer: T; latencyMs: number } | { ok: false; refusal: Refusal };

export async function cachedAuthorizerAnswer<T>(
  authorizer: LambdaAuthorizer,
  identity: string[],
  /** Built only when the cache has no answer. */
  event: () => Record<string, unknown>,
  read: (value: unknown) => T,
  deps: { invoker: FunctionInvoker; cache: AuthorizerCache<unknown> },
): Promise<CachedAnswer<T>> {
  const key = cacheKey(authorizer.name, identity);
  const cached = deps.cache.get(key) as T | undefined;
  if (cached) return { ok: true, answer: cached, latencyMs: 0 };
  const started = Date.now();
  const invoked = await invokeAuthorizer(deps.invoker, authorizer.functionName, event());
  const latencyMs = Date.now() - started;
  if (!invoked.ok) return { ok: false, refusal: invoked.reason };
  let answer: T;
  try {
    answer = read(invoked.value);
  } catch (err) {
    if (err instanceof MalformedPolicyError) return { ok: false, refusal: 'authorizerFailed' };
    throw err;
  }
  deps.cache.set(key, answer, authorizer.ttlSeconds);
  return { ok: true, answer, latencyMs };
}
