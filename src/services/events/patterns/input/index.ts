import { compileTargetInput, type TargetInput } from './compile-target-input';
import type { TargetInputContext } from './predefined';

export { compileTargetInput, type TargetInput, type InputShaper } from './compile-target-input';
export { type TargetInputContext, PREDEFINED_VARIABLES } from './predefined';
export { TargetInputError } from './errors';
export { parseJsonPath, evaluateJsonPath } from './json-path';

/**
 * The text EventBridge sends to a rule target for `event`: the event itself, a constant Input,
 * the part an InputPath selects, or an InputTransformer's filled template. Throws TargetInputError
 * for settings PutTargets would reject. Compile once with compileTargetInput on hot paths.
 */
export function shapeTargetInput(event: object, target: TargetInput, context: TargetInputContext = {}): string {
  return compileTargetInput(target, context.targetId)(event as Record<string, unknown>, context);
}

/** PutTargets-time validation only. */
export function validateTargetInput(target: TargetInput, targetId?: string): void {
  compileTargetInput(target, targetId);
}
