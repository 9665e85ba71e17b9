import type { TemplatePath } from '../parse/paths';
import type { EvalMode, Scope } from '../scope';

/** What an intrinsic function implementation gets: its arguments' path and helpers. */
export interface IntrinsicCall {
  /** Name in long form, e.g. `Fn::Join`. */
  name: string;
  /** Path of the arguments (ends with the function name). */
  path: TemplatePath;
  scope: Scope;
  mode: EvalMode;
  /** Evaluates a nested value found at `path` + `subPath`. */
  evaluate(value: unknown, subPath?: TemplatePath): unknown;
  fail(message: string, subPath?: TemplatePath): Error;
}

export type IntrinsicFunction = (args: unknown, call: IntrinsicCall) => unknown;

/** Checks `args` is a list of `min`..`max` items, else fails with the usage text. */
export function expectList(args: unknown, call: IntrinsicCall, min: number, max: number, usage: string): unknown[] {
  if (!Array.isArray(args) || args.length < min || args.length > max) {
    throw call.fail(`${call.name} expects ${usage}`);
  }
  return args;
}

/** Evaluates to a string; numbers are accepted and written as CloudFormation writes them. */
export function evaluateString(value: unknown, call: IntrinsicCall, subPath: TemplatePath, what: string): string {
  const result = call.evaluate(value, subPath);
  if (typeof result === 'string') return result;
  if (typeof result === 'number' || typeof result === 'boolean') return String(result);
  throw call.fail(`${call.name}: ${what} must be a string, got ${describe(result)}`, subPath);
}

export function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}
