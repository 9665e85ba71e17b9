import type { TemplatePath } from '../parse/paths';
import { NO_VALUE } from '../pseudo';
import type { EvalMode, Scope } from '../scope';
import type { IntrinsicCall } from './call';
import { INTRINSICS, UNSUPPORTED_INTRINSICS } from './registry';

/**
 * The single intrinsic evaluator: walks a value, replaces every `Ref` / `Fn::*` object with its
 * result and removes keys and list items that resolve to AWS::NoValue.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
 */
export function evaluate(value: unknown, path: TemplatePath, scope: Scope, mode: EvalMode = 'resource'): unknown {
  if (Array.isArray(value)) {
    const items = value.map((item, index) => evaluate(item, [...path, index], scope, mode));
    return items.filter((item) => item !== NO_VALUE);
  }
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const name = intrinsicName(record, mode);
  if (name) return callIntrinsic(name, record[name], path, scope, mode);
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(record)) {
    const resolved = evaluate(item, [...path, key], scope, mode);
    if (resolved !== NO_VALUE) result[key] = resolved;
  }
  return result;
}

/**
 * The function a one-key object calls, if it is an intrinsic. `Condition` is a function only in
 * the Conditions section; elsewhere (e.g. an IAM statement) it is a plain key.
 */
export function intrinsicName(record: Record<string, unknown>, mode: EvalMode): string | undefined {
  const keys = Object.keys(record);
  if (keys.length !== 1) return undefined;
  const key = keys[0]!;
  if (key === 'Ref' || key.startsWith('Fn::')) return key;
  if (key === 'Condition' && mode === 'condition') return key;
  return undefined;
}

function callIntrinsic(name: string, args: unknown, path: TemplatePath, scope: Scope, mode: EvalMode): unknown {
  const argsPath = [...path, name];
  const call: IntrinsicCall = {
    name,
    path: argsPath,
    scope,
    mode,
    evaluate: (value, subPath = []) => evaluate(value, [...argsPath, ...subPath], scope, mode),
    fail: (message, subPath = []) => scope.locator.error(message, [...argsPath, ...subPath]),
  };
  const implementation = INTRINSICS[name];
  if (implementation) return implementation(args, call);
  const reason = UNSUPPORTED_INTRINSICS[name];
  if (reason) throw call.fail(`${name} is not supported: ${reason}`);
  throw call.fail(`unknown intrinsic function ${name}`);
}
