import { describe } from '../intrinsics/call';
import type { RuntimeFamily } from '../model';
import type { ResourceContext } from './context';
import { runtimeFamily, unsupportedRuntimeMessage } from './runtimes';

/** Lambda defaults and limits. https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html */
export const DEFAULT_TIMEOUT_SECONDS = 3;
export const MAX_TIMEOUT_SECONDS = 900;
export const DEFAULT_MEMORY_MB = 128;
export const MIN_MEMORY_MB = 128;
export const MAX_MEMORY_MB = 10_240;
export const DEFAULT_ARCHITECTURES = ['x86_64'];

export function readRuntime(ctx: ResourceContext): { runtime: string; family: RuntimeFamily } {
  if (ctx.properties.PackageType === 'Image') {
    throw ctx.fail('PackageType Image is not supported by Stratus (container image functions need Docker)', ['PackageType']);
  }
  const runtime = ctx.requiredString('Runtime');
  const family = runtimeFamily(runtime);
  if (!family) throw ctx.fail(unsupportedRuntimeMessage(runtime), ['Runtime']);
  return { runtime, family };
}

/** Handler is required except for custom runtimes (provided*), where it is free-form. */
export function readHandler(ctx: ResourceContext, family: RuntimeFamily): string {
  if (family === 'provided') return ctx.optionalString('Handler') ?? '';
  return ctx.requiredString('Handler', ` for runtime ${String(ctx.properties.Runtime)}`);
}

export function readLimits(ctx: ResourceContext) {
  return {
    timeoutSeconds: ctx.optionalNumber('Timeout', { min: 1, max: MAX_TIMEOUT_SECONDS, unit: 'seconds' }) ?? DEFAULT_TIMEOUT_SECONDS,
    memoryMb: ctx.optionalNumber('MemorySize', { min: MIN_MEMORY_MB, max: MAX_MEMORY_MB, unit: 'MB' }) ?? DEFAULT_MEMORY_MB,
    reservedConcurrency: ctx.optionalNumber('ReservedConcurrentExecutions', { min: 0, max: Number.MAX_SAFE_INTEGER }),
    architectures: ctx.optionalStringList('Architectures') ?? [...DEFAULT_ARCHITECTURES],
  };
}

/**
 * Environment.Variables as strings: CloudFormation writes numbers and booleans as text
 * (`PORT: 8080` → "8080"); lists and maps are rejected, as the Lambda API rejects them.
 */
export function readEnvironment(ctx: ResourceContext): Record<string, string> {
  const environment = ctx.properties.Environment;
  if (environment === undefined || environment === null) return {};
  if (typeof environment !== 'object' || Array.isArray(environment)) throw ctx.fail('Environment must be a mapping with Variables', ['Environment']);
  const variables = (environment as Record<string, unknown>).Variables;
  if (variables === undefined || variables === null) return {};
  if (typeof variables !== 'object' || Array.isArray(variables)) throw ctx.fail('Environment.Variables must be a mapping', ['Environment', 'Variables']);
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(variables)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') result[name] = String(value);
    else throw ctx.fail(`environment variable ${name} must be a string, got ${describe(value)}`, ['Environment', 'Variables', name]);
  }
  return result;
}

/**
 * Layers: a Ref to a layer of this template gives its ARN, which maps back to its directory.
 * Other ARNs (published layers) cannot be fetched locally: warned about and skipped.
 */
export function readLayerDirs(ctx: ResourceContext): string[] {
  const layers = ctx.optionalStringList('Layers') ?? [];
  const dirs: string[] = [];
  for (const arn of layers) {
    const layer = ctx.env.layersByArn.get(arn);
    if (layer) dirs.push(layer.contentDir);
    else ctx.warn(`${ctx.logicalId}: layer ${arn} is not defined in this template; Stratus skips it`);
  }
  return dirs;
}
