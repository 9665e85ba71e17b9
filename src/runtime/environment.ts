/**
 * The environment variables Lambda defines for a function, and how the template's own variables
 * combine with them. Pinned to AWS Lambda docs, "Using Lambda environment variables" →
 * "Defined runtime environment variables" (reserved vs. unreserved keys).
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { FunctionSpec } from '../template/model';

/**
 * Keys Lambda reserves: a deployment that sets them is refused by AWS, so the template cannot
 * change them here either. TZ is listed as reserved in the docs but Lambda accepts it in practice
 * (a common way to pick a local time zone), so it stays overridable.
 */
export const RESERVED_VARIABLES: ReadonlySet<string> = new Set([
  '_HANDLER',
  '_X_AMZN_TRACE_ID',
  'AWS_DEFAULT_REGION',
  'AWS_REGION',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_ACCESS_KEY',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API',
  'LAMBDA_TASK_ROOT',
  'LAMBDA_RUNTIME_DIR',
]);

/** Unpublished functions always run as this version. */
export const LATEST_VERSION = '$LATEST';
export const LAMBDA_LANG = 'en_US.UTF-8';
export const LAMBDA_TZ = ':UTC';
/** Placeholder credentials: Stratus's endpoints accept any key, the SDK just needs some. */
export const PLACEHOLDER_CREDENTIALS = {
  AWS_ACCESS_KEY_ID: 'ASIASTRATUSLOCAL0000',
  AWS_SECRET_ACCESS_KEY: 'stratus-local-secret-access-key',
  AWS_SESSION_TOKEN: 'stratus-local-session-token',
} as const;

export interface LambdaEnvironmentOptions {
  region: string;
  accountId: string;
  logStreamName: string;
  endpointUrl?: string;
  /** Where the runtime's own files live (Lambda: /var/runtime). */
  runtimeDir?: string;
}

export const logGroupName = (functionName: string): string => `/aws/lambda/${functionName}`;

/** Lambda's stream name: `YYYY/MM/DD/[$LATEST]<32 hex>`, the date in UTC. */
export function newLogStreamName(now: Date = new Date(), version = LATEST_VERSION): string {
  const date = now.toISOString().slice(0, 10).replaceAll('-', '/');
  return `${date}/[${version}]${randomBytes(16).toString('hex')}`;
}

/** The full environment a function instance sees: Lambda's variables, then the template's. */
export function lambdaEnvironment(spec: FunctionSpec, opts: LambdaEnvironmentOptions): Record<string, string> {
  const defined = definedVariables(spec, opts);
  const env: Record<string, string> = { ...defined };
  for (const [key, value] of Object.entries(spec.environment)) {
    if (!RESERVED_VARIABLES.has(key)) env[key] = value;
  }
  return env;
}

/** The template keys Lambda would refuse (AWS rejects the deployment); callers may warn. */
export function reservedKeysIn(variables: Record<string, string>): string[] {
  return Object.keys(variables).filter((key) => RESERVED_VARIABLES.has(key));
}

function definedVariables(spec: FunctionSpec, opts: LambdaEnvironmentOptions): Record<string, string> {
  const env: Record<string, string> = {
    AWS_REGION: opts.region,
    AWS_DEFAULT_REGION: opts.region,
    AWS_LAMBDA_FUNCTION_NAME: spec.name,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(spec.memoryMb),
    AWS_LAMBDA_FUNCTION_VERSION: LATEST_VERSION,
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: logGroupName(spec.name),
    AWS_LAMBDA_LOG_STREAM_NAME: opts.logStreamName,
    AWS_EXECUTION_ENV: `AWS_Lambda_${spec.runtime}`,
    LAMBDA_TASK_ROOT: spec.codeDir,
    LAMBDA_RUNTIME_DIR: opts.runtimeDir ?? path.dirname(process.execPath),
    TZ: LAMBDA_TZ,
    LANG: LAMBDA_LANG,
    PATH: searchPath(spec.layerDirs),
    ...PLACEHOLDER_CREDENTIALS,
  };
  if (spec.handler) env._HANDLER = spec.handler;
  if (spec.family === 'nodejs') env.NODE_PATH = nodePath(spec);
  if (opts.endpointUrl) env.AWS_ENDPOINT_URL = opts.endpointUrl;
  return env;
}

/**
 * Lambda extracts layers into /opt in template order, later layers overwriting earlier ones, so
 * the last layer wins: list it first. Lambda's NODE_PATH order per layer is
 * node<major> (the runtime's major, e.g. node22 for nodejs22.x) first.
 */
export function layerNodeModuleDirs(layerDirs: readonly string[], runtime: string): string[] {
  const nodeMajor = /^nodejs(\d+)/.exec(runtime)?.[1] ?? process.versions.node.split('.')[0];
  return [...layerDirs]
    .reverse()
    .flatMap((dir) => [path.join(dir, 'nodejs', `node${nodeMajor}`, 'node_modules'), path.join(dir, 'nodejs', 'node_modules')]);
}

function nodePath(spec: FunctionSpec): string {
  // Lambda: /opt/nodejs/node20/node_modules:/opt/nodejs/node_modules:/var/runtime/node_modules:/var/runtime:/var/task
  return [...layerNodeModuleDirs(spec.layerDirs, spec.runtime), spec.codeDir].join(path.delimiter);
}

/** Layers' bin folders (Lambda's /opt/bin), then the host's PATH so tools the handler spawns exist. */
function searchPath(layerDirs: readonly string[]): string {
  const layerBins = [...layerDirs].reverse().map((dir) => path.join(dir, 'bin'));
  return [...layerBins, process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin'].join(path.delimiter);
}
