import { describe, expectList, type IntrinsicCall } from './call';
import { getAttOf, resolveName } from './references';

/**
 * `Fn::Sub`: a string, or [string, { Var: value }]. `${Name}` is a variable, a parameter, a
 * pseudo parameter or a resource's Ref; `${Res.Attr}` is a GetAtt; `${!Literal}` writes
 * `${Literal}`.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-sub.html
 */
export function sub(args: unknown, call: IntrinsicCall): string {
  const [text, variables] = typeof args === 'string' ? [args, {}] : splitArgs(args, call);
  const values = new Map<string, unknown>();
  for (const [name, value] of Object.entries(variables)) values.set(name, call.evaluate(value, [1, name]));
  return text.replace(/\$\{([^}]*)\}/g, (whole, inner: string) => {
    if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
    return stringOf(variableValue(inner.trim(), values, call), inner, call);
  });
}

function splitArgs(args: unknown, call: IntrinsicCall): [string, Record<string, unknown>] {
  const [text, variables] = expectList(args, call, 2, 2, 'a string, or a list of two items: [String, { Var: Value }]');
  if (typeof text !== 'string') throw call.fail('Fn::Sub: the first item must be a literal string', [0]);
  if (typeof variables !== 'object' || variables === null || Array.isArray(variables)) {
    throw call.fail('Fn::Sub: the second item must be a map of variables', [1]);
  }
  return [text, variables as Record<string, unknown>];
}

function variableValue(name: string, values: Map<string, unknown>, call: IntrinsicCall): unknown {
  if (values.has(name)) return values.get(name);
  const dot = name.indexOf('.');
  if (dot > 0 && !name.startsWith('AWS::')) return getAttOf(name.slice(0, dot), name.slice(dot + 1), call);
  return resolveName(name, call);
}

function stringOf(value: unknown, name: string, call: IntrinsicCall): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw call.fail(`Fn::Sub: \${${name}} must resolve to a string, got ${describe(value)}`);
}
