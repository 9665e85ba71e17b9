import type { Locator, ProblemSink } from './problems';
import type { ParameterValue } from './scope';
import { checkConstraints } from './parameter-constraints';

/**
 * Parameters with their final values: override, else Default. Types and messages follow
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html
 */
const PLAIN_TYPES = new Set(['String', 'Number', 'List<Number>', 'CommaDelimitedList']);
/** AWS-specific types (AWS::EC2::VPC::Id, List<AWS::EC2::Subnet::Id>, …) are strings or lists locally. */
const AWS_SPECIFIC_TYPE = /^(List<)?AWS::[A-Za-z0-9]+::[A-Za-z0-9:]+>?$/;
const SSM_VALUE_TYPE = /^AWS::SSM::Parameter::Value<.+>$/;

export function resolveParameters(
  section: unknown,
  overrides: Record<string, string>,
  locator: Locator,
  sink: ProblemSink,
): Map<string, ParameterValue> {
  const result = new Map<string, ParameterValue>();
  const declared = isRecord(section) ? section : {};
  if (section !== undefined && section !== null && !isRecord(section)) {
    sink.report(locator.error('Parameters must be a mapping of parameter names to definitions', ['Parameters']));
  }
  const unknown = Object.keys(overrides).filter((name) => !(name in declared));
  if (unknown.length) sink.report(locator.error(`Parameters: [${unknown.join(', ')}] do not exist in the template`, []));
  for (const [name, definition] of Object.entries(declared)) {
    const value = sink.attempt(() => resolveOne(name, definition, overrides[name], locator, sink));
    if (value) result.set(name, value);
  }
  return result;
}

function resolveOne(
  name: string,
  definition: unknown,
  override: string | undefined,
  locator: Locator,
  sink: ProblemSink,
): ParameterValue {
  const path = ['Parameters', name];
  if (!isRecord(definition)) throw locator.error('a parameter must be a mapping with a Type', path);
  const type = definition.Type;
  if (typeof type !== 'string') throw locator.error('every parameter must have a Type', path, 'key');
  if (!PLAIN_TYPES.has(type) && !AWS_SPECIFIC_TYPE.test(type) && !SSM_VALUE_TYPE.test(type)) {
    throw locator.error(`unrecognized parameter type '${type}'`, [...path, 'Type']);
  }
  const raw = override ?? defaultOf(definition.Default, locator, [...path, 'Default']);
  if (raw === undefined) throw locator.error(`Parameters: [${name}] must have values`, path, 'key');
  if (SSM_VALUE_TYPE.test(type) && override === undefined) {
    sink.warn(
      `Parameter ${name}: ${type} is read from SSM Parameter Store on AWS; Stratus uses '${raw}' as the value (pass an override to set it)`,
    );
  }
  const value = isListType(type) ? raw.split(',').map((item) => item.trim()) : raw;
  checkConstraints(name, type, value, definition, (message) => locator.error(message, path, 'key'));
  return { type, value, noEcho: definition.NoEcho === true || definition.NoEcho === 'true' };
}

function defaultOf(value: unknown, locator: Locator, path: string[]): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw locator.error('Default must be a string or number (write lists as "a,b,c")', path);
}

function isListType(type: string): boolean {
  return type === 'CommaDelimitedList' || type.startsWith('List<') || /^AWS::SSM::Parameter::Value<(List<|CommaDelimitedList)/.test(type);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
