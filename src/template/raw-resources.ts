import { mergeGlobals, type GlobalsByType } from './globals';
import type { PositionIndex } from './parse/positions';
import type { Locator, ProblemSink } from './problems';
import type { ConditionLookup } from './scope';

/** A resource before intrinsic resolution, with Globals merged and its Condition decided. */
export interface RawResource {
  logicalId: string;
  type: string;
  properties: Record<string, unknown>;
  condition?: string;
  /** False when its Condition is false: the resource is not created. */
  active: boolean;
  dependsOn: string[];
  /** Made by SAM from another resource (`<Function>Role`, ServerlessRestApi, …). */
  generatedFrom?: string;
}

/** CloudFormation logical ids are alphanumeric. */
const LOGICAL_ID = /^[A-Za-z0-9]+$/;

export function readResources(
  section: unknown,
  locator: Locator,
  sink: ProblemSink,
  conditions: ConditionLookup,
  globals: GlobalsByType,
  positions: PositionIndex,
): RawResource[] {
  if (section === undefined) throw locator.error('the template has no Resources section (at least one resource is required)', []);
  if (!isRecord(section) || Object.keys(section).length === 0) {
    throw locator.error('Resources must be a mapping with at least one resource', ['Resources']);
  }
  const resources: RawResource[] = [];
  for (const [logicalId, body] of Object.entries(section)) {
    const resource = sink.attempt(() => readOne(logicalId, body, locator, conditions, globals, positions));
    if (resource) resources.push(resource);
  }
  return resources;
}

function readOne(
  logicalId: string,
  body: unknown,
  locator: Locator,
  conditions: ConditionLookup,
  globals: GlobalsByType,
  positions: PositionIndex,
): RawResource {
  const path = ['Resources', logicalId];
  if (!LOGICAL_ID.test(logicalId)) throw locator.error('logical ids must be alphanumeric (A-Z, a-z, 0-9)', path, 'key');
  if (!isRecord(body)) throw locator.error('a resource must be a mapping with a Type', path, 'key');
  const type = body.Type;
  if (typeof type !== 'string' || !type) throw locator.error('the resource has no Type', path, 'key');
  const local = body.Properties ?? {};
  if (!isRecord(local)) throw locator.error('Properties must be a mapping', [...path, 'Properties']);
  const typeGlobals = globals.get(type);
  const properties = typeGlobals
    ? mergeGlobals(typeGlobals, local, ['Globals', type.slice('AWS::Serverless::'.length)], [...path, 'Properties'], positions)
    : local;
  const condition = body.Condition;
  if (condition !== undefined && typeof condition !== 'string') throw locator.error('Condition must be the name of a condition', [...path, 'Condition']);
  const active = condition === undefined ? true : conditions.evaluate(condition, [...path, 'Condition']);
  return { logicalId, type, properties, condition, active, dependsOn: readDependsOn(body.DependsOn, path, locator) };
}

function readDependsOn(value: unknown, path: string[], locator: Locator): string[] {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  if (!list.every((item) => typeof item === 'string')) throw locator.error('DependsOn must be a logical id or a list of them', [...path, 'DependsOn']);
  return list as string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
