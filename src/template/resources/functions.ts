import type { FunctionSpec } from '../model';
import { inlineCodeDirectory, localDirectory } from './code';
import type { ResourceContext } from './context';
import { readEvents } from './events';
import { readEnvironment, readHandler, readLayerDirs, readLimits, readRuntime } from './function-common';
import { inlineFileName } from './runtimes';

/**
 * AWS::Serverless::Function. Properties not listed here (Policies, Role, Tracing, VpcConfig, …)
 * are accepted and ignored: they do not change how the code runs locally.
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html
 */
export function buildServerlessFunction(ctx: ResourceContext): FunctionSpec {
  const { runtime, family } = readRuntime(ctx);
  const handler = readHandler(ctx, family);
  return {
    logicalId: ctx.logicalId,
    name: ctx.env.refs.physicalName(ctx.logicalId, ['Resources', ctx.logicalId]),
    runtime,
    family,
    handler,
    codeDir: serverlessCodeDir(ctx, family),
    ...readLimits(ctx),
    environment: readEnvironment(ctx),
    layerDirs: readLayerDirs(ctx),
    events: readEvents(ctx),
  };
}

/**
 * CodeUri, or InlineCode written to a file. Without either, `sam local` uses the template's
 * directory, and so does Stratus.
 */
function serverlessCodeDir(ctx: ResourceContext, family: FunctionSpec['family']): string {
  const inline = ctx.properties.InlineCode;
  const codeUri = ctx.properties.CodeUri;
  if (inline !== undefined && codeUri !== undefined) throw ctx.fail("specify only one of 'CodeUri' or 'InlineCode'", ['InlineCode']);
  if (inline !== undefined) return inlineCode(ctx, inline, family, ['InlineCode']);
  if (codeUri === undefined) return ctx.env.baseDir;
  return localDirectory(ctx, codeUri, ['CodeUri']);
}

/**
 * AWS::Lambda::Function with Code as a local path (as `sam local` accepts it) or Code.ZipFile.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-function.html
 */
export function buildLambdaFunction(ctx: ResourceContext): FunctionSpec {
  const { runtime, family } = readRuntime(ctx);
  return {
    logicalId: ctx.logicalId,
    name: ctx.env.refs.physicalName(ctx.logicalId, ['Resources', ctx.logicalId]),
    runtime,
    family,
    handler: readHandler(ctx, family),
    codeDir: lambdaCodeDir(ctx, family),
    ...readLimits(ctx),
    environment: readEnvironment(ctx),
    layerDirs: readLayerDirs(ctx),
    events: [],
  };
}

function lambdaCodeDir(ctx: ResourceContext, family: FunctionSpec['family']): string {
  const code = ctx.properties.Code;
  if (code === undefined) throw ctx.fail('Code is required', [], 'key');
  if (typeof code === 'string') return localDirectory(ctx, code, ['Code']);
  if (typeof code === 'object' && code !== null && 'ZipFile' in code) {
    return inlineCode(ctx, (code as { ZipFile: unknown }).ZipFile, family, ['Code', 'ZipFile']);
  }
  throw ctx.fail('Code must be a local directory path or Code.ZipFile; S3 and image code are not supported locally', ['Code']);
}

function inlineCode(ctx: ResourceContext, source: unknown, family: FunctionSpec['family'], path: string[]): string {
  if (typeof source !== 'string') throw ctx.fail('inline code must be a string', path);
  const fileName = inlineFileName(family);
  if (!fileName) throw ctx.fail(`inline code is only supported for Node.js and Python runtimes`, path);
  return inlineCodeDirectory(ctx, source, fileName);
}
