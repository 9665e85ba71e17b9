import { isPlainObject, OR_KEYWORD } from '../../shared/content-filter';
import { FilterPolicyError } from './errors';
import type { FilterPolicyScope } from './scope';

/** Filter policy constraints in Amazon SNS. */
export const MAX_POLICY_KEYS = 5;
export const MAX_POLICY_COMBINATIONS = 150;
export const MAX_POLICY_BYTES = 256 * 1024;

export function checkPolicyLimits(policy: Record<string, unknown>, scope: FilterPolicyScope): void {
  // "A filter policy can have a maximum of five keys"; for a nested policy only top-level keys count.
  if (Object.keys(policy).length > MAX_POLICY_KEYS) {
    throw new FilterPolicyError(`Filter policy can not have more than ${MAX_POLICY_KEYS} keys`);
  }
  const combinations = countCombinations(policy, scope, 1, 1);
  if (combinations > MAX_POLICY_COMBINATIONS) throw new FilterPolicyError('Filter policy is too complex');
}

/**
 * "To calculate the total combination, multiply the number of values in each array"; a nested key
 * weighs by its depth ("The first array has four values in a three-level nested key, and the second
 * has three values in a two-level nested key … 3 × 4 × 2 × 3 = 72"); `$or` branches add up.
 */
function countCombinations(policy: Record<string, unknown>, scope: FilterPolicyScope, depth: number, start: number): number {
  let combinations = start;
  for (const [key, value] of Object.entries(policy)) {
    if (isPlainObject(value)) {
      if (scope === 'MessageAttributes') {
        throw new FilterPolicyError('nested', 'Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy');
      }
      combinations = countCombinations(value, scope, depth + 1, combinations);
    } else if (Array.isArray(value)) {
      if (value.length === 0) throw new FilterPolicyError('Empty arrays are not allowed');
      combinations = key === OR_KEYWORD ? orCombinations(value, scope, depth, combinations) : combinations * value.length * depth;
    } else {
      throw new FilterPolicyError(`"${key}" must be an object or an array`);
    }
  }
  return combinations;
}

function orCombinations(branches: unknown[], scope: FilterPolicyScope, depth: number, start: number): number {
  // Malformed branches are reported by the compiler with Ruler's $or wording.
  return branches.reduce<number>(
    (sum, branch) => sum + (isPlainObject(branch) ? countCombinations(branch, scope, depth, start) : 0),
    0,
  );
}
