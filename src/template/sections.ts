import type { Locator, ProblemSink } from './problems';

/** Top-level keys CloudFormation accepts, plus SAM's Globals. */
const TOP_LEVEL_KEYS = [
  'AWSTemplateFormatVersion', 'Description', 'Metadata', 'Parameters', 'Rules', 'Mappings', 'Conditions', 'Transform',
  'Resources', 'Outputs', 'Globals',
];
export const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';

/** Checks the template's top level; returns it as a record. */
export function checkTopLevel(root: unknown, locator: Locator, sink: ProblemSink): Record<string, unknown> {
  if (typeof root !== 'object' || root === null || Array.isArray(root)) {
    throw locator.error('a template must be a mapping (Resources, Parameters, …) at the top level', []);
  }
  const template = root as Record<string, unknown>;
  const unknown = Object.keys(template).filter((key) => !TOP_LEVEL_KEYS.includes(key));
  if (unknown.length) sink.report(locator.error(`Invalid template property or properties [${unknown.join(', ')}]`, [unknown[0]!], 'key'));
  sink.attempt(() => checkTransform(template.Transform, locator));
  for (const section of ['Mappings', 'Conditions']) {
    const value = template[section];
    if (value !== undefined && value !== null && (typeof value !== 'object' || Array.isArray(value))) {
      sink.report(locator.error(`${section} must be a mapping`, [section]));
    }
  }
  return template;
}

/** Only the SAM transform runs locally; macros and AWS::LanguageExtensions do not. */
function checkTransform(transform: unknown, locator: Locator): void {
  if (transform === undefined) return;
  const list = Array.isArray(transform) ? transform : [transform];
  list.forEach((item, index) => {
    if (item === SAM_TRANSFORM) return;
    const path = Array.isArray(transform) ? ['Transform', index] : ['Transform'];
    throw locator.error(`Transform ${JSON.stringify(item)} is not supported; Stratus runs only ${SAM_TRANSFORM}`, path);
  });
}

export function hasSamTransform(template: Record<string, unknown>): boolean {
  const transform = template.Transform;
  return Array.isArray(transform) ? transform.includes(SAM_TRANSFORM) : transform === SAM_TRANSFORM;
}

export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
