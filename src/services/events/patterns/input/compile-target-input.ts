import { TargetInputError } from './errors';
import { evaluateJsonPath, type JsonPath, parseJsonPath } from './json-path';
import * as limits from './limits';
import { isPredefined, predefinedValue, type TargetInputContext } from './predefined';
import { renderTemplate } from './render';
import { parseTemplate, type ParsedTemplate, placeholdersOf } from './template';

/** The input-shaping fields of an EventBridge target (PutTargets / AWS::Events::Rule Target). */
export interface TargetInput {
  readonly Input?: string;
  readonly InputPath?: string;
  readonly InputTransformer?: {
    readonly InputPathsMap?: Readonly<Record<string, string>>;
    readonly InputTemplate: string;
  };
}

export type InputShaper = (event: Record<string, unknown>, context?: TargetInputContext) => string;

/**
 * Validates a target's input settings once (as PutTargets does) and returns the function that
 * shapes each event. With none of Input, InputPath and InputTransformer the target gets the event.
 */
export function compileTargetInput(target: TargetInput, targetId = 'target'): InputShaper {
  const given = [target.Input, target.InputPath, target.InputTransformer].filter((field) => field !== undefined);
  if (given.length > 1) {
    throw new TargetInputError(`Only one of Input, InputPath, or InputTransformer must be provided for target ${targetId}.`);
  }
  if (target.Input !== undefined) return constantInput(target.Input, targetId);
  if (target.InputPath !== undefined) return pathInput(target.InputPath, targetId);
  if (target.InputTransformer !== undefined) return transformerInput(target.InputTransformer, targetId);
  return (event) => JSON.stringify(event);
}

function constantInput(input: string, targetId: string): InputShaper {
  if (input.length > limits.MAX_INPUT_LENGTH) {
    throw new TargetInputError(`Input for target ${targetId} is longer than ${limits.MAX_INPUT_LENGTH} characters.`);
  }
  try {
    JSON.parse(input);
  } catch {
    throw new TargetInputError(`Input for target ${targetId} is not valid JSON text.`);
  }
  return () => input;
}

function pathInput(text: string, targetId: string): InputShaper {
  const path = requirePath(text, 'InputPath', targetId, limits.MAX_INPUT_PATH_LENGTH);
  return (event) => {
    const result = evaluateJsonPath(path, event);
    return result.found ? (JSON.stringify(result.value) ?? 'null') : 'null';
  };
}

function transformerInput(transformer: NonNullable<TargetInput['InputTransformer']>, targetId: string): InputShaper {
  const paths = compilePathsMap(transformer.InputPathsMap ?? {}, targetId);
  const template = compileTemplate(transformer.InputTemplate, paths, targetId);
  return (event, context = {}) =>
    renderTemplate(template, (name) => {
      const path = paths.get(name);
      if (path) return evaluateJsonPath(path, event);
      return { found: true, value: predefinedValue(name, event, context) };
    });
}

function compilePathsMap(map: Readonly<Record<string, string>>, targetId: string): Map<string, JsonPath> {
  const entries = Object.entries(map);
  if (entries.length > limits.MAX_INPUT_PATHS) {
    throw new TargetInputError(
      `InputPathsMap for target ${targetId} has ${entries.length} entries; the maximum is ${limits.MAX_INPUT_PATHS}.`,
    );
  }
  const compiled = new Map<string, JsonPath>();
  for (const [key, text] of entries) {
    if (key.length > limits.MAX_INPUT_PATHS_KEY_LENGTH || !limits.INPUT_PATHS_KEY_PATTERN.test(key)) {
      throw new TargetInputError(`InputPathsMap key ${key} for target ${targetId} must match [A-Za-z0-9_-]+ (1-256 characters).`);
    }
    compiled.set(key, requirePath(text, `InputPathsMap value for key ${key}`, targetId, limits.MAX_INPUT_PATH_LENGTH));
  }
  return compiled;
}

function requirePath(text: string, what: string, targetId: string, maxLength: number): JsonPath {
  const path = text.length <= maxLength ? parseJsonPath(text) : undefined;
  if (!path) throw new TargetInputError(`${what} for target ${targetId} is not a valid JSON path: ${text}`);
  return path;
}

function compileTemplate(source: string, paths: Map<string, JsonPath>, targetId: string): ParsedTemplate {
  if (source.length < 1 || source.length > limits.MAX_INPUT_TEMPLATE_LENGTH) {
    throw new TargetInputError(`InputTemplate for target ${targetId} must be 1-${limits.MAX_INPUT_TEMPLATE_LENGTH} characters.`);
  }
  const template = parseTemplate(source);
  for (const name of placeholdersOf(template)) {
    // AWS's wording, captured in LocalStack's AWS-validated snapshot (test_events_inputs).
    if (!paths.has(name) && !isPredefined(name)) {
      throw new TargetInputError(`InputTemplate for target ${targetId} contains invalid placeholder ${name}.`);
    }
  }
  if (template.isJson) checkJsonShape(template, targetId);
  return template;
}

/** A JSON template must stay JSON with any values filled in; a placeholder cannot be a key. */
function checkJsonShape(template: ParsedTemplate, targetId: string): void {
  // A number: a placeholder used as an object key then leaves the template invalid.
  const sample = renderTemplate(template, () => ({ found: true, value: 0 }));
  try {
    JSON.parse(sample);
  } catch (err) {
    throw new TargetInputError(`Invalid InputTemplate for target ${targetId} : ${(err as Error).message}`);
  }
}
