import { evaluate } from './intrinsics/evaluate';
import type { OutputSpec } from './model';
import type { ProblemSink } from './problems';
import type { Scope } from './scope';

/**
 * Outputs, resolved. An output whose Condition is false is left out; Export names are ignored
 * (there are no other stacks to import them).
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/outputs-section-structure.html
 */
export function resolveOutputs(section: unknown, scope: Scope, sink: ProblemSink): OutputSpec[] {
  if (section === undefined || section === null) return [];
  if (typeof section !== 'object' || Array.isArray(section)) {
    sink.report(scope.locator.error('Outputs must be a mapping', ['Outputs']));
    return [];
  }
  const outputs: OutputSpec[] = [];
  for (const [name, body] of Object.entries(section as Record<string, unknown>)) {
    const output = sink.attempt(() => resolveOne(name, body, scope));
    if (output) outputs.push(output);
  }
  return outputs;
}

function resolveOne(name: string, body: unknown, scope: Scope): OutputSpec | undefined {
  const path = ['Outputs', name];
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw scope.locator.error('an output must be a mapping with a Value', path);
  const { Value: value, Description: description, Condition: condition } = body as Record<string, unknown>;
  if (value === undefined) throw scope.locator.error('every output must have a Value', path, 'key');
  if (condition !== undefined) {
    if (typeof condition !== 'string') throw scope.locator.error('Condition must be the name of a condition', [...path, 'Condition']);
    if (!scope.conditions.evaluate(condition, [...path, 'Condition'])) return undefined;
  }
  const spec: OutputSpec = { name, value: evaluate(value, [...path, 'Value'], scope) };
  if (description !== undefined) spec.description = String(evaluate(description, [...path, 'Description'], scope));
  return spec;
}
