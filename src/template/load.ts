import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { TemplateError } from '../shared/errors';
import { buildResources } from './build-model';
import { ConditionTable } from './conditions';
import { generatedResources } from './generated';
import { readGlobals, type GlobalsByType } from './globals';
import type { AppModel, LoadOptions } from './model';
import { resolveOutputs } from './outputs';
import { resolveParameters } from './parameters';
import { parseTemplateFile } from './parse/parse';
import { Locator, LocatedTemplateError, ProblemSink, toProblem, type TemplateProblem } from './problems';
import { buildPseudoValues } from './pseudo';
import { readResources } from './raw-resources';
import { findDependencyCycle } from './refs/dependencies';
import { RefResolver } from './refs/resolver';
import type { Scope } from './scope';
import { asRecord, checkTopLevel, hasSamTransform } from './sections';

export interface TemplateLoadOptions extends LoadOptions {
  /** Base of queue URLs (Ref of AWS::SQS::Queue); default http://127.0.0.1:4566. */
  edgeUrl?: string;
  /** Where inline code is written; default `.stratus` beside the template. */
  stateDir?: string;
  /** Local `ws://` URL per WebSocket API logical id: what `Fn::GetAtt Api.ApiEndpoint` gives. */
  webSocketEndpoints?: Record<string, string>;
}

/** Loads a template into the app model; the first problem throws a TemplateError. */
export async function loadTemplate(templatePath: string, options: TemplateLoadOptions = {}): Promise<AppModel> {
  const sink = new ProblemSink('throw');
  return run(templatePath, options, sink, true)!;
}

/** Checks a template, collecting as many problems as it can instead of stopping at the first. */
export async function validateTemplate(
  templatePath: string,
  options: TemplateLoadOptions = {},
): Promise<{ problems: TemplateProblem[]; warnings: string[] }> {
  const sink = new ProblemSink('collect');
  try {
    run(templatePath, options, sink, false);
  } catch (error) {
    // Problems that stop everything (YAML syntax, no Resources) arrive here in collect mode.
    if (!(error instanceof TemplateError)) throw error;
    sink.problems.push(error);
  }
  return { problems: sink.problems.map(toProblem), warnings: sink.warnings };
}

function run(templatePath: string, options: TemplateLoadOptions, sink: ProblemSink, writeInlineCode: boolean): AppModel | undefined {
  const file = resolve(templatePath);
  if (!existsSync(file)) throw new LocatedTemplateError('template file not found', { file });
  const baseDir = dirname(file);
  const parsed = parseTemplateFile(file);
  const locator = new Locator(file, parsed.positions);
  const template = checkTopLevel(parsed.root, locator, sink);
  const pseudo = buildPseudoValues(file, options);
  const parameters = resolveParameters(template.Parameters, options.parameterOverrides ?? {}, locator, sink);
  const conditions = new ConditionTable(asRecord(template.Conditions), () => scope);
  const scope: Scope = { locator, sink, pseudo, parameters, mappings: asRecord(template.Mappings), conditions, refs: undefined! };
  for (const name of conditions.names()) sink.attempt(() => conditions.evaluate(name, ['Conditions', name]));
  const globals = sink.attempt(() => readGlobals(template.Globals, locator)) ?? (new Map() as GlobalsByType);
  const raw = readResources(template.Resources, locator, sink, conditions, globals, parsed.positions);
  warnWithoutTransform(template, raw.map((r) => r.type), sink);
  const generated = generatedResources(raw, globals, parsed.positions);
  const refs = new RefResolver([...raw, ...generated], () => scope);
  scope.refs = refs;
  const cycle = findDependencyCycle(raw, conditions);
  if (cycle) sink.report(locator.error(`Circular dependency between resources: [${cycle.join(', ')}]`, ['Resources', cycle[0]!], 'key'));
  const env = {
    scope,
    refs,
    baseDir,
    stateDir: options.stateDir ?? join(baseDir, '.stratus'),
    writeInlineCode,
    layersByArn: new Map(),
    typesById: new Map([...raw, ...generated].filter((r) => r.active).map((r) => [r.logicalId, r.type])),
  };
  const built = buildResources(raw, generated, env, sink);
  const outputs = resolveOutputs(template.Outputs, scope, sink);
  return {
    templatePath: file,
    baseDir,
    stackName: pseudo.stackName,
    region: pseudo.region,
    accountId: pseudo.accountId,
    ...built,
    outputs,
    warnings: sink.warnings,
  };
}

/** CloudFormation rejects AWS::Serverless::* types and Globals unless the SAM transform is declared. */
function warnWithoutTransform(template: Record<string, unknown>, types: string[], sink: ProblemSink): void {
  if (hasSamTransform(template)) return;
  if (template.Globals !== undefined || types.some((type) => type.startsWith('AWS::Serverless::'))) {
    sink.warn('the template uses SAM (AWS::Serverless::* or Globals) without "Transform: AWS::Serverless-2016-10-31"; CloudFormation would reject it');
  }
}
