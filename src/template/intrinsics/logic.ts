import { describe, expectList, type IntrinsicCall } from './call';

/**
 * Condition functions. https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-conditions.html
 * Fn::And / Fn::Or take 2 to 10 conditions.
 */
const MIN_CONDITIONS = 2;
const MAX_CONDITIONS = 10;

export function equals(args: unknown, call: IntrinsicCall): boolean {
  const [left, right] = expectList(args, call, 2, 2, 'a list of two values to compare');
  return sameValue(call.evaluate(left, [0]), call.evaluate(right, [1]));
}

/** CloudFormation compares the string forms: `!Equals [!Ref Count, 1]` holds when Count is "1". */
function sameValue(left: unknown, right: unknown): boolean {
  const scalar = (value: unknown) => typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
  if (scalar(left) && scalar(right)) return String(left) === String(right);
  return JSON.stringify(left) === JSON.stringify(right);
}

export function and(args: unknown, call: IntrinsicCall): boolean {
  const list = expectList(args, call, MIN_CONDITIONS, MAX_CONDITIONS, `a list of ${MIN_CONDITIONS} to ${MAX_CONDITIONS} conditions`);
  return list.map((item, index) => booleanOf(item, index, call)).every(Boolean);
}

export function or(args: unknown, call: IntrinsicCall): boolean {
  const list = expectList(args, call, MIN_CONDITIONS, MAX_CONDITIONS, `a list of ${MIN_CONDITIONS} to ${MAX_CONDITIONS} conditions`);
  return list.map((item, index) => booleanOf(item, index, call)).some(Boolean);
}

export function not(args: unknown, call: IntrinsicCall): boolean {
  const [condition] = expectList(args, call, 1, 1, 'a list of one condition');
  return !booleanOf(condition, 0, call);
}

/** `{ Condition: Name }` inside the Conditions section. */
export function conditionRef(args: unknown, call: IntrinsicCall): boolean {
  if (typeof args !== 'string') throw call.fail('Condition expects the name of a condition');
  return evaluateNamedCondition(args, call);
}

/**
 * `Fn::If`: [ConditionName, ValueIfTrue, ValueIfFalse]; only the chosen branch is evaluated, so a
 * Ref in the other branch may name a resource that is not created.
 */
export function fnIf(args: unknown, call: IntrinsicCall): unknown {
  const [name, whenTrue, whenFalse] = expectList(args, call, 3, 3, 'a list of three items: [ConditionName, ValueIfTrue, ValueIfFalse]');
  if (typeof name !== 'string') throw call.fail('Fn::If: the first item must be the name of a condition', [0]);
  return evaluateNamedCondition(name, call, [0]) ? call.evaluate(whenTrue, [1]) : call.evaluate(whenFalse, [2]);
}

function evaluateNamedCondition(name: string, call: IntrinsicCall, subPath: (string | number)[] = []): boolean {
  if (!call.scope.conditions.has(name)) throw call.fail(`condition '${name}' is not defined in Conditions`, subPath);
  return call.scope.conditions.evaluate(name, [...call.path, ...subPath]);
}

function booleanOf(value: unknown, index: number, call: IntrinsicCall): boolean {
  const result = call.evaluate(value, [index]);
  if (typeof result === 'boolean') return result;
  if (result === 'true' || result === 'false') return result === 'true';
  throw call.fail(`${call.name}: item ${index} must be a condition, got ${describe(result)}`, [index]);
}
