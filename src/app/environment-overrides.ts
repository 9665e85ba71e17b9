/**
 * SAM's `--env-vars` semantics: a function's section overrides its own variables, `Parameters`
 * applies to every function, and only variables the template declares can be overridden
 * (SAM CLI ignores the others), so a file shared across templates never leaks variables.
 */
import type { FunctionSpec } from '../template/model';

export function environmentOverrides(
  functions: FunctionSpec[],
  envVars: Record<string, Record<string, string>>,
): Record<string, Record<string, string>> {
  const result: Record<string, Record<string, string>> = {};
  for (const fn of functions) {
    const merged = { ...(envVars.Parameters ?? {}), ...(envVars[fn.logicalId] ?? {}) };
    const declared = Object.entries(merged).filter(([key]) => key in fn.environment);
    if (declared.length > 0) result[fn.logicalId] = Object.fromEntries(declared.map(([k, v]) => [k, String(v)]));
  }
  return result;
}
