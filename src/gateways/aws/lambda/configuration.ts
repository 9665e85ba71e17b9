/**
 * A template function as Lambda's FunctionConfiguration (Lambda API Reference,
 * GetFunctionConfiguration response). Values Stratus has no source for (code size and hash, the
 * role) are stable placeholders of the right shape.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { FunctionSpec, LayerSpec } from '../../../template/model';
import { LATEST } from './names';

/** Lambda's default ephemeral storage (/tmp) in MB. */
export const DEFAULT_EPHEMERAL_STORAGE_MB = 512;

export interface ConfigurationContext {
  region: string;
  accountId: string;
  arnOf(spec: FunctionSpec): string;
  layers: LayerSpec[];
  /** When the app started: the functions' LastModified. */
  startedAt: number;
}

export function functionConfiguration(spec: FunctionSpec, ctx: ConfigurationContext): Record<string, unknown> {
  const config: Record<string, unknown> = {
    FunctionName: spec.name,
    FunctionArn: ctx.arnOf(spec),
    Runtime: spec.runtime,
    Role: `arn:aws:iam::${ctx.accountId}:role/${spec.logicalId}Role`,
    Handler: spec.handler || undefined,
    CodeSize: 0,
    Description: '',
    Timeout: spec.timeoutSeconds,
    MemorySize: spec.memoryMb,
    LastModified: lambdaTimestamp(ctx.startedAt),
    CodeSha256: createHash('sha256').update(spec.codeDir).digest('base64'),
    Version: LATEST,
    Environment: Object.keys(spec.environment).length > 0 ? { Variables: spec.environment } : undefined,
    TracingConfig: { Mode: 'PassThrough' },
    RevisionId: revisionId(spec, ctx.startedAt),
    Layers: spec.layerDirs.length > 0 ? spec.layerDirs.map((dir) => ({ Arn: layerArn(dir, ctx), CodeSize: 0 })) : undefined,
    State: 'Active',
    LastUpdateStatus: 'Successful',
    PackageType: 'Zip',
    Architectures: spec.architectures.length > 0 ? spec.architectures : ['x86_64'],
    EphemeralStorage: { Size: DEFAULT_EPHEMERAL_STORAGE_MB },
    SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
    LoggingConfig: { LogFormat: 'Text', LogGroup: `/aws/lambda/${spec.name}` },
  };
  return JSON.parse(JSON.stringify(config));
}

/** Lambda writes LastModified as `2024-01-31T09:00:00.000+0000`. */
export function lambdaTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

function layerArn(dir: string, ctx: ConfigurationContext): string {
  const name = ctx.layers.find((l) => l.contentDir === dir)?.name ?? basename(dir);
  return `arn:aws:lambda:${ctx.region}:${ctx.accountId}:layer:${name}:1`;
}

/** A UUID-shaped id that stays the same for one function for the app's life. */
function revisionId(spec: FunctionSpec, startedAt: number): string {
  const h = createHash('sha256').update(`${spec.name}:${startedAt}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
